/**
 * A small file server speaking the hub's file endpoints (tus uploads with @tus/server, ranged
 * downloads with Repr-Digest) over HTTPS on loopback, for the client library's tests before and
 * besides the real hub: a bearer token check, the SHA-256 check at the end of an upload (460),
 * and hooks to break things (drop a download midway, stop and restart on the same port).
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FileStore } from '@tus/file-store'
import { Server } from '@tus/server'
import { testTls } from './tls'

export interface TusHub {
  origin: string
  fingerprint: string | null
  dir: string
  /** Tokens the server accepts. */
  tokens: Set<string>
  /** Called before a GET is served: return true when it handled (or broke) the response. */
  onGet: ((req: http.IncomingMessage, res: http.ServerResponse, path: string) => boolean) | null
  /** Awaited before tus handles a request (hold a PATCH to cancel an upload midway). */
  beforeTus: ((req: http.IncomingMessage) => Promise<void>) | null
  /** Called before tus handles a request: return true when it answered instead (a lying hub). */
  onTus: ((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | null
  /** Requests seen, as "METHOD /path status". */
  log: string[]
  /** The file behind an upload id. */
  pathOf(id: string): string
  stop(): Promise<void>
  /** Listens again on the same port, with the same stored uploads. */
  restart(): Promise<void>
  close(): Promise<void>
}

export async function startTusHub(options: { tls?: boolean } = {}): Promise<TusHub> {
  const dir = await mkdtemp(join(tmpdir(), 'lanroom-tus-'))
  const credentials = options.tls === false ? null : await testTls()
  const tus = new Server({
    path: '/files',
    // The client resolves it against its own https origin (the server does not know it is TLS).
    relativeLocation: true,
    datastore: new FileStore({ directory: dir }),
    onUploadFinish: async (_req, upload) => {
      const declared = upload.metadata?.['sha256'] ?? ''
      const bytes = await readFile(join(dir, upload.id))
      const actual = createHash('sha256').update(bytes).digest('hex')
      if (actual !== declared) {
        throw { status_code: 460, body: 'checksum mismatch' }
      }
      return {}
    },
  })
  const hub: TusHub = {
    origin: '',
    fingerprint: credentials?.fingerprint ?? null,
    dir,
    tokens: new Set(),
    onGet: null,
    beforeTus: null,
    onTus: null,
    log: [],
    pathOf: (id) => join(dir, id),
    stop: async () => {},
    restart: async () => {},
    close: async () => {},
  }
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.on('finish', () => hub.log.push(`${req.method} ${req.url} ${res.statusCode}`))
    const auth = req.headers.authorization ?? ''
    if (req.method !== 'OPTIONS' && !hub.tokens.has(auth.replace(/^Bearer /, ''))) {
      res.writeHead(401, { 'Content-Type': 'text/plain' }).end('unauthorized')
      return
    }
    const url = new URL(req.url ?? '/', 'https://x')
    if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
      void serveFile(hub, req, res, url.pathname.slice('/files/'.length))
      return
    }
    if (hub.onTus?.(req, res)) return
    void (hub.beforeTus?.(req) ?? Promise.resolve()).then(() => tus.handle(req, res))
  }
  let server: http.Server | https.Server
  let port = 0
  const listen = async (): Promise<void> => {
    server = credentials
      ? https.createServer({ cert: credentials.cert, key: credentials.key }, handler)
      : http.createServer(handler)
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
    hub.origin = `${credentials ? 'https' : 'http'}://127.0.0.1:${port}`
  }
  hub.stop = () =>
    new Promise((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  hub.restart = listen
  hub.close = async () => {
    await hub.stop().catch(() => {})
    await rm(dir, { recursive: true, force: true })
  }
  await listen()
  return hub
}

async function serveFile(
  hub: TusHub,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  id: string,
): Promise<void> {
  if (!/^[\w-]+$/.test(id)) {
    res.writeHead(404).end('not found')
    return
  }
  const path = hub.pathOf(id)
  let size: number
  let sha256: string
  try {
    size = (await stat(path)).size
    const info = JSON.parse(await readFile(`${path}.json`, 'utf8')) as {
      size: number
      metadata: { sha256: string }
    }
    if (info.size !== size) throw new Error('unfinished')
    sha256 = info.metadata.sha256
  } catch {
    res.writeHead(404).end('not found')
    return
  }
  if (hub.onGet?.(req, res, path)) return
  const headers: http.OutgoingHttpHeaders = {
    'Content-Type': 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Repr-Digest': `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`,
  }
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
  const start = range ? Number(range[1]) : 0
  if (start > 0 && start >= size) {
    res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end()
    return
  }
  if (range) {
    res.writeHead(206, {
      ...headers,
      'Content-Range': `bytes ${start}-${size - 1}/${size}`,
      'Content-Length': size - start,
    })
  } else {
    res.writeHead(200, { ...headers, 'Content-Length': size })
  }
  if (size === 0) {
    res.end()
    return
  }
  createReadStream(path, { start }).pipe(res)
}
