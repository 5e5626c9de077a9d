/**
 * The renderer's own scheme: the window loads `app://lanroom/index.html`, served from the built
 * renderer folder (out/renderer, inside app.asar when packaged) by createRendererHandler, which
 * src/main/index.ts registers with Electron's protocol.handle. Plain Node (Request in,
 * Response out), so it is tested without Electron against the real build.
 *
 * Why not file://: every file:// page shares one origin with every file on the disk, so a page
 * that went wrong could read them; Electron's security checklist asks for a custom scheme, and
 * with it the file:// fuse that grants extra privileges is turned off (electron-builder.config.ts).
 *
 * Only files inside the folder are served, never one reached through `..` (plain or
 * percent-encoded), an encoded slash or backslash, a NUL, a drive letter, an empty segment or a
 * symbolic link that leads out of it; another host is refused. Every response carries the page's
 * Content Security Policy as a header, read from the built index.html's <meta> so that the
 * policy has one source (src/renderer/index.html).
 */
import { readFileSync, realpathSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, join, sep } from 'node:path'

export const RENDERER_SCHEME = 'app'
export const RENDERER_HOST = 'lanroom'
/** What the window loads. */
export const RENDERER_ENTRY_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`

/**
 * How Chromium treats the scheme (protocol.registerSchemesAsPrivileged, before the app is
 * ready). standard: URLs with a host and an origin of their own, relative URLs resolve, so the
 * page's module scripts load as same-origin; secure: a secure context, like https;
 * supportFetchAPI: the page's own module and stylesheet requests go through fetch. Not
 * bypassCSP, not corsEnabled (no other origin may read these files), no service workers.
 */
export const RENDERER_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
} as const

/** Content types of what the build emits; anything else is served as opaque bytes. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
}

export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

const CSP_META = /<meta\s[^>]*http-equiv\s*=\s*["']Content-Security-Policy["'][^>]*>/gi
const CONTENT_ATTRIBUTE = /\scontent\s*=\s*"([^"]*)"/i

/**
 * The Content Security Policy of a page, from its one `<meta http-equiv>`. Throws when there is
 * none, or more than one, or one this simple reader cannot take literally (an HTML entity):
 * the renderer is then not served at all rather than served without its policy.
 */
export function pagePolicy(html: string): string {
  const metas = html.match(CSP_META) ?? []
  if (metas.length !== 1) {
    throw new Error(`index.html must have exactly one CSP <meta>, it has ${metas.length}`)
  }
  const policy = CONTENT_ATTRIBUTE.exec(metas[0] ?? '')?.[1]?.trim()
  if (!policy || policy.includes('&')) {
    throw new Error('index.html: the CSP <meta> has no literal content="…"')
  }
  return policy
}

export type Resolution = { status: 200; file: string } | { status: 403 | 404 | 405; reason: string }

/** Segments no served path may have, once percent-decoded. */
function badSegment(segment: string): boolean {
  return (
    segment === '' ||
    segment === '.' ||
    segment === '..' ||
    /[/\\\0:]/.test(segment) ||
    // Windows ignores trailing dots and spaces in names: "..." or ".. " would be "..".
    /^[. ]+$/.test(segment)
  )
}

/**
 * Which file of `root` (an absolute, real path) answers `method url`, or why none does.
 * 403 for what tries to leave the folder or reach another host, 404 for what is not there,
 * 405 for methods other than GET and HEAD.
 */
export function resolveRendererRequest(root: string, method: string, url: string): Resolution {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { status: 404, reason: 'not a URL' }
  }
  if (parsed.protocol !== `${RENDERER_SCHEME}:` || parsed.hostname !== RENDERER_HOST) {
    return { status: 403, reason: 'another host' }
  }
  if (parsed.port !== '' || parsed.username !== '' || parsed.password !== '') {
    return { status: 403, reason: 'another host' }
  }
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, reason: 'method not allowed' }

  const raw = parsed.pathname === '/' ? ['index.html'] : parsed.pathname.slice(1).split('/')
  const segments: string[] = []
  for (const segment of raw) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      return { status: 403, reason: 'malformed escape' }
    }
    if (badSegment(decoded)) return { status: 403, reason: 'outside the renderer' }
    segments.push(decoded)
  }

  const candidate = join(root, ...segments)
  let real: string
  try {
    real = realpathSync(candidate)
  } catch {
    return { status: 404, reason: 'not found' }
  }
  // A symbolic link inside the folder may point anywhere: judge where it leads.
  if (!real.startsWith(root.endsWith(sep) ? root : root + sep)) {
    return { status: 403, reason: 'outside the renderer' }
  }
  try {
    if (!statSync(real).isFile()) return { status: 404, reason: 'not a file' }
  } catch {
    return { status: 404, reason: 'not found' }
  }
  return { status: 200, file: real }
}

/**
 * The protocol handler for the renderer folder `rendererDir`. Reads index.html's policy once,
 * at creation, and throws if it has none.
 */
export function createRendererHandler(
  rendererDir: string,
): (request: Request) => Promise<Response> {
  const root = realpathSync(rendererDir)
  const policy = pagePolicy(readFileSync(join(root, 'index.html'), 'utf8'))
  const baseHeaders = {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    // No other site may embed or read these files.
    'cross-origin-resource-policy': 'same-origin',
  }

  return async (request) => {
    const resolved = resolveRendererRequest(root, request.method, request.url)
    if (resolved.status !== 200) {
      return new Response(`${resolved.status} ${resolved.reason}\n`, {
        status: resolved.status,
        headers: { ...baseHeaders, 'content-type': 'text/plain; charset=utf-8' },
      })
    }
    let body: Buffer
    try {
      body = await readFile(resolved.file)
    } catch {
      return new Response('404 not found\n', {
        status: 404,
        headers: { ...baseHeaders, 'content-type': 'text/plain; charset=utf-8' },
      })
    }
    const headers = {
      ...baseHeaders,
      'content-type': contentType(resolved.file),
      'content-length': String(body.length),
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers,
    })
  }
}
