import { describe, expect, it } from 'vitest'
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

  describe('for the packaged page', () => {
    const isTrusted = createTrustedSenderCheck('file:///opt/LAN%20Room/out/renderer/index.html')

    it('trusts exactly that file, whatever its query or fragment', () => {
      expect(isTrusted('file:///opt/LAN%20Room/out/renderer/index.html')).toBe(true)
      expect(isTrusted('file:///opt/LAN%20Room/out/renderer/index.html#/room/1')).toBe(true)
    })

    it.each([
      'file:///opt/LAN%20Room/out/renderer/other.html',
      'file:///home/ada/Downloads/index.html',
      'file:///opt/LAN%20Room/out/renderer/index.html/../../../../tmp/x.html',
      'file://remote-host/opt/LAN%20Room/out/renderer/index.html',
      'http://localhost:5173/',
      'about:blank',
    ])('refuses %s', (url) => {
      expect(isTrusted(url)).toBe(false)
    })
  })

  it('refuses to be built for any other scheme', () => {
    expect(() => createTrustedSenderCheck('data:text/html,hi')).toThrow(/http\(s\) or file/)
  })
})
