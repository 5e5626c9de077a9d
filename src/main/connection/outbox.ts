import type { ChatEvent } from '../../shared/protocol'
import { Emitter } from './emitter'
import { ConnectionError } from './errors'

/**
 * - `pending`: waiting to be written (not connected yet, paced, or to be resent after a drop);
 * - `sent`: written to the current connection, waiting for the hub's acknowledgement;
 * - `failed`: refused (by the hub, or by the client's own check against the room's limits);
 *   it stays until the person retries or discards it.
 */
export type OutboxState = 'pending' | 'sent' | 'failed'

export interface OutboxEntry {
  readonly id: string
  readonly text: string
  readonly state: OutboxState
  /** Why it failed; null unless `state` is `failed`. */
  readonly error: { readonly code: string; readonly message: string } | null
  /** How many times it was written to a connection (resends included). */
  readonly sends: number
}

interface Waiter {
  promise: Promise<ChatEvent>
  resolve: (event: ChatEvent) => void
  reject: (error: Error) => void
}

interface Item {
  id: string
  text: string
  state: OutboxState
  error: { code: string; message: string } | null
  sends: number
  sentAt: number | null
  waiter: Waiter | null
}

type OutboxEvents = { change: [] }

/**
 * Chats written but not yet acknowledged, in the order they were written. The connection sends
 * `pending` entries in that order, with their original ids, so that a resend of something the
 * hub already stamped is recognised by the hub and acknowledged again instead of doubled.
 */
export class Outbox extends Emitter<OutboxEvents> {
  private items: Item[] = []
  private frozen: Error | null = null

  /** A snapshot, oldest first. */
  get entries(): readonly OutboxEntry[] {
    return this.items.map(({ id, text, state, error, sends }) => ({
      id,
      text,
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

  /** Queues a chat; the promise resolves with the hub's stamped copy. */
  add(id: string, text: string): Promise<ChatEvent> {
    if (this.frozen) return handled(Promise.reject(this.frozen))
    if (this.has(id)) {
      return handled(
        Promise.reject(
          new ConnectionError('CONN_ERR_DUPLICATE_ID', `message id ${id} is already in the outbox`),
        ),
      )
    }
    const item: Item = {
      id,
      text,
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
  pending(): ReadonlyArray<{ readonly id: string; readonly text: string }> {
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

  /** The hub stamped the chat `id`: it leaves the outbox. False when it was not in it. */
  acknowledge(id: string, event: ChatEvent): boolean {
    const index = this.items.findIndex((item) => item.id === id)
    if (index < 0) return false
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

  /** The chat was refused; it waits for `retry` or `discard`. */
  fail(id: string, error: { code: string; message: string }): void {
    const item = this.find(id)
    if (!item || item.state === 'failed') return
    item.state = 'failed'
    item.error = error
    item.sentAt = null
    const code = error.code.startsWith('CONN_ERR_') ? 'CONN_ERR_INVALID' : `HUB_${error.code}`
    item.waiter?.reject(new ConnectionError(code as `HUB_${string}`, error.message))
    item.waiter = null
    this.emit('change')
  }

  /**
   * Queues a failed entry again, at the end (it is sent after everything written before the
   * retry), with the same id. For a pending or sent entry, the promise of its delivery.
   */
  retry(id: string): Promise<ChatEvent> {
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

  private wait(item: Item): Promise<ChatEvent> {
    if (item.waiter) return item.waiter.promise
    let resolve: Waiter['resolve'] = () => {}
    let reject: Waiter['reject'] = () => {}
    const promise = handled(
      new Promise<ChatEvent>((res, rej) => {
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
