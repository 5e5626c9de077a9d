/**
 * A minimal WebSocket client over a raw TCP socket, for the benchmark's receivers and sender.
 *
 * Why not the `ws` client: the receivers are the measuring instrument. On a 2-core machine they
 * share the CPU with the hub under test, so every microsecond they spend per message is taken
 * from the hub and caps the rate the benchmark can observe. This client does the handshake,
 * answers pings and close frames, and hands each text frame to the caller as a byte range of
 * the received chunk: no per-message allocation, no event per message, no JSON parsing.
 * Server frames are never masked and neither hub fragments its messages.
 */
import { createHash, randomBytes, randomFillSync } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import { connect as connectTls } from 'node:tls'

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'

/** Microseconds on CLOCK_MONOTONIC: comparable between processes on the same Linux machine. */
export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n)
}

export interface RawHandlers {
  /** A text frame; its payload is `buf[start, end)`, valid only during the call. `atUs` is when
   * the chunk holding it was read. */
  onText(buf: Buffer, start: number, end: number, atUs: number): void
  /** The connection is gone (closed by either side, or failed). Called once. */
  onClose(): void
}

export interface ConnectOptions {
  port: number
  path: string
  protocol: string
  timeoutMs: number
  /** TLS (any certificate: the benchmark measures, it does not verify). */
  tls?: boolean
}

// Mask keys come from a pool refilled in bulk: one random call per 1024 frames.
const maskPool = Buffer.allocUnsafe(4096)
let maskOffset = maskPool.length

function nextMask(target: Buffer, at: number): void {
  if (maskOffset >= maskPool.length) {
    randomFillSync(maskPool)
    maskOffset = 0
  }
  maskPool.copy(target, at, maskOffset, maskOffset + 4)
  maskOffset += 4
}

/** One masked client frame (RFC 6455 §5.2). */
export function maskedFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10
  const frame = Buffer.allocUnsafe(header + 4 + length)
  frame[0] = 0x80 | opcode
  if (header === 2) {
    frame[1] = 0x80 | length
  } else if (header === 4) {
    frame[1] = 0x80 | 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 0x80 | 127
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2)
    frame.writeUInt32BE(length >>> 0, 6)
  }
  nextMask(frame, header)
  const body = header + 4
  for (let i = 0; i < length; i++) {
    frame[body + i] = (payload[i] as number) ^ (frame[header + (i & 3)] as number)
  }
  return frame
}

/** A masked text frame. */
export function textFrame(text: string): Buffer {
  return maskedFrame(0x1, Buffer.from(text, 'utf8'))
}

/** The hub answered the upgrade with another status than 101 (e.g. 503 and Retry-After). */
export class UpgradeRefused extends Error {
  readonly status: number
  constructor(
    statusLine: string,
    readonly headers: ReadonlyMap<string, string>,
  ) {
    super(`upgrade refused: ${statusLine}`)
    this.status = Number(statusLine.split(' ')[1])
  }
}

export class RawClient {
  private pending: Buffer | null = null
  private closedFlag = false
  /** Frames this client did not expect (fragments, masked server frames, unknown opcodes). */
  unexpected = 0
  /** The code of the server's close frame, once one came. */
  closeCode: number | null = null

