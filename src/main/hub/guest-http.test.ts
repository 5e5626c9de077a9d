import { request } from 'node:https'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { hubRequest, rawResponse } from '../../../test/support/raw-socket'
import { cid } from '../../../test/support/ws-client'
import { GUEST_CSP, acceptsGzip } from './guest-http'
import { useHubFixture } from './testing/hub-fixture'
import { GUEST_FIXTURE, guestBuild } from './testing/guest-build'

// The hub's static server for the guest app, on a real hub over TLS with a fixture build.

const { cleanups, hubWith, client, member } = useHubFixture()

const get = hubRequest

/** The status line and body of a request sent byte for byte (paths no HTTP client sends). */
async function raw(port: number, target: string): Promise<{ status: string; body: string }> {
  const answer = await rawResponse(
    port,
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
  )
  const [head = '', body = ''] = answer.split('\r\n\r\n')
  return { status: head.split('\r\n')[0] ?? '', body }
}

async function hubWithApp(
  options: Parameters<typeof hubWith>[0] = {},
): Promise<Awaited<ReturnType<typeof hubWith>>> {
  const build = guestBuild()
  cleanups.push(build.remove)
  return hubWith({ guestApp: { dir: build.dir }, ...options })
}

describe('the guest app', () => {
  it('serves index.html at / with a strict CSP and revalidation', async () => {
    const { hub } = await hubWithApp()
    const page = await get(hub.port, '/')
    expect(page.status).toBe(200)
    expect(page.body).toBe(GUEST_FIXTURE.index)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['cache-control']).toBe('no-cache')
    expect(page.headers['content-security-policy']).toBe(GUEST_CSP)
    expect(GUEST_CSP).toContain("frame-ancestors 'none'")
    expect(GUEST_CSP).not.toContain('unsafe-inline')
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    const etag = page.headers.etag ?? ''
    expect(etag).toMatch(/^"[\w-]+"$/)
    const again = await get(hub.port, '/index.html', { headers: { 'if-none-match': etag } })
    expect([again.status, again.body]).toEqual([304, ''])
    const manifest = await get(hub.port, '/manifest.webmanifest')
    expect(manifest.headers['content-type']).toBe('application/manifest+json; charset=utf-8')
    expect(manifest.headers['cache-control']).toBe('no-cache')
  })

  it('serves hashed assets as immutable, with their content types; HEAD without a body', async () => {
    const { hub } = await hubWithApp()
    const script = await get(hub.port, '/assets/app-1a2b3c.js?v=1')
    expect(script.status).toBe(200)
    expect(script.body).toBe(GUEST_FIXTURE.script)
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    const head = await get(hub.port, '/assets/app-1a2b3c.js', { method: 'HEAD' })
    expect([head.status, head.body]).toEqual([200, ''])
    expect(head.headers['content-length']).toBe(String(GUEST_FIXTURE.script.length))
    expect((await get(hub.port, '/assets/app-4d5e6f.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    )
    expect((await get(hub.port, '/icons/icon-192.png')).headers['content-type']).toBe('image/png')
    const post = await get(hub.port, '/index.html', { method: 'POST' })
    expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD'])
    // The hub's own endpoints are still its own.
    expect((await get(hub.port, '/info')).headers['content-type']).toContain('application/json')
  })

  it('sends text gzipped to a browser that takes it, as its own representation', async () => {
    const { hub } = await hubWithApp()
    const fetchBytes = (headers: Record<string, string>) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: hub.port,
            path: '/assets/vendor-7a8b9c.js',
            headers,
            rejectUnauthorized: false,
          },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
          },
        )
        req.on('error', reject)
        req.end()
      })
    const plainAnswer = await fetchBytes({})
    expect(plainAnswer.headers['content-encoding']).toBeUndefined()
    expect(plainAnswer.body.toString()).toBe(GUEST_FIXTURE.bundle)
    const zipped = await fetchBytes({ 'accept-encoding': 'br, gzip, deflate' })
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.headers.vary).toBe('Accept-Encoding')
    expect(zipped.body.length).toBeLessThan(GUEST_FIXTURE.bundle.length / 10)
    expect(gunzipSync(zipped.body).toString()).toBe(GUEST_FIXTURE.bundle)
    expect(zipped.headers.etag).not.toBe(plainAnswer.headers.etag)
    const again = await fetchBytes({
      'accept-encoding': 'gzip',
      'if-none-match': String(zipped.headers.etag),
    })
    expect(again.body.length).toBe(0)
    // A tiny file stays as it is: gzip would make it larger.
    const tiny = await get(hub.port, '/assets/app-1a2b3c.js', {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect([tiny.headers['content-encoding'], tiny.body]).toEqual([undefined, GUEST_FIXTURE.script])
  })

  it('reads Accept-Encoding with its weights', () => {
    expect(acceptsGzip('gzip')).toBe(true)
    expect(acceptsGzip('deflate, gzip;q=0.5')).toBe(true)
    expect(acceptsGzip('*')).toBe(true)
    expect(acceptsGzip('gzip;q=0')).toBe(false)
    expect(acceptsGzip('br, deflate')).toBe(false)
    expect(acceptsGzip(undefined)).toBe(false)
  })

  it('has no listings and nothing outside the build, whatever the path', async () => {
    const { hub } = await hubWithApp()
    const refused: Array<[string, RegExp]> = [
      ['/assets/', /404/],
      ['/assets', /404/],
      ['/icons/', /404/],
      ['//', /404/],
      ['/.env', /404/],
      ['/.git/config', /404/],
      ['/notes.md', /404/],
      ['/assets/linked.txt', /404/],
      ['/up/secret.txt', /404/],
      ['/../secret.txt', /404/],
      ['/assets/../../secret.txt', /404/],
      ['/%2e%2e/secret.txt', /404/],
      ['/%2E%2E%2Fsecret.txt', /404/],
      ['/assets%2fapp-1a2b3c.js', /404/],
      ['/assets%5capp-1a2b3c.js', /404/],
      ['/assets\\app-1a2b3c.js', /40[04]/],
      ['/index.html%00', /404/],
      ['/index.html%00.png', /404/],
      ['/./index.html', /404/],
      ['/INDEX.HTML', /404/],
      ['http://127.0.0.1/../secret.txt', /404/],
      ['*', /40[04]/],
      [`/${'a'.repeat(600)}`, /414/],
      [`/assets/${'../'.repeat(300)}etc/passwd`, /414/],
    ]
    for (const [target, status] of refused) {
      const answer = await raw(hub.port, target)
      expect(answer.status, target).toMatch(status)
      expect(answer.body, target).not.toContain(GUEST_FIXTURE.secret)
      expect(answer.body, target).not.toContain('app-1a2b3c')
    }
    // A raw NUL byte is not HTTP at all.
    expect((await raw(hub.port, '/index.html\u0000')).status).toMatch(/400/)
  })

  it('answers a one-line 403 at / with guests off, and serves the page again once on', async () => {
    const { hub } = await hubWithApp({ guests: false })
    const off = await get(hub.port, '/')
    expect(off.status).toBe(403)
    expect(off.body).toContain('Guest access is off for this room')
    expect((await get(hub.port, '/assets/app-1a2b3c.js')).status).toBe(404)
    expect(JSON.parse((await get(hub.port, '/info')).body)).toMatchObject({ guests: false })
    hub.setGuests(true)
    expect((await get(hub.port, '/')).body).toBe(GUEST_FIXTURE.index)
    expect(JSON.parse((await get(hub.port, '/info')).body)).toMatchObject({ guests: true })
  })

  it('keeps the 404 of a hub without a guest app, and still says guests are off at /', async () => {
    const { hub } = await hubWith()
    expect((await get(hub.port, '/')).status).toBe(404)
    hub.setGuests(false)
    expect((await get(hub.port, '/')).status).toBe(403)
  })
})

