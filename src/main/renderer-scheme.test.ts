/**
 * The renderer scheme's handler against the built renderer (out/renderer; `npm test` builds
 * first), with real traversal attempts aimed at files that exist next to it (out/main,
 * package.json, /etc/passwd): none may be served.
 */
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import {
  RENDERER_ENTRY_URL,
  createRendererHandler,
  pagePolicy,
  resolveRendererRequest,
} from './renderer-scheme'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BUILT = join(ROOT, 'out/renderer')
const SOURCE_HTML = readFileSync(join(ROOT, 'src/renderer/index.html'), 'utf8')
const handle = createRendererHandler(BUILT)
const temps: string[] = []

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

async function get(url: string, method = 'GET'): Promise<Response> {
  // Node's Request does not know the scheme; the handler sees what Electron hands it: a Request
  // whose url is the string Chromium asked for.
  return handle({ url, method } as Request)
}

const ASSETS = readdirSync(join(BUILT, 'assets'))
const SCRIPT = ASSETS.find((name) => name.endsWith('.js'))
const STYLES = ASSETS.find((name) => name.endsWith('.css'))

describe('the renderer scheme serves the built renderer', () => {
  it('serves index.html at the entry URL and at the root, with the CSP as a header', async () => {
    const policy = pagePolicy(SOURCE_HTML)
    expect(policy).toContain("script-src 'self'")
    for (const url of [RENDERER_ENTRY_URL, 'app://lanroom/', 'app://lanroom/index.html?x=1#y']) {
      const response = await get(url)
      expect(response.status, url).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy')).toBe(policy)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await response.text()).toBe(readFileSync(join(BUILT, 'index.html'), 'utf8'))
    }
  })

  it('serves the bundle and stylesheet with their content types and the CSP', async () => {
    expect(SCRIPT).toBeDefined()
    expect(STYLES).toBeDefined()
    const script = await get(`app://lanroom/assets/${SCRIPT}`)
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(script.headers.get('content-security-policy')).toBe(pagePolicy(SOURCE_HTML))
    expect(Buffer.from(await script.arrayBuffer())).toEqual(
      readFileSync(join(BUILT, 'assets', SCRIPT ?? '')),
    )
    const styles = await get(`app://lanroom/assets/${STYLES}`)
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(RENDERER_ENTRY_URL, 'HEAD')
    expect(head.status).toBe(200)
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(100)
    expect(await head.text()).toBe('')
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      expect((await get(RENDERER_ENTRY_URL, method)).status, method).toBe(405)
    }
  })

  it('answers 404 for what is not there, a folder included', async () => {
    for (const url of [
      'app://lanroom/nope.html',
      'app://lanroom/assets',
      'app://lanroom/assets/',
    ]) {
      const response = await get(url)
      expect(response.status, url).not.toBe(200)
      expect([403, 404]).toContain(response.status)
    }
  })
})

describe('the renderer scheme refuses to leave the renderer folder', () => {
  // Each would reach an existing file if joined naively: out/main/index.js beside the
  // renderer, the repository's package.json, /etc/passwd, or a Windows system file.
  const ATTEMPTS = [
    'app://lanroom/../main/index.js',
    'app://lanroom/assets/../../main/index.js',
    'app://lanroom/%2e%2e/main/index.js',
    'app://lanroom/.%2e/main/index.js',
    'app://lanroom/%2E%2E/%2E%2E/package.json',
    'app://lanroom/assets/..%2f..%2fmain%2findex.js',
    'app://lanroom/..%2f..%2fpackage.json',
    'app://lanroom/%2e%2e%2f%2e%2e%2fpackage.json',
    'app://lanroom/..%5cmain%5cindex.js',
    'app://lanroom/assets\\..\\..\\main\\index.js',
    'app://lanroom/%5c..%5c..%5cpackage.json',
    'app://lanroom/%2fetc%2fpasswd',
    'app://lanroom//etc/passwd',
    'app://lanroom/%2f%2fetc/passwd',
    'app://lanroom/C:%5cWindows%5cwin.ini',
    'app://lanroom/C:/Windows/win.ini',
    'app://lanroom/index.html%00.png',
    'app://lanroom/...%2fmain/index.js',
    'app://lanroom/..%20/main/index.js',
    'app://lanroom/%252e%252e/main/index.js',
    'app://lanroom/%e0%a4%a/index.html',
  ]

  it.each(ATTEMPTS)('%s', async (url) => {
    const response = await get(url)
    expect([403, 404], `${url} → ${response.status}`).toContain(response.status)
    const body = await response.text()
    expect(body).not.toContain('electron')
    expect(body).not.toContain('"name": "lanroom"')
    expect(body).not.toContain('root:')
    expect(response.headers.get('content-security-policy')).toBe(pagePolicy(SOURCE_HTML))
  })

  it.each([
    'app://evil/index.html',
    'app://lanroom.evil/index.html',
    'app://LANROOM.example/index.html',
    'app://lanroom:8080/index.html',
    'app://user:pw@lanroom/index.html',
    'file:///etc/passwd',
    'http://lanroom/index.html',
    'https://lanroom/index.html',
  ])('refuses another host or scheme: %s', async (url) => {
    expect((await get(url)).status).toBe(403)
  })

  it('judges a symbolic link by where it leads', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'lanroom-renderer-'))
    temps.push(copy)
    cpSync(BUILT, copy, { recursive: true })
    symlinkSync(join(ROOT, 'out/main/index.js'), join(copy, 'assets', 'leak.js'))
    symlinkSync(join(ROOT, 'out'), join(copy, 'up'))
    symlinkSync(join(copy, 'index.html'), join(copy, 'assets', 'inside.html'))
    const handler = createRendererHandler(copy)
    const ask = (url: string): Promise<Response> => handler({ url, method: 'GET' } as Request)
    expect((await ask('app://lanroom/assets/leak.js')).status).toBe(403)
    expect((await ask('app://lanroom/up/main/index.js')).status).toBe(403)
    expect((await ask('app://lanroom/assets/inside.html')).status).toBe(200)
  })

  it('resolves only inside the root, by the resolution alone', () => {
    expect(resolveRendererRequest(BUILT, 'GET', 'app://lanroom/assets/%2e%2e%2f%2e%2e')).toEqual({
      status: 403,
      reason: 'outside the renderer',
    })
    expect(resolveRendererRequest(BUILT, 'GET', 'not a url')).toMatchObject({ status: 404 })
  })
})

describe('the page policy', () => {
  it('is read from the one CSP <meta>, and its absence stops the handler', () => {
    expect(pagePolicy(SOURCE_HTML)).toBe(
      pagePolicy(readFileSync(join(BUILT, 'index.html'), 'utf8')),
    )
    const meta = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'">`
    expect(pagePolicy(`<head>${meta}</head>`)).toBe("default-src 'none'")
    expect(() => pagePolicy('<head></head>')).toThrow(/exactly one/)
    expect(() => pagePolicy(`<head>${meta}${meta}</head>`)).toThrow(/exactly one/)
    expect(() =>
      pagePolicy(`<meta http-equiv="Content-Security-Policy" content="a &amp; b">`),
    ).toThrow(/literal/)

    const bare = mkdtempSync(join(tmpdir(), 'lanroom-renderer-'))
    temps.push(bare)
    writeFileSync(join(bare, 'index.html'), '<html><head></head></html>')
    expect(() => createRendererHandler(bare)).toThrow(/CSP/)
  })
})
