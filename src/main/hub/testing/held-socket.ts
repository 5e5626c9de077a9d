import type { Socket } from 'node:net'

/**
 * For tests of Outbound and the fan-out without a network: a socket that keeps what is written
 * and completes writes only when told to (`drain`), as a peer that stops reading would.
 * `encrypted` makes it look like a TLS socket (Outbound then feeds it in small steps).
 */
export class HeldSocket {
  readonly written: Buffer[] = []
  private readonly pending: Array<{ bytes: number; done?: () => void }> = []
  destroyed = false
  writable = true
  corked = 0
  /** How many times the socket was written to while not corked (a write or an uncork). */
  writes = 0
  /** How many times `writableLength` was read. */
  lengthReads = 0

  constructor(
    readonly encrypted = false,
    /** Called on every write, for tests that check what happens before it. */
    private readonly onWrite: () => void = () => {},
  ) {}

  get writableLength(): number {
    this.lengthReads++
    return this.pending.reduce((sum, write) => sum + write.bytes, 0)
  }

  write(chunk: Buffer, done?: () => void): boolean {
    this.onWrite()
    this.written.push(chunk)
    this.pending.push({ bytes: chunk.length, done })
    if (this.corked === 0) this.writes++
    return true
  }

  cork(): void {
    this.corked++
  }

  uncork(): void {
    this.corked--
    if (this.corked === 0) this.writes++
  }

  /** The network took everything written so far. */
  drain(): void {
    for (const write of this.pending.splice(0)) write.done?.()
  }

  asSocket(): Socket {
    return this as unknown as Socket
  }
}
