import { isIP, type Socket } from 'node:net'
import type { Limits } from '../../shared/protocol'

/** What became of a new TCP connection (see SetupSockets.add). */
export type Arrival = 'setting-up' | 'refusing' | 'closed'

interface Entry {
  socket: Socket
  /** When it arrived (performance.now()). */
  since: number
  /** The peer it counts against (see peerGroup). */
  address: string
  /** A request is being answered on it (a download, an upload): it is not idle. */
  busy: boolean
}

/**
 * The sockets that are nobody's yet: TCP connections in their TLS handshake or their HTTP
 * request (an upgrade, `GET /info`), at most `maxHttpConnections` at once. Past that, a newcomer
 * takes the place of
 *  - the oldest not answering a request, once that one has been at it for `setupGraceMs` (a
 *    request takes milliseconds on a LAN, so it is idle, and holders of idle connections cannot
 *    lock newcomers out), or
 *  - the youngest of a peer that holds at least two more than the newcomer's own peer, and at
 *    least an eighth of them all (so one peer that keeps reopening its connections, each younger
 *    than the grace, cannot keep the others out either, and a browser loading the guest page
 *    over a few connections is not cut short by a newcomer); a peer is an IPv4 address or an
 *    IPv6 /64 (see peerGroup);
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
    const address = peerGroup(socket.remoteAddress ?? '?')
    if (this.settingUp.size >= this.limits.maxHttpConnections) {
      const victim = this.victimFor(address)
      if (victim === null) return this.refuse(key, socket)
      const entry = this.settingUp.get(victim) as Entry
      this.forget(victim)
      entry.socket.destroy()
    }
    this.settingUp.set(key, { socket, since: performance.now(), address, busy: false })
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

  /**
   * A request arrived on `socket` (`busy`), or its answer has been sent: a connection answering
   * a request (a file moving, however long) is not idle and is not taken for a newcomer.
   */
  answering(socket: SocketAddresses, busy: boolean): void {
    const entry = this.settingUp.get(socketKey(socket))
    if (entry) entry.busy = busy
  }

  /** Closes every socket it holds (the server is closing; those in their TLS handshake are
   * nobody else's to close). */
  destroyAll(): void {
    for (const { socket } of this.settingUp.values()) socket.destroy()
    for (const socket of this.refused.values()) socket.destroy()
  }

  private victimFor(address: string): string | null {
    const now = performance.now()
    for (const [key, entry] of this.settingUp) {
      // Oldest first: once one is within the grace, all after it are.
      if (now - entry.since < this.limits.setupGraceMs) break
      if (!entry.busy) return key
    }
    const own = this.perAddress.get(address) ?? 0
    let heaviest: string | null = null
    let most = Math.max(own + 1, Math.ceil(this.limits.maxHttpConnections / 8) - 1)
    for (const [other, count] of this.perAddress) {
      if (count > most) [heaviest, most] = [other, count]
    }
    if (heaviest === null) return null
    let youngest: string | null = null
    for (const [key, entry] of this.settingUp) {
      if (entry.address === heaviest && !entry.busy) youngest = key
    }
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

/**
 * The peer a connection counts against: an IPv4 address (written IPv4-mapped too), or the /64 of
 * an IPv6 address, since a host may take any address of its /64 at no cost.
 */
export function peerGroup(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)
  if (mapped?.[1] !== undefined) return mapped[1]
  const bare = address.split('%')[0] ?? address
  if (isIP(bare) !== 6) return address
  const [head = '', tail] = bare.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = tail === undefined || tail === '' ? [] : tail.split(':')
  const groups =
    tail === undefined
      ? left
      : [
          ...left,
          ...new Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'),
          ...right,
        ]
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`
}
