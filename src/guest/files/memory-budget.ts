/**
 * How much of the files it downloads a guest page holds at once. A page has no folder to write
 * into as it goes: a download is kept (as Blobs, which the browser may page out to its own disk)
 * until it is verified and the person saves it. A download that would pass the bound is refused
 * before any byte is fetched, with a sentence that says so and what to use instead; the file
 * stays in the room, so nothing is lost. Downloads already saved are let go first to make room.
 */

/** The most bytes of downloads a guest page holds: files up to this size can be downloaded. */
export const MAX_HELD_BYTES = 512 * 1024 * 1024

export class MemoryBudget {
  private held = 0

  constructor(readonly limit: number = MAX_HELD_BYTES) {}

  get used(): number {
    return this.held
  }

  /** Takes `bytes` when they fit; false (nothing taken) when they do not. */
  reserve(bytes: number): boolean {
    if (!Number.isSafeInteger(bytes) || bytes < 0 || this.held + bytes > this.limit) return false
    this.held += bytes
    return true
  }

  release(bytes: number): void {
    this.held = Math.max(0, this.held - bytes)
  }
}
