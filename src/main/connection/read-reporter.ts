import { LIMITS } from '../../shared/protocol'
import { TokenBucket } from '../hub/token-bucket'
import type { Clock, RoomSocket } from './socket'

/**
 * Tells the hub how far this client has read (`read`): only forward, coalesced (the latest
 * position wins while one waits), and paced a little under the hub's read rate, so the hub
 * never has to hold one back. Only to a hub that lists `read`; a position not yet sent goes
 * out on the next session.
 */
export class ReadReporter {
  private socket: RoomSocket | null = null
  private bucket: TokenBucket | null = null
  private wanted = 0
  private sent = 0
  private cancel: (() => void) | null = null

  constructor(private readonly clock: Clock) {}

  /** The last position sent (0: none). */
  get reported(): number {
    return this.sent
  }

  /** A session began: `features` are the hub's (welcome.features). */
  start(socket: RoomSocket, features: readonly string[] | undefined): void {
    this.stop()
    if (!features?.includes('read')) return
    this.socket = socket
    const clock = this.clock
    this.bucket = new TokenBucket(
      LIMITS.readsPerSecond * 0.9,
      Math.max(1, LIMITS.readBurst - 1),
      () => clock.now(),
    )
    this.flush()
  }

  stop(): void {
    this.socket = null
    this.bucket = null
    this.cancel?.()
    this.cancel = null
  }

  /** Read up to `seq`: sent when the pace allows, unless a later position is sent first. */
  report(seq: number): void {
    if (!Number.isSafeInteger(seq) || seq < 1 || seq <= this.wanted) return
    this.wanted = seq
    this.flush()
  }

  private flush(): void {
    const { socket, bucket } = this
    if (!socket || !bucket || this.cancel || this.wanted <= this.sent) return
    if (!bucket.take()) {
      this.cancel = this.clock.schedule(
        () => {
          this.cancel = null
          this.flush()
        },
        Math.max(10, bucket.retryAfterMs()),
      )
      return
    }
    this.sent = this.wanted
    socket.send(JSON.stringify({ type: 'read', seq: this.sent }))
  }
}
