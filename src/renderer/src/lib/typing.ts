/**
 * The typing indicator, both ways: telling the room that you type (throttled, because each
 * call crosses to main and then the network), and saying who else does.
 */
import { t } from './i18n'
import { formatList } from './intl-locale'

/** How often "still typing" is repeated while someone keeps typing (the hub's own pace). */
export const TYPING_REPEAT_MS = 2_000

export class TypingReporter {
  #active = false
  #lastSent = Number.NEGATIVE_INFINITY

  constructor(
    private readonly send: (active: boolean) => void,
    private readonly repeatMs: number = TYPING_REPEAT_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get active(): boolean {
    return this.#active
  }

  /** Call on every edit with the composer's whole text. */
  input(text: string): void {
    if (text.trim() === '') {
      this.stop()
      return
    }
    const now = this.now()
    if (!this.#active || now - this.#lastSent >= this.repeatMs) {
      this.#active = true
      this.#lastSent = now
      this.send(true)
    }
  }

  /** Call when the message was sent, the composer emptied, or the room left. */
  stop(): void {
    if (!this.#active) return
    this.#active = false
    this.#lastSent = Number.NEGATIVE_INFINITY
    this.send(false)
  }
}

/** `Alice is typing…`, `Alice and Bob are typing…`, `Several people are typing…`. */
export function typingText(names: readonly string[]): string {
  if (names.length === 0) return ''
  // Up to three names; the verb agrees with how many (Arabic has a dual: "يكتبان").
  if (names.length <= 3) {
    return t('typing.names', { count: names.length, names: formatList(names) })
  }
  return t('typing.several')
}
