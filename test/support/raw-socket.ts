import { connect, type Socket } from 'node:net'
import { randomBytes } from 'node:crypto'

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
export function rawUpgrade(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('error', reject)
    socket.once('connect', () => {
      socket.write(
        'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: lanroom.v1\r\n\r\n',
      )
    })
    let head = ''
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1')
      if (head.includes('\r\n\r\n')) {
        socket.off('data', onData)
        if (!head.startsWith('HTTP/1.1 101')) reject(new Error(head.split('\r\n')[0]))
        else resolve(socket)
      }
    }
    socket.on('data', onData)
  })
}

/** Sends a raw HTTP request and resolves with the status line. */
export function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    socket.on('data', (chunk) => (data += chunk.toString('latin1')))
    socket.on('error', reject)
    socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''))
    socket.write(request)
  })
}
