import { describe, expect, it } from 'vitest'
import { RENDERER_ENTRY_URL } from '../renderer-scheme'
import { createTrustedSenderCheck } from './trusted-sender'

/** Refused whatever the renderer's page is. */
const NEVER_TRUSTED = ['about:blank', 'not a url', '']

describe('createTrustedSenderCheck', () => {
  describe.each([
    {
      page: 'the dev server',
      entry: 'http://localhost:5173/',
      // Any page of its origin.
      trusted: ['http://localhost:5173/', 'http://localhost:5173/index.html?x=1#room'],
      refused: [
        'http://localhost:5174/',
        'https://localhost:5173/',
        'http://127.0.0.1:5173/',
        'http://localhost:5173.evil.example/',
        'file:///index.html',
      ],
    },
    {
      page: 'the app scheme',
      entry: RENDERER_ENTRY_URL,
      // Exactly the entry page, whatever its query or fragment.
      trusted: [
        'app://lanroom/index.html',
        'app://lanroom/index.html#/room/1',
        'app://lanroom/index.html?x=1',
      ],
      refused: [
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
      ],
    },
  ])('for $page', ({ entry, trusted, refused }) => {
    const isTrusted = createTrustedSenderCheck(entry)

    it.each(trusted)('trusts %s', (url) => {
      expect(isTrusted(url)).toBe(true)
    })

    it.each([...refused, ...NEVER_TRUSTED])('refuses %s', (url) => {
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
