import { appendFileSync } from 'node:fs'
import type { RoomSocket, SocketCloseEvent, SocketFactory } from '../../src/main/connection'

/** `CHAOS_TRACE=<path prefix>`: the chaos tests' clients (below) and a clustered room's hubs
 * (test/cluster/cluster-room.ts, their whole stderr) write their traces to files starting
 * with it. Unset: nothing is written. */
export const TRACE = process.env['CHAOS_TRACE']

/**
 * The chaos tests' trace (`CHAOS_TRACE=<path prefix>`): where a failed run left off is often in
 * what one client sent and what it was told. Each line of `<prefix>-client<N>.log` is the time
 * (ms since the epoch), the socket's number and URL, then what happened: `open`, `send TYPE ID`,
 * `recv` of an error or a welcome (cut to 200 characters), or `close CODE REASON`. Chats and
 * broadcasts otherwise are left out: the hubs' histories say where they ended up.
 */
export function tracedSocketFactory(inner: SocketFactory, path: string): SocketFactory {
  let sockets = 0
  return (url, protocol) => {
    const socket = inner(url, protocol)
    const n = ++sockets
    const log = (what: string): void => appendFileSync(path, `${Date.now()} s${n} ${url} ${what}\n`)
    log('open')
    return traced(socket, log)
  }
}

/** The same socket, with what crosses it logged. */
function traced(socket: RoomSocket, log: (what: string) => void): RoomSocket {
  const send = socket.send.bind(socket)
  socket.send = (data: string) => {
    const type = /"type":"(\w+)"/.exec(data)?.[1] ?? '?'
    const id = /"id":"([^"]+)"/.exec(data)?.[1] ?? ''
    log(`send ${type} ${id}`)
    send(data)
  }
  // The room connection sets its handlers after the socket is made, and again per phase.
  let onmessage: RoomSocket['onmessage'] = null
  let onclose: RoomSocket['onclose'] = null
  Object.defineProperty(socket, 'onmessage', {
    configurable: true,
    get: () =>
      onmessage &&
      ((data: string) => {
        if (data.startsWith('{"type":"error"') || data.startsWith('{"type":"welcome"')) {
          log(`recv ${data.slice(0, 200)}`)
        }
        onmessage?.(data)
      }),
    set: (handler: RoomSocket['onmessage']) => void (onmessage = handler),
  })
  Object.defineProperty(socket, 'onclose', {
    configurable: true,
    get: () =>
      onclose &&
      ((event: SocketCloseEvent) => {
        log(`close ${event.code} ${event.reason}`)
        onclose?.(event)
      }),
    set: (handler: RoomSocket['onclose']) => void (onclose = handler),
  })
  return socket
}
