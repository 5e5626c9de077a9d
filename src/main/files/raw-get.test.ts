import { randomBytes } from 'node:crypto'
import net from 'node:net'
import tls from 'node:tls'
import { afterEach, describe, expect, it } from 'vitest'
import { testTls } from '../../../test/support/tls'
import { MAX_HEAD_BYTES, parseHead, rawGet, type RawResponse } from './raw-get'

type TlsCredentials = Awaited<ReturnType<typeof testTls>>

/** A loopback server (TLS with `credentials`) that answers each request with what `answer`
 * writes on the raw socket. */
async function serve(
  answer: (socket: net.Socket, request: string) => void,
  credentials?: TlsCredentials,
): Promise<URL> {
  const onSocket = (socket: net.Socket): void => {
    let request = ''
    socket.on('data', (chunk: Buffer) => {
      request += chunk.toString('latin1')
      if (request.includes('\r\n\r\n')) answer(socket, request)
    })
    socket.on('error', () => {})
  }
  const server = credentials
    ? tls.createServer({ cert: credentials.cert, key: credentials.key }, onSocket)
    : net.createServer(onSocket)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return new URL(`${credentials ? 'https' : 'http'}://127.0.0.1:${port}/files/abc?x=1`)
}

const servers: net.Server[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    await new Promise((resolve) => server.close(resolve))
  }
})

const OPTS = { fingerprint: null, headers: { Authorization: 'Bearer t' }, idleMs: 10_000 }

/** The body through a sink that waits a turn on every third delivery (the disk being slow),
 * checking that nothing comes while it waits. */
async function slowly(response: RawResponse): Promise<Buffer> {
  const parts: Buffer[] = []
  let waiting = false
  let calls = 0
  await response.body((bytes) => {
    expect(waiting).toBe(false)
    parts.push(Buffer.from(bytes))
    calls += 1
    if (calls % 3 !== 0) return null
    waiting = true
    return new Promise((resolve) =>
      setTimeout(() => {
        waiting = false
        resolve()
      }, 1),
    )
  })
  return Buffer.concat(parts)
}

describe('rawGet (one GET read into a reused buffer; real sockets on loopback)', () => {
  it.each([
    ['http', false],
    ['pinned https', true],
  ])(
    'sends the request, and gives the body in order to a sink that makes it wait (%s)',
    async (_, secure) => {
      const credentials = secure ? await testTls() : undefined
      const body = randomBytes(3 * 1024 * 1024 + 17)
      let asked = ''
      const url = await serve((socket, request) => {
        asked = request
        socket.write(`HTTP/1.1 206 Partial Content\r\nContent-Length: ${body.byteLength}\r\n`)
        socket.write('Repr-Digest: a\r\nrepr-digest: b\r\n\r\n')
        // In pieces of every size, the first with the end of the head.
        for (let at = 0; at < body.byteLength; at += 100_003) {
          socket.write(body.subarray(at, at + 100_003))
        }
        socket.end()
      }, credentials)
      const response = await rawGet(url, { ...OPTS, fingerprint: credentials?.fingerprint ?? null })
      expect(asked).toMatch(/^GET \/files\/abc\?x=1 HTTP\/1\.1\r\n/)
      expect(asked).toContain('\r\nAuthorization: Bearer t\r\n')
      expect(asked).toContain('\r\nConnection: close\r\n')
      expect(response.status).toBe(206)
      expect(response.headers['repr-digest']).toBe('a, b')
      expect((await slowly(response)).equals(body)).toBe(true)
    },
  )

  it('takes no more than Content-Length, and ends short when the connection does', async () => {
    const url = await serve((socket) => {
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello, and more')
    })
    expect((await slowly(await rawGet(url, OPTS))).toString()).toBe('hello')
    const cut = await serve((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhalf', () => socket.destroy())
    })
    expect((await slowly(await rawGet(cut, OPTS))).toString()).toBe('half')
  })

  it('refuses a body it cannot frame, and reads an error sentence (chunked) to 1 KiB', async () => {
    const chunked = await serve((socket) => {
      socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\ngone\r\n0\r\n\r\n')
    })
    await expect((await rawGet(chunked, OPTS)).body(() => null)).rejects.toMatchObject({
      code: 'corrupt',
    })
    const gone = await serve((socket) => {
      socket.end('HTTP/1.1 410 Gone\r\nTransfer-Encoding: chunked\r\n\r\n4\r\ngone\r\n0\r\n\r\n')
    })
    const answer = await rawGet(gone, OPTS)
    expect(answer.status).toBe(410)
    expect(await answer.text()).toBe('gone')
    const long = await serve((socket) => {
      socket.write('HTTP/1.1 500 Oops\r\n\r\n')
      socket.write('x'.repeat(1 << 20))
    })
    expect(await (await rawGet(long, OPTS)).text()).toBe('x'.repeat(1024))
  })

  it('refuses a head that is too large or not HTTP, and a connection closed before one', async () => {
    const huge = await serve((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(MAX_HEAD_BYTES)}`)
    })
    await expect(rawGet(huge, OPTS)).rejects.toMatchObject({ code: 'HPE_INVALID' })
    const junk = await serve((socket) => socket.end('SSH-2.0-OpenSSH\r\n\r\n'))
    await expect(rawGet(junk, OPTS)).rejects.toMatchObject({ code: 'HPE_INVALID' })
    const closed = await serve((socket) => socket.end('HTTP/1.1 200'))
    await expect(rawGet(closed, OPTS)).rejects.toThrow()
  })

  it('refuses a server whose certificate is not the pinned one', async () => {
    const url = await serve(() => {}, await testTls())
    await expect(rawGet(url, { ...OPTS, fingerprint: 'AA:BB' })).rejects.toMatchObject({
      code: 'network',
    })
  })

  it('stops when aborted, and refuses a header value that would split the request', async () => {
    const silent = await serve(() => {})
    const controller = new AbortController()
    const asked = rawGet(silent, { ...OPTS, signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    await expect(asked).rejects.toMatchObject({ code: 'ABORT_ERR' })
    expect(() => rawGet(silent, { ...OPTS, headers: { Range: 'bytes=0-\r\nX: y' } })).toThrow(
      TypeError,
    )
  })
})

describe('parseHead', () => {
  it('reads the status and headers, and refuses what is not a head', () => {
    expect(parseHead('HTTP/1.1 200 OK\r\nContent-Length: 3\r\nX-A:  b  ')).toEqual({
      status: 200,
      headers: { 'content-length': '3', 'x-a': 'b' },
    })
    expect(parseHead('HTTP/1.0 404')).toEqual({ status: 404, headers: {} })
    expect(parseHead('HTTP/2 200')).toBeNull()
    expect(parseHead('HTTP/1.1 200 OK\r\nbad header')).toBeNull()
    expect(parseHead('HTTP/1.1 200 OK\r\n folded: no')).toBeNull()
  })
})
