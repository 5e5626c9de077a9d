/**
 * Typing on the timeline writes in the composer, as in Slack: which keys count. One character
 * (of any plane), with no Ctrl, Cmd or Alt (shortcuts), not Space (it scrolls the list or
 * presses a button), not in an IME composition, and not aimed at a field (the message editor,
 * a picker's search box, inside its shadow DOM too: `origin` is where the key really went).
 */
const EDITABLE = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])'

type KeyPress = Pick<
  KeyboardEvent,
  'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'isComposing' | 'defaultPrevented'
>

export function typesIntoComposer(
  event: KeyPress,
  origin: { closest(selectors: string): unknown } | null,
): boolean {
  if (event.defaultPrevented || event.isComposing) return false
  if (event.ctrlKey || event.metaKey || event.altKey) return false
  if ([...event.key].length !== 1 || event.key === ' ') return false
  return !origin?.closest(EDITABLE)
}
