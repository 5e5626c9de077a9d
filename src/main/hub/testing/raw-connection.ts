import { connect, type Socket } from 'node:net'
import { connect as connectTls } from 'node:tls'

/**
 * For tests: a raw connection to a hub on loopback that records what it receives until the hub
 * closes it (it never closes itself): TLS (any certificate) by default, or a bare TCP
 * connection that never even starts TLS. The caller destroys `socket` when done.
 */
export function rawConnection(
  port: number,
  tls = true,
  from: { localAddress?: string; localPort?: number; host?: string } = {},
): { socket: Socket; closedByHub: Promise<string> } {
  const { host = '127.0.0.1', ...local } = from
  const socket: Socket = tls
    ? connectTls({ host, port, ...local, rejectUnauthorized: false })
    : connect({ host, port, ...local })
  socket.on('error', () => {})
  let data = ''
  socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')))
  const closedByHub = new Promise<string>((resolve) => socket.on('close', () => resolve(data)))
  return { socket, closedByHub }
}
