/**
 * An avatar's colours, from the member's client id (names change and collide; ids do not):
 * one of HUES distinct hues, with the initials meeting WCAG AA (4.5:1) against the disc in both
 * themes. Light theme: a deep disc with white initials; dark theme: a pale disc with near-black
 * initials. Each disc's lightness is found by stepping until the contrast holds, so every hue
 * passes whatever its own luminance (yellow needs a much darker shade than blue).
 */

import { AA_TEXT, contrastRatio } from './contrast'

/** Hues around the wheel, 30° apart: neighbours are told apart at a glance. */
export const HUES = 12
const WHITE = '#ffffff'
const INK = '#14161a'

export interface AvatarColours {
  light: { background: string; text: string }
  dark: { background: string; text: string }
}

/** A stable small hash of the id (FNV-1a): the same id gives the same hue everywhere. */
export function hueIndex(seed: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0) % HUES
}

const cache = new Map<number, AvatarColours>()

export function avatarColours(seed: string): AvatarColours {
  const index = hueIndex(seed)
  let colours = cache.get(index)
  if (!colours) {
    const hue = index * (360 / HUES)
    colours = {
      light: { background: shade(hue, 0.62, 0.42, -0.02, WHITE), text: WHITE },
      dark: { background: shade(hue, 0.7, 0.72, 0.02, INK), text: INK },
    }
    cache.set(index, colours)
  }
  return colours
}

/** The first lightness from `start`, stepping by `step`, whose colour meets AA with `text`. */
function shade(hue: number, saturation: number, start: number, step: number, text: string): string {
  for (let lightness = start; lightness > 0 && lightness < 1; lightness += step) {
    const colour = hslToHex(hue, saturation, lightness)
    if (contrastRatio(text, colour) >= AA_TEXT) return colour
  }
  return step < 0 ? '#000000' : WHITE
}

export function hslToHex(hue: number, saturation: number, lightness: number): string {
  const a = saturation * Math.min(lightness, 1 - lightness)
  const channel = (n: number): string => {
    const k = (n + hue / 30) % 12
    const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0')
  }
  return `#${channel(0)}${channel(8)}${channel(4)}`
}
