import { describe, expect, it } from 'vitest'
import { isExternalLink } from './external-link'

describe('isExternalLink', () => {
  it.each(['https://example.org/', 'http://192.168.1.20:8080/a?b#c', 'HTTPS://EXAMPLE.ORG'])(
    'lets %s go to the browser',
    (url) => expect(isExternalLink(url)).toBe(true),
  )

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'app://lanroom/index.html',
    'vscode://file/x',
    'data:text/html,hi',
    'not a url',
    '',
  ])('keeps %s in', (url) => expect(isExternalLink(url)).toBe(false))
})
