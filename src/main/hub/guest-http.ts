import type { IncomingMessage, ServerResponse } from 'node:http'
import { pipeline } from 'node:stream'
import { createGunzip } from 'node:zlib'
import type { GuestFiles } from './guest-files'

/**
 * The page may load only its own files, talk only to its own hub, and be framed by nobody.
 * Styles need no 'unsafe-inline': the renderer already runs under `style-src 'self'` (its
 * index.html), and Svelte sets styles through the CSSOM. 'wasm-unsafe-eval' lets the page
 * compile WebAssembly (OPAQUE's crypto), never JavaScript from strings.
 */
export const GUEST_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  // 'self' covers the page's own wss:// origin (CSP 3); a bare wss: would allow any host.
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

/** On every answer of the guest app's paths, files or not. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': GUEST_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

/** Longest request path looked up at all; the build's paths are far shorter. */
export const MAX_GUEST_PATH = 512

export const GUESTS_OFF_TEXT = 'Guest access is off for this room'
const GUESTS_OFF_PAGE =
  '<!doctype html><meta charset="utf-8"><title>LAN Room</title>' + `<p>${GUESTS_OFF_TEXT}.</p>\n`

/**
 * Answers a request for the guest app: GET or HEAD of `/` (index.html) or of a file in `files`,
 * looked up by the exact path as sent. Nothing is decoded or joined to a directory, so `..`,
 * `%2e%2e`, encoded slashes, backslashes and NUL are simply paths the map does not have (404).
 * With guests off (`allowed` false), `/` and `/index.html` answer 403 and the rest 404.
 */
export function serveGuest(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  files: GuestFiles | null,
  allowed: boolean,
): void {
  if (path.length > MAX_GUEST_PATH) return plain(res, 414, 'Path too long.')
  const key = path === '/' ? '/index.html' : path
  if (!allowed && key === '/index.html') {
    res.writeHead(403, {
      ...SECURITY_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(GUESTS_OFF_PAGE),
    })
    res.end(req.method === 'HEAD' ? undefined : GUESTS_OFF_PAGE)
    return
  }
  const file = allowed ? files?.get(key) : undefined
  if (!file) return plain(res, 404, 'Not found.')
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD')
    return plain(res, 405, 'Use GET.')
  }
  const gzip = file.gzip && acceptsGzip(req.headers['accept-encoding']) ? file.gzip : null
  // Each encoding is its own representation, with its own tag.
  const etag = gzip ? `${file.etag.slice(0, -1)}-gz"` : file.etag
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': file.contentType,
    'cache-control': file.cacheControl,
    etag,
    ...(file.gzip ? { vary: 'Accept-Encoding' } : {}),
  }
  const seen = req.headers['if-none-match']
  if (seen !== undefined && seen.split(',').some((tag) => tag.trim() === etag)) {
    res.writeHead(304, headers)
    res.end()
    return
  }
  res.writeHead(200, {
    ...headers,
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    'content-length': gzip ? gzip.length : file.size,
  })
  if (req.method === 'HEAD') return void res.end()
  if (gzip || file.body) return void res.end(gzip ?? file.body)
  // A client that takes no gzip (rare: every browser does) gets the file unzipped as it reads
  // it: never a whole copy per request, whatever it leaves unread.
  const unzip = createGunzip()
  pipeline(unzip, res, (error) => {
    if (error) res.destroy()
  })
  unzip.end(file.gzip)
}

/** Whether an Accept-Encoding header takes gzip (named with a weight above 0, or `*`). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false
  return header.split(',').some((part) => {
    const [name = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase())
    if (name !== 'gzip' && name !== '*') return false
    const q = params.find((p) => p.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  })
}

function plain(res: ServerResponse, status: number, text: string): void {
  const body = `${text}\n`
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  })
  res.end(body)
}
