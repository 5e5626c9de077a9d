import type { FileDeclaration, TimelineEvent } from '../../shared/protocol'
import { Emitter } from './emitter'
import { ConnectionError, type ConnectionErrorCode } from './errors'

/**
 * - `pending`: waiting to be written (not connected yet, paced, or to be resent after a drop);
 * - `sent`: written to the current connection, waiting for the hub's acknowledgement;
 * - `failed`: refused (by the hub, or by the client's own check against the room's limits);
 *   it stays until the person retries or discards it.
 */
export type OutboxState = 'pending' | 'sent' | 'failed'

/**
 * What an entry asks the room to do: a chat, or an op on a chat (`target`, its seq). Every op
 * is a timeline event of its own, acknowledged, deduplicated and resent like a chat.
 */
export type OutboxOp =
  | {
      type: 'chat'
      text: string
      replyTo?: number
      mentions?: readonly string[]
      mentionsRoom?: true
      /** A shared file (feature `files`): its finished upload, as declared. */
      file?: FileDeclaration
    }
  | { type: 'react' | 'unreact'; target: number; emoji: string }
  | { type: 'edit'; target: number; text: string }
  | { type: 'delete'; target: number }

export interface OutboxEntry {
  readonly id: string
  /** The chat's (or the edit's) text; empty for the other ops. */
  readonly text: string
  readonly op: OutboxOp
  readonly state: OutboxState
  /** Why it failed; null unless `state` is `failed`. */
  readonly error: { readonly code: string; readonly message: string } | null
  /** How many times it was written to a connection (resends included). */
  readonly sends: number
}

interface Waiter {
  promise: Promise<TimelineEvent>
  resolve: (event: TimelineEvent) => void
  reject: (error: Error) => void
}

interface Item {
  id: string
  op: OutboxOp
  state: OutboxState
  error: { code: string; message: string } | null
  sends: number
  sentAt: number | null
  waiter: Waiter | null
}

type OutboxEvents = { change: [] }

/**
 * Chats and ops (reactions, edits, deletes) written but not yet acknowledged, in the order they
 * were written. The connection sends
 * `pending` entries in that order, with their original ids, so that a resend of something the
 * hub already stamped is recognised by the hub and acknowledged again instead of doubled.
 */
export class Outbox extends Emitter<OutboxEvents> {
  private items: Item[] = []
  private frozen: Error | null = null

  /** A snapshot, oldest first. */
  get entries(): readonly OutboxEntry[] {
    return this.items.map(({ id, op, state, error, sends }) => ({
      id,
      text: 'text' in op ? op.text : '',
      op,
      state,
      error: error ? { ...error } : null,
      sends,
    }))
  }

  /** Entries still on their way (pending or sent). */
  get undelivered(): number {
    let count = 0
    for (const item of this.items) if (item.state !== 'failed') count += 1
    return count
  }

  get failed(): number {
    return this.items.length - this.undelivered
  }

  has(id: string): boolean {
    return this.items.some((item) => item.id === id)
  }

  /** Queues a chat (its text) or an op; the promise resolves with the hub's stamped copy. */
  add(id: string, what: string | OutboxOp): Promise<TimelineEvent> {
    if (this.frozen) return handled(Promise.reject(this.frozen))
    if (this.has(id)) {
      return handled(
        Promise.reject(
          new ConnectionError('CONN_ERR_DUPLICATE_ID', `message id ${id} is already in the outbox`),
        ),
      )
    }
    const op: OutboxOp = typeof what === 'string' ? { type: 'chat', text: what } : what
    const item: Item = {
      id,
      op,
      state: 'pending',
      error: null,
      sends: 0,
      sentAt: null,
      waiter: null,
    }
    const promise = this.wait(item)
    this.items.push(item)
    this.emit('change')
    return promise
  }

  /** Pending entries in the order they are to be sent. */
  pending(): ReadonlyArray<{ readonly id: string; readonly op: OutboxOp }> {
    return this.items.filter((item) => item.state === 'pending')
  }

  markSent(id: string, now: number): void {
    const item = this.find(id)
    if (!item || item.state !== 'pending') return
    item.state = 'sent'
    item.sends += 1
    item.sentAt = now
    this.emit('change')
  }

