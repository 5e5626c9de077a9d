import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net'

interface Link {
  readonly id: number
  readonly client: Socket
  readonly upstream: Socket
  /** Bytes client → hub are held (a stall holds both directions; a handshake stall this one). */
  holdUp: boolean
  holdDown: boolean
  /** Hold client → hub bytes for this long once the first chunk (the upgrade) has passed. */
  handshakeStallMs: number | null
  /** Bytes held back while stalled, per direction. */
  readonly toUpstream: Buffer[]
  readonly toClient: Buffer[]
  /** A side that closed while the link was stalled; the other side is ended after the stall. */
  clientGone: boolean
  upstreamGone: boolean
  timer: NodeJS.Timeout | null
}

export interface ProxyStats {
  connections: number
  refused: number
  cuts: number
  stalls: number
}

/**
 * A loopback TCP proxy in front of a hub that misbehaves on request, as networks do: it cuts
 * connections, stalls them (holds every byte, in both directions, for a while), and refuses
 * new ones. A stall that ends with `resume` delivers what it held — even to a side whose peer
 * has meanwhile given up, as a congested network delivers late — so a hello sent on a socket
 * the client abandoned may reach the hub after its replacement did.
 */
export class ChaosProxy {
  readonly stats: ProxyStats = { connections: 0, refused: 0, cuts: 0, stalls: 0 }
  private readonly links = new Set<Link>()
  private refusing = false
  private nextHandshakeStallMs: number | null = null
  private onHandshakeStall: ((link: Link) => void) | null = null
  private nextId = 1

  private constructor(
    private readonly server: Server,
    private targetPort: number,
    private readonly scheme: 'wss' | 'ws',
  ) {
    server.on('connection', (client) => this.onConnection(client))
  }

