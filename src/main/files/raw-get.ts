/**
 * One GET of a room's file over a connection of its own, read into one buffer used again and
 * again (the socket's `onread`): a download's bytes reach the part writer without a new buffer
 * per TLS record. Through Node's http client, every 16 KiB record was a new ArrayBuffer that
 * went through the socket stream, the HTTP parser and the response stream; the external memory
 * of those records started a full garbage collection every 10-15 MiB, and the client spent
 * 2.7-3.2 ms of CPU per MiB merely receiving, against 0.7-0.9 ms this way (256 MiB over loopback
 * TLS, same run; docs/performance.md, Files).
 *
 * It speaks the little HTTP/1.1 a download needs, to the room's own hub, and trusts none of it:
 * the head is bounded (MAX_HEAD_BYTES) and must parse; a body the client keeps must have a
 * Content-Length (no other framing is taken); an error's body is read to at most 1 KiB.
 */
import net from 'node:net'
import type tls from 'node:tls'
import { FileError } from './errors'
import { connectPinned } from './pinned-agent'

/** Bytes the socket reads at once, into the same buffer each time. */
export const READ_BYTES = 64 * 1024
/** The most a response's status line and headers may take (Node's own default). */
export const MAX_HEAD_BYTES = 16 * 1024
/** The most of an error answer's body that is read (its sentence). */
const MAX_TEXT_BYTES = 1024

/** Takes body bytes that are valid only during the call (copy what is kept): null when done
 * with them, or a promise that settles once the next bytes may come (a rejection ends the GET
 * with it). */
export type BodySink = (bytes: Buffer) => Promise<void> | null

export interface RawResponse {
  status: number
  /** Header names in lower case; a repeated header's values joined with ", ". */
  headers: Readonly<Record<string, string>>
  /** Hands the body to `sink` in order, pausing the socket while a promise it returned is
   * pending; resolves once Content-Length bytes came or the connection ended (fewer: the
   * caller counts), rejects with the connection's error. Call it once, or `text` once. */
  body(sink: BodySink): Promise<void>
  /** The body as text, at most 1 KiB of it (an error answer's sentence); never rejects. */
  text(): Promise<string>
  destroy(error?: Error): void
}

export interface RawGetOptions {
  /** The pinned certificate over https (null over http). */
  fingerprint: string | null
  /** Request headers besides Host and Connection: values must be one line. */
  headers: Readonly<Record<string, string>>
  idleMs: number
  /** Closes the connection when aborted (the caller says why). */
  signal?: AbortSignal
}

const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: [^\r\n]*)?$/
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/

/** The status and headers of a response head (without its blank line), or null. */
export function parseHead(
  head: string,
): { status: number; headers: Record<string, string> } | null {
  const [statusLine = '', ...lines] = head.split('\r\n')
  const status = STATUS_LINE.exec(statusLine)?.[1]
  if (status === undefined) return null
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const match = HEADER_LINE.exec(line)
    if (!match?.[1] || match[2] === undefined || /[\0\r\n]/.test(match[2])) return null
    const name = match[1].toLowerCase()
    headers[name] = name in headers ? `${headers[name]}, ${match[2]}` : match[2]
  }
  return { status: Number(status), headers }
}

/** GETs `url` on a connection of its own (closed after the answer). Rejects with the network
 * error when no head came, or a FileError for a head that is not HTTP. */
