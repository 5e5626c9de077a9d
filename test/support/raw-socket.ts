import { connect as connectTcp, type Socket } from 'node:net'
import { randomBytes } from 'node:crypto'
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { connect as connectTls } from 'node:tls'
import { peerFingerprint } from '../../src/main/security/tls'

/** Hubs in tests speak TLS unless started with `tls: false`; these helpers follow. */
export interface Transport {
  tls?: boolean
}

/** A TCP connection to 127.0.0.1:port, through TLS (any certificate) unless `tls` is false.
 * Resolves once it can carry bytes (after the TLS handshake). */
export function openSocket(port: number, { tls = true }: Transport = {}): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket: Socket = tls
      ? connectTls({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => resolve(socket))
      : connectTcp(port, '127.0.0.1', () => resolve(socket))
    socket.once('error', reject)
  })
}

/** An HTTP(S) request to the hub on loopback: status, headers, body and the certificate
 * presented. */
export function hubRequest(
  port: number,
  path: string,
  options: { method?: string; tls?: boolean; headers?: Record<string, string> } = {},
): Promise<{
  status: number
  headers: IncomingHttpHeaders
  body: string
  fingerprint: string | null
}> {
  const tls = options.tls ?? true
  return new Promise((resolve, reject) => {
    const onResponse = (res: IncomingMessage): void => {
      const fingerprint = peerFingerprint(res.socket)
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          fingerprint,
        }),
      )
      res.on('error', reject)
    }
    const request = (tls ? httpsRequest : httpRequest)(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
        rejectUnauthorized: false,
      },
      onResponse,
    )
    request.on('error', reject)
    request.end()
  })
}

/** Encodes a masked client frame (RFC 6455 §5.3) by hand, for inputs `ws` will not send. */
export function clientFrame(payload: Buffer, opcode = 0x1): Buffer {
  const mask = randomBytes(4)
  const length = payload.length
  const header: number[] = [0x80 | opcode]
  if (length < 126) header.push(0x80 | length)
  else if (length < 65_536) header.push(0x80 | 126, length >> 8, length & 0xff)
  else throw new Error('test frames stay under 64 KiB')
  const masked = Buffer.from(payload)
  for (let i = 0; i < masked.length; i++)
    masked[i] = (masked[i] as number) ^ (mask[i % 4] as number)
  return Buffer.concat([Buffer.from(header), mask, masked])
}

/** Opens a TCP connection and performs the WebSocket upgrade by hand; resolves after 101. */
export function rawUpgrade(port: number, transport: Transport = {}): Promise<Socket> {
  return openSocket(port, transport).then((socket) => upgrade(socket))
}

/** Performs the WebSocket upgrade by hand on a connection already open; resolves after 101. */
export function upgrade(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject)
    socket.write(
      'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: lanroom.v1\r\n\r\n',
    )
    let head = Buffer.alloc(0)
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end < 0) return
      socket.off('data', onData)
      socket.off('error', reject)
      const status = head.subarray(0, end).toString('latin1')
      // Frames that came with the response (the hub's challenge) are for the reader.
      const rest = head.subarray(end + 4)
      if (rest.length > 0) socket.unshift(rest)
      if (!status.startsWith('HTTP/1.1 101')) reject(new Error(status.split('\r\n')[0]))
      else resolve(socket)
    }
    socket.on('data', onData)
  })
}

/** Reads one unmasked text frame from the hub (the first one: its challenge). */
export function readFrame(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = Buffer.alloc(0)
    const onData = (chunk: Buffer): void => {
      data = Buffer.concat([data, chunk])
      if (data.length < 2) return
      let length = (data[1] as number) & 0x7f
      let offset = 2
      if (length === 126) {
        if (data.length < 4) return
        length = data.readUInt16BE(2)
        offset = 4
      } else if (length === 127) {
        return reject(new Error('test frames stay under 64 KiB'))
      }
      if (data.length < offset + length) return
      socket.off('data', onData)
      const rest = data.subarray(offset + length)
      if (rest.length > 0) socket.unshift(rest)
      resolve(data.subarray(offset, offset + length).toString('utf8'))
    }
    socket.on('data', onData)
    socket.once('error', reject)
  })
}

/** The hub's challenge on a raw connection, and the certificate it presented. */
export async function rawChallenge(
  socket: Socket,
): Promise<{ nonce: string; fingerprint: string | null }> {
  const challenge = JSON.parse(await readFrame(socket)) as { type: string; nonce: string }
  if (challenge.type !== 'challenge') throw new Error(`expected a challenge, got ${challenge.type}`)
  return { nonce: challenge.nonce, fingerprint: peerFingerprint(socket) }
}

/** Sends a raw HTTP request and resolves with the status line. */
export async function rawRequest(
  port: number,
  request: string,
  transport: Transport = {},
): Promise<string> {
  return (await rawResponse(port, request, transport)).split('\r\n')[0] ?? ''
}

/** Sends a raw HTTP request and resolves with all the hub answered before it closed. */
export function rawResponse(
  port: number,
  request: string,
  transport: Transport = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: Socket =
      (transport.tls ?? true)
        ? connectTls({ host: '127.0.0.1', port, rejectUnauthorized: false })
        : connectTcp(port, '127.0.0.1')
    let data = ''
    socket.on('data', (chunk) => (data += chunk.toString('latin1')))
    socket.on('error', reject)
    socket.on('close', () => resolve(data))
    socket.write(request)
  })
}
