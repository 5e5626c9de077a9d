import type { Socket } from 'node:net'
import type { Limits } from '../../shared/protocol'

/** What became of a new TCP connection (see SetupSockets.add). */
export type Arrival = 'setting-up' | 'refusing' | 'closed'

interface Entry {
  socket: Socket
  /** When it arrived (performance.now()). */
  since: number
  address: string
}

/**
 * The sockets that are nobody's yet: TCP connections in their TLS handshake or their HTTP
 * request (an upgrade, `GET /info`), at most `maxHttpConnections` at once. Past that, a newcomer
 * takes the place of
 *  - the oldest, once that one has been at it for `setupGraceMs` (a request takes milliseconds
 *    on a LAN, so it is idle, and holders of idle connections cannot lock newcomers out), or
 *  - the youngest of an address that holds at least two more than the newcomer's own address
 *    (so one peer that keeps reopening its connections, each younger than the grace, cannot
 *    keep the others out either);
 * otherwise the newcomer is refused: the server answers it 503 with `Retry-After: 1` as soon as
 * it can (plain HTTP: at once; TLS: once the handshake is done), and ends the connection. At
 * most `maxHttpConnections` more are kept for that answer; one of them that has sent nothing
 * within `setupGraceMs` is closed (a client sends its TLS hello or its request at once); past
 * them a newcomer is closed at once, before any handshake.
 * Keyed by both ends' addresses and ports: under TLS the request arrives on the TLS socket, not
 * the TCP one this sees, and the four-tuple is what they share. The peer's address and port
 * alone are not unique: one peer port may connect to each of the hub's addresses.
 */
export class SetupSockets {
  /** Sockets being set up, oldest first. */
  private readonly settingUp = new Map<string, Entry>()
  /** How many of settingUp each peer address holds. */
  private readonly perAddress = new Map<string, number>()
  /** Sockets answered (or to be answered, once their TLS handshake is done) 503. */
  private readonly refused = new Map<string, Socket>()

  constructor(private readonly limits: Pick<Limits, 'maxHttpConnections' | 'setupGraceMs'>) {}

  /** Every new TCP connection, at once: sets it up, keeps it for a 503, or closes it. */
  add(socket: Socket): Arrival {
    const key = socketKey(socket)
    // A key left by a socket whose close is still to come goes with its new socket.
    this.forget(key)
    const address = socket.remoteAddress ?? '?'
    if (this.settingUp.size >= this.limits.maxHttpConnections) {
      const victim = this.victimFor(address)
      if (victim === null) return this.refuse(key, socket)
      const entry = this.settingUp.get(victim) as Entry
      this.forget(victim)
      entry.socket.destroy()
    }
    this.settingUp.set(key, { socket, since: performance.now(), address })
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1)
    socket.once('close', () => {
      if (this.settingUp.get(key)?.socket === socket) this.forget(key)
    })
    return 'setting-up'
  }

  /** Whether `socket` (the TLS socket, under TLS) is one to be answered 503. */
  isRefused(socket: SocketAddresses): boolean {
    // Its addresses cost a system call each, the first time: asked of every TLS connection.
    return this.refused.size > 0 && this.refused.has(socketKey(socket))
  }

  /**
   * The connection's request arrived (`socket` is the one it came on: the TLS socket under
   * TLS): true when it is to be answered 503 and closed. An upgrade is no longer set up.
   */
  requested(socket: SocketAddresses, upgrade: boolean): boolean {
    const key = socketKey(socket)
    if (this.refused.has(key)) return true
    if (upgrade) this.forget(key)
    return false
  }

  private victimFor(address: string): string | null {
    const [oldestKey, oldest] = this.settingUp.entries().next().value as [string, Entry]
    if (performance.now() - oldest.since >= this.limits.setupGraceMs) return oldestKey
    const own = this.perAddress.get(address) ?? 0
    let heaviest: string | null = null
    let most = own + 1
    for (const [other, count] of this.perAddress) {
      if (count > most) [heaviest, most] = [other, count]
    }
    if (heaviest === null) return null
    let youngest: string | null = null
    for (const [key, entry] of this.settingUp) if (entry.address === heaviest) youngest = key
    return youngest
  }

  private refuse(key: string, socket: Socket): Arrival {
    if (this.refused.size >= this.limits.maxHttpConnections) {
      socket.destroy()
      return 'closed'
    }
    this.refused.set(key, socket)
    const silent = setTimeout(() => {
      if (this.refused.get(key) === socket && socket.bytesRead === 0) socket.destroy()
    }, this.limits.setupGraceMs)
    silent.unref()
    socket.once('close', () => {
      clearTimeout(silent)
      if (this.refused.get(key) === socket) this.refused.delete(key)
    })
    return 'refusing'
  }

  private forget(key: string): void {
    this.refused.delete(key)
    const entry = this.settingUp.get(key)
    if (!entry) return
    this.settingUp.delete(key)
    const left = (this.perAddress.get(entry.address) ?? 1) - 1
    if (left > 0) this.perAddress.set(entry.address, left)
    else this.perAddress.delete(entry.address)
  }
}

type SocketAddresses = Pick<Socket, 'remoteAddress' | 'remotePort' | 'localAddress' | 'localPort'>

function socketKey(socket: SocketAddresses): string {
  return (
    `${socket.remoteAddress ?? '?'}|${socket.remotePort ?? '?'}|` +
    `${socket.localAddress ?? '?'}|${socket.localPort ?? '?'}`
  )
}