export function rawGet(url: URL, opts: RawGetOptions): Promise<RawResponse> {
  for (const value of Object.values(opts.headers)) {
    if (/[\0\r\n]/.test(value)) throw new TypeError('a request header value spans lines')
  }
  const read = Buffer.allocUnsafe(READ_BYTES)
  return new Promise((resolve, reject) => {
    const exchange = new Exchange(resolve, reject)
    const onread = { buffer: read, callback: (n: number) => exchange.received(read, n) }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
    const request = [
      `GET ${url.pathname}${url.search} HTTP/1.1`,
      `Host: ${url.host}`,
      ...Object.entries(opts.headers).map(([name, value]) => `${name}: ${value}`),
      'Connection: close',
      '',
      '',
    ].join('\r\n')
    let socket: net.Socket
    if (url.protocol === 'https:') {
      if (opts.fingerprint === null) throw new TypeError('https needs the pinned certificate')
      socket = connectPinned(
        { host, port, onread } as tls.ConnectionOptions,
        opts.fingerprint,
        opts.idleMs,
        (error) => (error ? exchange.failed(error) : socket.write(request)),
      )
    } else {
      socket = net.connect({ host, port, onread }, () => socket.write(request))
      socket.setTimeout(opts.idleMs, () => {
        socket.destroy(
          Object.assign(new Error('the room stopped answering'), { code: 'ETIMEDOUT' }),
        )
      })
    }
    exchange.attach(socket)
    const { signal } = opts
    if (signal) {
      const abort = (): void => {
        socket.destroy(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' }))
      }
      signal.addEventListener('abort', abort, { once: true })
      socket.once('close', () => signal.removeEventListener('abort', abort))
    }
  })
}

/** The state of one GET: its head as it comes, then its body towards the sink. */
class Exchange {
  private socket: net.Socket | null = null
  private head: Buffer | null = Buffer.allocUnsafe(MAX_HEAD_BYTES)
  private headLength = 0
  /** Body bytes still to come (Content-Length), or Infinity without one. */
  private remaining = Infinity
  private sink: BodySink | null = null
  /** Body bytes the sink could not take yet, copied (the read buffer is used again). */
  private readonly queued: Buffer[] = []
  private waiting = false
  private finished = false
  /** The connection is gone: no more bytes will come. */
  private closed = false
  private settle: { resolve: () => void; reject: (error: Error) => void } | null = null
  private error: Error | null = null

  constructor(
    private readonly resolve: (response: RawResponse) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  attach(socket: net.Socket): void {
    this.socket = socket
    socket.on('error', (error) => this.failed(error))
    socket.on('close', () => this.failed(null))
  }

  /** The socket's onread: `n` bytes in `buffer`, valid until this returns. False pauses. */
  received(buffer: Buffer, n: number): boolean {
    let bytes = buffer.subarray(0, n)
    if (this.head !== null) {
      const rest = this.takeHead(bytes)
      if (rest === null) return true
      bytes = rest
    }
    if (this.finished || bytes.byteLength === 0) return !this.waiting
    if (bytes.byteLength > this.remaining) bytes = bytes.subarray(0, this.remaining)
    this.remaining -= bytes.byteLength
    if (this.sink === null || this.waiting || this.queued.length > 0) {
      this.queued.push(Buffer.from(bytes))
      this.afterBytes()
      return false
    }
    this.give(bytes)
    this.afterBytes()
    return !this.waiting
  }

  /** Connection error (or its end, `null`): settles whatever waits. */
  failed(error: Error | null): void {
    if (this.head !== null) {
      this.head = null
      this.reject(
        error ?? Object.assign(new Error('the room closed the connection'), { code: 'ECONNRESET' }),
      )
      return
    }
    if (error) this.error ??= error
    this.closed = true
    this.finishIfDone()
  }

  private takeHead(bytes: Buffer): Buffer | null {
    const head = this.head!
    const fits = Math.min(bytes.byteLength, MAX_HEAD_BYTES - this.headLength)
    bytes.copy(head, this.headLength, 0, fits)
    const from = Math.max(0, this.headLength - 3)
    this.headLength += fits
    const end = head.subarray(0, this.headLength).indexOf('\r\n\r\n', from)
    if (end < 0) {
      if (this.headLength === MAX_HEAD_BYTES) this.refuse('a head larger than allowed')
      return null
    }
    const parsed = parseHead(head.toString('latin1', 0, end))
    if (parsed === null) return this.refuse('an answer that is not HTTP')
    const length = parsed.headers['content-length']
    if (length !== undefined) {
      if (!/^\d{1,16}$/.test(length)) return this.refuse('an unreadable Content-Length')
      this.remaining = Number(length)
    }
    this.head = null
    const socket = this.socket!
    const chunked = /chunked/i.test(parsed.headers['transfer-encoding'] ?? '')
    this.resolve({
      ...parsed,
      body: (sink) => {
        if (length === undefined || parsed.headers['transfer-encoding'] !== undefined) {
          socket.destroy()
          return Promise.reject(
            new FileError('corrupt', 'The room sent a file without its length.'),
          )
        }
        return this.start(sink)
      },
      text: () => this.text(chunked),
      destroy: (error) => socket.destroy(error),
    })
    // The bytes after the head, if any: kept until `body` or `text` is called.
    return bytes.subarray(end + 4 - (this.headLength - fits))
  }

  /** A head that cannot be taken: the GET fails as a network error would (retried, as Node's
   * own parser's errors were). */
  private refuse(what: string): null {
    this.head = null
    this.reject(Object.assign(new Error(`the room sent ${what}`), { code: 'HPE_INVALID' }))
    this.socket?.destroy()
    return null
  }

  private start(sink: BodySink): Promise<void> {
    this.sink = sink
    const done = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject }
    })
    this.drain()
    return done
  }

  private give(bytes: Buffer): void {
    let next: Promise<void> | null
    try {
      next = this.sink!(bytes)
    } catch (error) {
      this.stop(error as Error)
      return
    }
    if (next === null) return
    this.waiting = true
    next.then(
      () => {
        this.waiting = false
        this.drain()
      },
      (error: unknown) => {
        this.waiting = false
        this.stop(error as Error)
      },
    )
  }

  /** The sink failed: nothing more goes to it, and the body rejects with its error. */
  private stop(error: Error): void {
    this.error ??= error
    this.queued.length = 0
    this.remaining = 0
    this.socket?.destroy()
  }

  /** Gives the queued bytes to the sink, then reads on. */
  private drain(): void {
    while (!this.waiting && this.queued.length > 0) this.give(this.queued.shift()!)
    if (this.waiting) return
    if (!this.finishIfDone()) this.socket?.resume()
  }

  private afterBytes(): void {
    if (this.remaining === 0) {
      this.finished = true
      this.socket?.destroy()
    }
  }

  /** Settles the body once every byte that came was given; true when no more will come. */
  private finishIfDone(): boolean {
    const over = this.closed || this.remaining === 0
    if (!over || this.settle === null || this.waiting || this.queued.length > 0) return over
    const { resolve, reject } = this.settle
    this.settle = null
    if (this.error) reject(this.error)
    else resolve()
    return true
  }

  private async text(chunked: boolean): Promise<string> {
    const parts: Buffer[] = []
    let length = 0
    await this.start((bytes) => {
      parts.push(Buffer.from(bytes.subarray(0, Math.max(0, MAX_TEXT_BYTES * 2 - length))))
      length += bytes.byteLength
      if (length >= MAX_TEXT_BYTES * 2) this.socket?.destroy()
      return null
    }).catch(() => undefined)
    const raw = Buffer.concat(parts).toString('utf8')
    return (chunked ? unchunk(raw) : raw).slice(0, MAX_TEXT_BYTES)
  }
}

/** The data of a chunked body's text (as far as it came), without its size lines. */
function unchunk(raw: string): string {
  let text = ''
  let at = 0
  for (;;) {
    const eol = raw.indexOf('\r\n', at)
    if (eol < 0) return text
    const size = parseInt(raw.slice(at, eol), 16)
    if (!Number.isFinite(size) || size <= 0) return text
    text += raw.slice(eol + 2, eol + 2 + size)
    at = eol + 2 + size + 2
  }
}
