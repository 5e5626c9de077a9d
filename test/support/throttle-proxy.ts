import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net'

/**
 * A loopback TCP proxy that passes bytes at most `bytesPerSecond` each way, per connection: a
 * slow network, so that a transfer is still under way when a test stops its host. It forwards
 * bytes (TLS passes through) to 127.0.0.1:targetPort, whatever listens there at the time: a
 * connection made while nothing does is closed at once, as the host's own port would refuse it.
 */
export class ThrottleProxy {
  private readonly sockets = new Set<Socket>()

  private constructor(
    private readonly server: Server,
    private readonly targetPort: number,
    private readonly bytesPerSecond: number,
  ) {
    server.on('connection', (client) => this.onConnection(client))
  }

  static start(targetPort: number, bytesPerSecond: number): Promise<ThrottleProxy> {
    return new Promise((resolve, reject) => {
      const server = createServer()
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () =>
        resolve(new ThrottleProxy(server, targetPort, bytesPerSecond)),
      )
    })
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }

  /** Stops listening and drops every connection. */
  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }

  private onConnection(client: Socket): void {
    const upstream = connect(this.targetPort, '127.0.0.1')
    for (const socket of [client, upstream]) {
      this.sockets.add(socket)
      // Either side gone: so is the other (a host that stops ends its connections).
      socket.on('close', () => {
        this.sockets.delete(socket)
        client.destroy()
        upstream.destroy()
      })
      socket.on('error', () => {})
    }
    this.pipe(client, upstream)
    this.pipe(upstream, client)
  }

  /** `from` to `to`, each chunk followed by a pause as long as the chunk takes at the rate. */
  private pipe(from: Socket, to: Socket): void {
    from.on('data', (chunk: Buffer) => {
      if (to.destroyed) return
      to.write(chunk)
      from.pause()
      setTimeout(() => from.resume(), (chunk.length / this.bytesPerSecond) * 1000)
    })
  }
}
