import { unref } from './unref'

/** A typing indicator nobody refreshed is dropped after this long, whatever the hub says. */
export const TYPING_EXPIRY_MS = 8_000

export interface Typist {
  clientId: string
  name: string
}

/**
 * Who is typing now. Each change says whether anything visible changed, so that a refresh of
 * someone already typing (the usual frame) costs a timer reset, not a new snapshot. The list
 * handed out is built at most once per change.
 */
export class TypingIndicators {
  private readonly active = new Map<string, { name: string; timer: NodeJS.Timeout }>()
  private published: Typist[] | null = null

  /** `expired` is told when an indicator nobody refreshed is dropped. */
  constructor(
    private readonly expired: () => void,
    private readonly expiryMs = TYPING_EXPIRY_MS,
  ) {}

  get size(): number {
    return this.active.size
  }

  /** Who is typing, in the order they started. The same array until the next change. */
  get list(): Typist[] {
    this.published ??= [...this.active].map(([clientId, { name }]) => ({ clientId, name }))
    return this.published
  }

  /** Someone is typing (again). True when the list changed. */
  start(clientId: string, name: string): boolean {
    const existing = this.active.get(clientId)
    if (existing) {
      existing.timer.refresh()
      if (existing.name === name) return false
      existing.name = name
      this.published = null
      return true
    }
    const timer = unref(
      setTimeout(() => {
        if (this.stop(clientId)) this.expired()
      }, this.expiryMs),
    )
    this.active.set(clientId, { name, timer })
    this.published = null
    return true
  }

  /** Someone stopped typing (said so, chatted, or left). True when the list changed. */
  stop(clientId: string): boolean {
    const existing = this.active.get(clientId)
    if (!existing) return false
    clearTimeout(existing.timer)
    this.active.delete(clientId)
    this.published = null
    return true
  }

  /** Someone typing is now called otherwise. True when the list changed. */
  rename(clientId: string, name: string): boolean {
    const existing = this.active.get(clientId)
    if (!existing || existing.name === name) return false
    existing.name = name
    this.published = null
    return true
  }

  /** Keeps only those `keep` accepts (after a welcome: those still in the room). */
  retain(keep: (clientId: string) => boolean): boolean {
    let changed = false
    for (const clientId of [...this.active.keys()]) {
      if (!keep(clientId)) changed = this.stop(clientId) || changed
    }
    return changed
  }

  /** Nobody is typing any more (the connection ended). True when the list changed. */
  clear(): boolean {
    return this.retain(() => false)
  }
}
