import { describe, expect, it } from 'vitest'
import { avatarColours, HUES, hslToHex, hueIndex } from './avatar-colours'
import { AA_TEXT, contrastRatio } from './contrast'

describe('avatarColours', () => {
  const ids = Array.from(
    { length: 2000 },
    (_, i) => `client-${i.toString(36)}-${(i * 7919) % 1000}`,
  )

  it('gives every id initials that meet WCAG AA on its disc, in light and dark', () => {
    for (const id of ids) {
      const { light, dark } = avatarColours(id)
      expect(contrastRatio(light.text, light.background), id).toBeGreaterThanOrEqual(AA_TEXT)
      expect(contrastRatio(dark.text, dark.background), id).toBeGreaterThanOrEqual(AA_TEXT)
    }
  })

  it('spreads ids over all the hues, and the hues are distinct colours', () => {
    const used = new Set(ids.map(hueIndex))
    expect(used.size).toBe(HUES)
    const backgrounds = new Set(ids.map((id) => avatarColours(id).light.background))
    expect(backgrounds.size).toBe(HUES)
  })

  it('is stable for an id and differs for two Alices', () => {
    expect(avatarColours('client-ada-0001')).toEqual(avatarColours('client-ada-0001'))
    const pairs = ids.slice(0, 200).filter((id, i) => hueIndex(id) !== hueIndex(ids[i + 1] ?? id))
    expect(pairs.length).toBeGreaterThan(150)
  })
})

describe('hslToHex', () => {
  it('gives the sRGB colour of a hue, saturation and lightness', () => {
    expect(hslToHex(0, 1, 0.5)).toBe('#ff0000')
    expect(hslToHex(120, 1, 0.25)).toBe('#008000')
  })
})
