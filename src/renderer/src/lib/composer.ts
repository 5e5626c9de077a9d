/**
 * The composer's length limit, shown only near it: a counter that appears in the last tenth
 * (or last 50 characters, for small limits) and turns into a warning past the limit. Lengths
 * are UTF-16 code units, as the hub counts them.
 */
export interface LengthHint {
  visible: boolean
  over: boolean
  /** For people: `3,612 / 4,000`, or how much too long. */
  text: string
}

export function lengthHint(length: number, max: number): LengthHint {
  const remaining = max - length
  const threshold = Math.max(50, Math.floor(max / 10))
  if (remaining < 0) {
    const over = -remaining
    return {
      visible: true,
      over: true,
      text: `${over.toLocaleString()} ${over === 1 ? 'character' : 'characters'} too long`,
    }
  }
  return {
    visible: remaining <= threshold,
    over: false,
    text: `${length.toLocaleString()} / ${max.toLocaleString()}`,
  }
}

/** Whether the text can be sent: something besides whitespace, within the limit. */
export function canSend(text: string, max: number): boolean {
  return text.trim().length > 0 && text.length <= max
}
