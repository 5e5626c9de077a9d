import { describe, expect, it } from 'vitest'
import { RENDERER_ENTRY_URL } from '../renderer-scheme'
import { createTrustedSenderCheck } from './trusted-sender'

describe('createTrustedSenderCheck', () => {
  describe('for the dev server', () => {
    const isTrusted = createTrustedSenderCheck('http://localhost:5173/')

    it('trusts pages of its origin', () => {
      expect(isTrusted('http://localhost:5173/')).toBe(true)
      expect(isTrusted('http://localhost:5173/index.html?x=1#room')).toBe(true)
    })

    it.each([
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/',
      'http://localhost:5173.evil.example/',
      'file:///index.html',
      'about:blank',
      'not a url',
      '',
    ])('refuses %s', (url) => {
      expect(isTrusted(url)).toBe(false)
    })
  })

  describe('for the app scheme', () => {
    const isTrusted = createTrustedSenderCheck(RENDERER_ENTRY_URL)

    it('trusts exactly the entry page, whatever its query or fragment', () => {
      expect(isTrusted('app://lanroom/index.html')).toBe(true)
      expect(isTrusted('app://lanroom/index.html#/room/1')).toBe(true)
      expect(isTrusted('app://lanroom/index.html?x=1')).toBe(true)
    })

    it.each([
      'app://lanroom/other.html',
      'app://lanroom/',
      'app://lanroom/assets/index.html',
      'app://evil/index.html',
      'app://lanroom.evil/index.html',
      'app://lanroom:1/index.html',
      'app://user@lanroom/index.html',
      'apps://lanroom/index.html',
      'file:///opt/LAN%20Room/resources/app.asar/out/renderer/index.html',
      'file:///index.html',
      'http://lanroom/index.html',
      'http://localhost:5173/',
      'about:blank',
      'not a url',
      '',
    ])('refuses %s', (url) => {
      expect(isTrusted(url)).toBe(false)
    })
  })

  it('refuses to be built for any other page', () => {
    expect(() => createTrustedSenderCheck('data:text/html,hi')).toThrow(/dev server/)
    expect(() => createTrustedSenderCheck('file:///opt/out/renderer/index.html')).toThrow(
      /dev server/,
    )
    expect(() => createTrustedSenderCheck('app://other/index.html')).toThrow(/dev server/)
  })
})
