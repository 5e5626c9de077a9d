import type { ErrorMessage, PageMessage, ResultsMessage } from '../../shared/protocol'
import { ConnectionError } from './errors'
import type { Clock } from './socket'

/** Requests waiting for their answer at once; more are refused at once (CONN_ERR_BUSY): a
 * person pages and searches a few at a time, and the hub paces them anyway. */
export const MAX_REQUESTS_IN_FLIGHT = 16

type Answer = PageMessage | ResultsMessage

interface Waiting {
  type: Answer['type']
  resolve: (answer: Answer) => void
  reject: (error: ConnectionError) => void
  cancel: () => void
}

/**
 * Requests to the hub (`history`, `search`) waiting for their answer, by request id. Each waits
 * at most `timeoutMs`; the hub's refusal (an `error` with the request's id), the end of the
 * session, or the timeout rejects it with a ConnectionError (`HUB_<code>` with the hub's
 * `retryAfterMs`, CONN_ERR_DISCONNECTED, CONN_ERR_TIMEOUT).
 */
export class Requests {
  private readonly waiting = new Map<string, Waiting>()

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  get size(): number {
    return this.waiting.size
  }

  /** Waits for the answer of type `type` to request `id` (which the caller then sends). */
  wait<T extends Answer>(id: string, type: T['type']): Promise<T> {
    if (this.waiting.has(id)) {
      return Promise.reject(
        new ConnectionError('CONN_ERR_DUPLICATE_ID', `request ${id} is already waiting`),
      )
    }
    if (this.waiting.size >= MAX_REQUESTS_IN_FLIGHT) {
      return Promise.reject(
        new ConnectionError('CONN_ERR_BUSY', 'too many requests are waiting for the room'),
      )
    }
    return new Promise<T>((resolve, reject) => {
      const cancel = this.clock.schedule(() => {
        this.waiting.delete(id)
        reject(
          new ConnectionError(
            'CONN_ERR_TIMEOUT',
            `the room did not answer within ${Math.round(this.timeoutMs / 1000)} s`,
          ),
        )
      }, this.timeoutMs)
      this.waiting.set(id, {
        type,
        resolve: (answer) => resolve(answer as T),
        reject,
        cancel,
      })
    })
  }

  /** An answer from the hub; one to no waiting request (or of another type) is ignored. */
  answer(message: Answer): void {
    const waiting = this.waiting.get(message.id)
    if (!waiting || waiting.type !== message.type) return
    this.waiting.delete(message.id)
    waiting.cancel()
    waiting.resolve(message)
  }

  /** The hub refused something: true when it was one of these requests (it is rejected). */
  refused(error: ErrorMessage): boolean {
    if (error.id === undefined) return false
    const waiting = this.waiting.get(error.id)
    if (!waiting) return false
    this.waiting.delete(error.id)
    waiting.cancel()
    waiting.reject(
      new ConnectionError(`HUB_${error.code}`, error.message, error.retryAfterMs ?? null),
    )
    return true
  }

  /** The session ended: every waiting request is rejected (its answer will not come). */
  abandon(message: string): void {
    for (const [id, waiting] of this.waiting) {
      this.waiting.delete(id)
      waiting.cancel()
      waiting.reject(new ConnectionError('CONN_ERR_DISCONNECTED', message))
    }
  }
}