  /** The hub stamped the entry `id` (`event`, of the entry's type): it leaves the outbox.
   * False when it was not in it. */
  acknowledge(id: string, event: TimelineEvent): boolean {
    const index = this.items.findIndex((item) => item.id === id)
    // An event of another type under this id is not this entry's stamp (a hub's mistake).
    if (index < 0 || this.items[index]?.op.type !== event.type) return false
    const [item] = this.items.splice(index, 1) as [Item]
    item.waiter?.resolve(event)
    this.emit('change')
    return true
  }

  /**
   * Sent entries go back to pending, to be resent in order: all of them (the connection was
   * lost), or from `fromId` on (the hub refused `fromId` for the rate; what was sent before it
   * was handled before it).
   */
  goBack(fromId?: string): void {
    let start = fromId === undefined ? 0 : this.items.findIndex((item) => item.id === fromId)
    if (start < 0) start = 0
    let changed = false
    for (const item of this.items.slice(start)) {
      if (item.state === 'sent') {
        item.state = 'pending'
        item.sentAt = null
        changed = true
      }
    }
    if (changed) this.emit('change')
  }

  /** The entry was refused: a chat waits for `retry` or `discard`; an op (a reaction, an edit,
   * a delete) leaves the outbox, its promise rejected with the reason. */
  fail(id: string, error: { code: string; message: string }): void {
    const item = this.find(id)
    if (!item || item.state === 'failed') return
    if (item.op.type !== 'chat') this.items.splice(this.items.indexOf(item), 1)
    item.state = 'failed'
    item.error = error
    item.sentAt = null
    const code: ConnectionErrorCode = error.code.startsWith('CONN_ERR_')
      ? (error.code as ConnectionErrorCode)
      : `HUB_${error.code}`
    item.waiter?.reject(new ConnectionError(code, error.message))
    item.waiter = null
    this.emit('change')
  }

  /**
   * Queues a failed entry again, at the end (it is sent after everything written before the
   * retry), with the same id. For a pending or sent entry, the promise of its delivery.
   */
  retry(id: string): Promise<TimelineEvent> {
    const item = this.find(id)
    if (!item) {
      return handled(
        Promise.reject(new ConnectionError('CONN_ERR_INVALID', `no message ${id} in the outbox`)),
      )
    }
    if (this.frozen) return handled(Promise.reject(this.frozen))
    if (item.state !== 'failed') return this.wait(item)
    this.items.splice(this.items.indexOf(item), 1)
    item.state = 'pending'
    item.error = null
    this.items.push(item)
    const promise = this.wait(item)
    this.emit('change')
    return promise
  }

  /**
   * Removes a failed entry, or a pending one that was never written (one that was written may
   * already be in the room, so discarding it would be a lie). True when it was removed.
   */
  discard(id: string): boolean {
    const item = this.find(id)
    if (!item) return false
    if (item.state === 'sent' || (item.state === 'pending' && item.sends > 0)) return false
    this.items.splice(this.items.indexOf(item), 1)
    item.waiter?.reject(new ConnectionError('CONN_ERR_DISCARDED', 'the message was discarded'))
    this.emit('change')
    return true
  }

  /** When the oldest entry still waiting for its acknowledgement was written, or null. */
  oldestSentAt(): number | null {
    let oldest: number | null = null
    for (const item of this.items) {
      if (
        item.state === 'sent' &&
        item.sentAt !== null &&
        (oldest === null || item.sentAt < oldest)
      )
        oldest = item.sentAt
    }
    return oldest
  }

  /**
   * The connection has ended for good: every waiting promise rejects with `error`. The entries
   * stay, so that the app can show (or keep) what was not delivered.
   */
  freeze(error: Error): void {
    if (this.frozen) return
    this.frozen = error
    for (const item of this.items) {
      item.waiter?.reject(error)
      item.waiter = null
      if (item.state === 'sent') {
        item.state = 'pending'
        item.sentAt = null
      }
    }
    this.emit('change')
  }

  private find(id: string): Item | undefined {
    return this.items.find((item) => item.id === id)
  }

  private wait(item: Item): Promise<TimelineEvent> {
    if (item.waiter) return item.waiter.promise
    let resolve: Waiter['resolve'] = () => {}
    let reject: Waiter['reject'] = () => {}
    const promise = handled(
      new Promise<TimelineEvent>((res, rej) => {
        resolve = res
        reject = rej
      }),
    )
    item.waiter = { promise, resolve, reject }
    return promise
  }
}

/** A caller that fires and forgets a send must not crash the process on a rejection. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {})
  return promise
}
