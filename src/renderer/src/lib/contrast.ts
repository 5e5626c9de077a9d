/**
 * WCAG 2 contrast between two opaque sRGB colours given as hex (#rgb or #rrggbb): what the
 * theme's test checks its tokens with, and what derived colours (avatars) can be held to.
 */

/** WCAG AA for body text, and for large text (24 px, or 18.66 px bold). */
export const AA_TEXT = 4.5
export const AA_LARGE_TEXT = 3

/** The colour's channels 0-255, or null when it is not an opaque hex colour. */
export function parseHex(color: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())
  if (!match?.[1]) return null
  const digits =
    match[1].length === 3
      ? [...match[1]].map((digit) => digit + digit)
      : [match[1].slice(0, 2), match[1].slice(2, 4), match[1].slice(4, 6)]
  const [red = 0, green = 0, blue = 0] = digits.map((pair) => Number.parseInt(pair, 16))
  return [red, green, blue]
}

/** Relative luminance, as WCAG 2 defines it (sRGB channels linearised, then weighted). */
export function relativeLuminance([red, green, blue]: [number, number, number]): number {
  const linear = (channel: number): number => {
    const value = channel / 255
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
}

/** The contrast ratio of two hex colours, 1 to 21; throws on anything else. */
export function contrastRatio(foreground: string, background: string): number {
  const [a, b] = [foreground, background].map((color) => {
    const rgb = parseHex(color)
    if (!rgb) throw new Error(`not an opaque hex colour: ${color}`)
    return relativeLuminance(rgb)
  }) as [number, number]
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
}