  private constructor(
    private readonly socket: Socket,
    private readonly handlers: RawHandlers,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk))
    socket.on('error', () => socket.destroy())
    socket.on('close', () => this.finish())
  }

  /** The connection underneath (for the certificate a TLS hub presented). */
  get connection(): Socket {
    return this.socket
  }

  get closed(): boolean {
    return this.closedFlag
  }

  /** Opens a connection to 127.0.0.1 and completes the WebSocket handshake. */
  static connect(options: ConnectOptions, handlers: RawHandlers): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const key = randomBytes(16).toString('base64')
      const socket: Socket = options.tls
        ? connectTls({ host: '127.0.0.1', port: options.port, rejectUnauthorized: false })
        : connect({ host: '127.0.0.1', port: options.port })
      socket.setNoDelay(true)
      let head: Buffer = Buffer.alloc(0)
      let settled = false
      const fail = (error: Error): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        socket.destroy()
        reject(error)
      }
      const timer = setTimeout(
        () => fail(new Error(`handshake timed out after ${options.timeoutMs} ms`)),
        options.timeoutMs,
      )
      const onError = (error: Error): void => fail(error)
      const onClose = (): void => fail(new Error('connection closed during the handshake'))
      const onData = (chunk: Buffer): void => {
        head = head.length === 0 ? chunk : Buffer.concat([head, chunk])
        const end = head.indexOf('\r\n\r\n')
        if (end < 0) {
          if (head.length > 16_384) fail(new Error('handshake response too long'))
          return
        }
        const lines = head.toString('latin1', 0, end).split('\r\n')
        const status = lines[0] ?? ''
        const headers = new Map<string, string>()
        for (const line of lines.slice(1)) {
          const colon = line.indexOf(':')
          if (colon > 0) {
            headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
          }
        }
        if (!status.startsWith('HTTP/1.1 101')) return fail(new UpgradeRefused(status, headers))
        const accept = createHash('sha1')
          .update(key + WS_GUID)
          .digest('base64')
        if (headers.get('sec-websocket-accept') !== accept) {
          return fail(new Error('bad Sec-WebSocket-Accept'))
        }
        if (headers.get('sec-websocket-protocol') !== options.protocol) {
          return fail(
            new Error(`subprotocol not accepted: ${headers.get('sec-websocket-protocol')}`),
          )
        }
        settled = true
        clearTimeout(timer)
        socket.off('data', onData)
        socket.off('error', onError)
        socket.off('close', onClose)
        const client = new RawClient(socket, handlers)
        resolve(client)
        const rest = head.subarray(end + 4)
        if (rest.length > 0) client.onData(rest)
      }
      socket.on('data', onData)
      socket.on('error', onError)
      socket.on('close', onClose)
      socket.write(
        `GET ${options.path} HTTP/1.1\r\n` +
          `Host: 127.0.0.1:${options.port}\r\n` +
          'Upgrade: websocket\r\n' +
          'Connection: Upgrade\r\n' +
          `Sec-WebSocket-Key: ${key}\r\n` +
          'Sec-WebSocket-Version: 13\r\n' +
          `Sec-WebSocket-Protocol: ${options.protocol}\r\n\r\n`,
      )
    })
  }

  /** Sends one text message. */
  sendText(text: string): void {
    this.write(textFrame(text))
  }

  /** Writes already-built frames (the sender batches several per write). */
  write(frames: Buffer): void {
    if (!this.closedFlag && this.socket.writable) this.socket.write(frames)
  }

  /** Starts the closing handshake; the socket is destroyed if the peer does not finish it. */
  close(): void {
    if (this.closedFlag) return
    const payload = Buffer.alloc(2)
    payload.writeUInt16BE(1000, 0)
    this.write(maskedFrame(0x8, payload))
    this.socket.end()
    setTimeout(() => this.socket.destroy(), 1_000).unref()
  }

  destroy(): void {
    this.socket.destroy()
  }

  private finish(): void {
    if (this.closedFlag) return
    this.closedFlag = true
    this.pending = null
    this.handlers.onClose()
  }

  private onData(chunk: Buffer): void {
    const atUs = nowUs()
    let buf = chunk
    if (this.pending) {
      buf = Buffer.concat([this.pending, chunk])
      this.pending = null
    }
    const length = buf.length
    let offset = 0
    while (offset + 2 <= length) {
      const b0 = buf[offset] as number
      const b1 = buf[offset + 1] as number
      let payloadLength = b1 & 0x7f
      let header = 2
      if (payloadLength === 126) {
        if (offset + 4 > length) break
        payloadLength = buf.readUInt16BE(offset + 2)
        header = 4
      } else if (payloadLength === 127) {
        if (offset + 10 > length) break
        payloadLength = buf.readUInt32BE(offset + 2) * 2 ** 32 + buf.readUInt32BE(offset + 6)
        header = 10
      }
      if ((b1 & 0x80) !== 0) {
        // A server must not mask its frames; nothing after this can be trusted.
        this.unexpected += 1
        this.socket.destroy()
        return
      }
      const start = offset + header
      const end = start + payloadLength
      if (end > length) break
      const opcode = b0 & 0x0f
      if ((b0 & 0x80) === 0 || opcode === 0) {
        this.unexpected += 1
      } else if (opcode === 0x1) {
        this.handlers.onText(buf, start, end, atUs)
      } else if (opcode === 0x9) {
        this.write(maskedFrame(0xa, buf.subarray(start, end)))
      } else if (opcode === 0x8) {
        if (end - start >= 2) this.closeCode = buf.readUInt16BE(start)
        // Echo the close and let the server end the TCP connection.
        this.write(maskedFrame(0x8, buf.subarray(start, Math.min(end, start + 2))))
        this.socket.end()
        setTimeout(() => this.socket.destroy(), 1_000).unref()
        return
      } else if (opcode !== 0xa) {
        this.unexpected += 1
      }
      offset = end
    }
    if (offset < length) this.pending = Buffer.from(buf.subarray(offset))
  }
}
