import { describe, expect, it } from 'vitest'
import { qrImageUrl } from './qr-image'

describe('qrImageUrl', () => {
  it('is an SVG image of black modules on white, with nothing to run', () => {
    const url = qrImageUrl(`https://192.168.1.20:47800/#fp=${'ab'.repeat(32)}`)
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true)
    const svg = decodeURIComponent(url.slice(url.indexOf(',') + 1))
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1">/)
    expect(svg).not.toMatch(/<script|style=|on\w+=/i)
  })
})
