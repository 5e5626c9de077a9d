/** Event name → listener arguments. */
export type EventMap = Record<string, unknown[]>

/**
 * A small typed event emitter that runs outside Node too (the connection is meant to be
 * reusable in a browser build, where node:events is not available).
 */
export class Emitter<Events extends EventMap> {
  private readonly listeners: { [K in keyof Events]?: Set<(...args: Events[K]) => void> } = {}

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): () => void {
    let set = this.listeners[event]
    if (!set) {
      set = new Set()
      this.listeners[event] = set
    }
    set.add(listener)
    return () => this.off(event, listener)
  }

  off<K extends keyof Events>(event: K, listener: (...args: Events[K]) => void): void {
    this.listeners[event]?.delete(listener)
  }

  protected emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    const set = this.listeners[event]
    if (!set) return
    // A listener may remove itself (or others) while we iterate.
    for (const listener of [...set]) listener(...args)
  }
}