describe('guests on the WebSocket', () => {
  it('marks a member whose upgrade came from the own page as a guest, for everyone', async () => {
    const { hub, url } = await hubWithApp()
    const ada = await member(url, 'Ada')
    const own = client(url, { headers: { Origin: `https://127.0.0.1:${hub.port}` } })
    const welcome = await own.join('Gus', cid('Gus'))
    expect(welcome.you).toEqual({ clientId: cid('Gus'), name: 'Gus', host: false, guest: true })
    const joined = await ada.next('joined')
    expect(joined.member).toEqual({ clientId: cid('Gus'), name: 'Gus', host: false, guest: true })
    // An app (no Origin) is not a guest: the field is absent, not false.
    const bob = await member(url, 'Bob')
    const list = (await own.next('joined')).member
    expect(list).toEqual({ clientId: cid('Bob'), name: 'Bob', host: false })
    const late = client(url)
    const seen = await late.join('Cy', cid('Cy'))
    expect(seen.members.find((m) => m.name === 'Gus')?.guest).toBe(true)
    expect(seen.members.find((m) => m.name === 'Ada')).not.toHaveProperty('guest')
    await bob.close()
  })

  it('refuses own-origin upgrades with guests off (403), but not apps without Origin', async () => {
    const { hub, url } = await hubWithApp({ guests: false })
    const own = client(url, { headers: { Origin: `https://127.0.0.1:${hub.port}` } })
    await expect(own.opened).rejects.toThrow('HTTP 403')
    const foreign = client(url, { headers: { Origin: 'https://evil.example' } })
    await expect(foreign.opened).rejects.toThrow('HTTP 403')
    await member(url, 'App')
    hub.setGuests(true)
    const again = client(url, { headers: { Origin: `https://127.0.0.1:${hub.port}` } })
    await again.opened
  })
})