  /** Listens on 127.0.0.1 (port 0: any free port) and forwards to 127.0.0.1:targetPort. It
   * forwards bytes, so TLS passes through; `scheme` is only what `url` says (hubs speak TLS
   * unless started without). */
  static start(targetPort: number, port = 0, scheme: 'wss' | 'ws' = 'wss'): Promise<ChaosProxy> {
    return new Promise((resolve, reject) => {
      const server = createServer()
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve(new ChaosProxy(server, targetPort, scheme)))
    })
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }
  get url(): string {
    return `${this.scheme}://127.0.0.1:${this.port}/ws`
  }
  /** Live links, oldest first. */
  get linkCount(): number {
    return this.links.size
  }

  retarget(port: number): void {
    this.targetPort = port
  }

  /** While refusing, a new connection is reset at once, as if nothing listened. */
  setRefusing(refusing: boolean): void {
    this.refusing = refusing
  }

  cutAll(): number {
    const count = this.links.size
    for (const link of [...this.links]) this.cut(link)
    return count
  }

  /** Cuts link number `index` (0 = oldest live one). */
  cutAt(index: number): boolean {
    const link = [...this.links][index]
    if (!link) return false
    this.cut(link)
    return true
  }

  /** Holds every byte of link `index` for `ms`, then delivers it all (`resume`) or cuts. */
  stallAt(index: number, ms: number, then: 'resume' | 'cut'): boolean {
    const link = [...this.links][index]
    if (!link || link.holdUp || link.holdDown) return false
    this.stats.stalls += 1
    link.holdUp = true
    link.holdDown = true
    link.timer = setTimeout(() => {
      link.timer = null
      if (then === 'cut') this.cut(link)
      else this.unstall(link)
    }, ms)
    return true
  }

  /**
   * The next connection gets its upgrade through, then what the client sends next (its hello)
   * is held for `ms` (or until the returned function is called) and delivered after —
   * typically after the client gave up on it and joined through another connection.
   */
  stallNextHandshake(ms = Number.POSITIVE_INFINITY): () => void {
    this.nextHandshakeStallMs = ms
    let held: Link | null = null
    this.onHandshakeStall = (link) => (held = link)
    return () => {
      this.nextHandshakeStallMs = null
      const link = held as Link | null
      if (!link || !this.links.has(link) || !link.holdUp) return
      if (link.timer) clearTimeout(link.timer)
      link.timer = null
      this.unstall(link)
    }
  }

  /** Ends every stall now, delivering what was held. */
  releaseAll(): void {
    this.nextHandshakeStallMs = null
    for (const link of [...this.links]) {
      if (!link.holdUp && !link.holdDown) continue
      if (link.timer) clearTimeout(link.timer)
      link.timer = null
      this.unstall(link)
    }
  }

  close(): Promise<void> {
    for (const link of [...this.links]) this.cut(link)
    return new Promise((resolve) => this.server.close(() => resolve()))
  }

  private onConnection(client: Socket): void {
    client.on('error', () => {})
    if (this.refusing) {
      this.stats.refused += 1
      client.resetAndDestroy()
      return
    }
    this.stats.connections += 1
    const upstream = connect(this.targetPort, '127.0.0.1')
    upstream.on('error', () => {})
    const link: Link = {
      id: this.nextId++,
      client,
      upstream,
      holdUp: false,
      holdDown: false,
      handshakeStallMs: this.nextHandshakeStallMs,
      toUpstream: [],
      toClient: [],
      clientGone: false,
      upstreamGone: false,
      timer: null,
    }
    this.nextHandshakeStallMs = null
    this.links.add(link)
    client.on('data', (chunk: Buffer) => {
      if (link.holdUp) link.toUpstream.push(chunk)
      else if (!upstream.destroyed) upstream.write(chunk)
      const ms = link.handshakeStallMs
      if (ms !== null) {
        link.handshakeStallMs = null
        this.stats.stalls += 1
        link.holdUp = true
        this.onHandshakeStall?.(link)
        this.onHandshakeStall = null
        if (Number.isFinite(ms)) {
          link.timer = setTimeout(() => {
            link.timer = null
            this.unstall(link)
          }, ms)
        }
      }
    })
    upstream.on('data', (chunk: Buffer) => {
      if (link.holdDown) link.toClient.push(chunk)
      else if (!client.destroyed) client.write(chunk)
    })
    client.on('close', () => this.sideClosed(link, 'client'))
    upstream.on('close', () => this.sideClosed(link, 'upstream'))
  }

  private sideClosed(link: Link, side: 'client' | 'upstream'): void {
    if (!this.links.has(link)) return
    if (side === 'client') link.clientGone = true
    else link.upstreamGone = true
    if (link.holdUp || link.holdDown) return
    this.finishIfClosed(link)
  }

  /** Passes a close on to the other side once nothing is held for it. */
  private finishIfClosed(link: Link): void {
    if (link.clientGone && !link.upstream.destroyed) link.upstream.end()
    if (link.upstreamGone && !link.client.destroyed) link.client.end()
    if (link.clientGone && link.upstreamGone) this.links.delete(link)
    else if ((link.clientGone || link.upstreamGone) && !link.timer) {
      // Neither side may linger half-open forever.
      link.timer = setTimeout(() => {
        link.client.destroy()
        link.upstream.destroy()
        this.links.delete(link)
      }, 2_000)
      link.timer.unref()
    }
  }

  private unstall(link: Link): void {
    link.holdUp = false
    link.holdDown = false
    const up = Buffer.concat(link.toUpstream.splice(0))
    const down = Buffer.concat(link.toClient.splice(0))
    if (up.length > 0 && !link.upstream.destroyed) link.upstream.write(up)
    if (down.length > 0 && !link.client.destroyed) link.client.write(down)
    if (link.clientGone || link.upstreamGone) this.finishIfClosed(link)
  }

  private cut(link: Link): void {
    if (link.timer) clearTimeout(link.timer)
    link.timer = null
    link.holdUp = false
    link.holdDown = false
    link.toUpstream.length = 0
    link.toClient.length = 0
    this.stats.cuts += 1
    link.client.destroy()
    link.upstream.destroy()
    this.links.delete(link)
  }
}
