import type { TrustedSenderCheck } from './dispatch'

/**
 * Trusts only frames showing the app's own page: the dev server's origin in development, or
 * exactly the packaged index.html in production. Any other file:// page (a downloaded .html
 * file, say) is not trusted, even though it shares the file:// scheme.
 *
 * @param rendererUrl the URL the window loads: `ELECTRON_RENDERER_URL` or the file URL of
 *   out/renderer/index.html.
 */
export function createTrustedSenderCheck(rendererUrl: string): TrustedSenderCheck {
  const expected = new URL(rendererUrl)

  if (expected.protocol === 'http:' || expected.protocol === 'https:') {
    return (frameUrl) => parse(frameUrl)?.origin === expected.origin
  }
  if (expected.protocol === 'file:') {
    return (frameUrl) => {
      const actual = parse(frameUrl)
      // Query and fragment are the page's own business (routing); the document is the path.
      return (
        actual !== null &&
        actual.protocol === 'file:' &&
        actual.host === expected.host &&
        actual.pathname === expected.pathname
      )
    }
  }
  throw new Error(`The renderer must be served over http(s) or file://, not ${expected.protocol}`)
}

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}
