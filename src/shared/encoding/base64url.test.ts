import { describe, expect, it } from 'vitest'
import { base64urlToBytes, bytesToBase64url } from './base64url'

describe('base64url', () => {
  it('encodes and decodes as Node does, at every length', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Buffer.from(crypto.getRandomValues(new Uint8Array(length)))
      const text = bytesToBase64url(bytes)
      expect(text).toBe(bytes.toString('base64url'))
      expect(Buffer.from(base64urlToBytes(text))).toEqual(bytes)
    }
  })

  it('refuses what is not unpadded base64url', () => {
    for (const bad of ['A', 'AB=', 'a+b/', 'ab cd', 'é']) {
      expect(() => base64urlToBytes(bad), bad).toThrow(RangeError)
    }
  })
})
