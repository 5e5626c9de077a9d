import { RENDERER_HOST, RENDERER_SCHEME } from '../renderer-scheme'
import type { TrustedSenderCheck } from './dispatch'

/**
 * Trusts only frames showing the app's own page: the dev server's origin in development, or
 * exactly the renderer's entry page on the app's own scheme (`app://lanroom/index.html`,
 * src/main/renderer-scheme.ts) otherwise. Any other page is not trusted: another host or path
 * on the scheme, a file:// page, about:blank.
 *
 * @param rendererUrl the URL the window loads: `ELECTRON_RENDERER_URL` or RENDERER_ENTRY_URL.
 */
export function createTrustedSenderCheck(rendererUrl: string): TrustedSenderCheck {
  const expected = new URL(rendererUrl)

  if (expected.protocol === 'http:' || expected.protocol === 'https:') {
    return (frameUrl) => parse(frameUrl)?.origin === expected.origin
  }
  if (expected.protocol === `${RENDERER_SCHEME}:` && expected.host === RENDERER_HOST) {
    return (frameUrl) => {
      const actual = parse(frameUrl)
      // Query and fragment are the page's own business (routing); the document is the path.
      // Compared part by part: Node gives URLs of a scheme it does not know the origin "null".
      return (
        actual !== null &&
        actual.protocol === expected.protocol &&
        actual.host === expected.host &&
        actual.username === '' &&
        actual.password === '' &&
        actual.pathname === expected.pathname
      )
    }
  }
  throw new Error(
    `The renderer must be the dev server (http) or ${RENDERER_SCHEME}://${RENDERER_HOST}/, not ${rendererUrl}`,
  )
}

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}
