import type { Member } from '../../shared/protocol'
import { FEED_BYTES } from './outbound'

/** A block of the serialized list: one TLS feed, so that fanout's sendLarge slices none. */
const BLOCK_BYTES = FEED_BYTES
const OPEN = Buffer.from('[')
const CLOSE = Buffer.from(']')

/**
 * The room's member list as a welcome writes it (a JSON array), serialized as members join
 * rather than once per welcome. Made per welcome, a list of 1000 members is a 110 KB string and
 * as large a Buffer, garbage once written: a burst of joins made the hub's peak RSS that garbage
 * (issue #12, target 4). Here a join appends its member to blocks whose written bytes never
 * change, so every welcome holds views of the same blocks; anything other than an addition at
 * the end (a leave, a rename) makes the next welcome rebuild them into new blocks, leaving the
 * old ones to the welcomes still queued with them.
 */
export class MemberList {
  private blocks: Buffer[] = []
  /** Bytes written in each block. */
  private lengths: number[] = []
  private count = 0
  private stale = true

  /** `current`: the members, in the room's order; the list holds the first `max` of them
   * (in a clustered room, hubs admitting at once may let a few more in than the room holds). */
  constructor(
    private readonly current: () => Iterable<Member>,
    private readonly max = Infinity,
  ) {}

  /** A member was added at the end of the room's order. */
  added(member: Member): void {
    if (this.count >= this.max) this.stale = true
    else if (!this.stale) this.append(member)
  }

  /** The list changed other than by an addition at its end. */
  changed(): void {
    this.stale = true
  }

  /** The JSON array, as pieces to write in order (views that never change). */
  parts(): Buffer[] {
    if (this.stale) this.rebuild()
    const out: Buffer[] = [OPEN]
    for (const [i, block] of this.blocks.entries()) out.push(block.subarray(0, this.lengths[i]))
    out.push(CLOSE)
    return out
  }

  private rebuild(): void {
    this.blocks = []
    this.lengths = []
    this.count = 0
    for (const member of this.current()) {
      if (this.count >= this.max) break
      this.append(member)
    }
    this.stale = false
  }

  private append(member: Member): void {
    const text = (this.count > 0 ? ',' : '') + JSON.stringify(member)
    const bytes = Buffer.byteLength(text)
    const last = this.blocks.length - 1
    let block = this.blocks[last]
    let used = this.lengths[last] ?? 0
    if (!block || used + bytes > block.length) {
      block = Buffer.alloc(Math.max(BLOCK_BYTES, bytes))
      used = 0
      this.blocks.push(block)
      this.lengths.push(0)
    }
    block.write(text, used)
    this.lengths[this.lengths.length - 1] = used + bytes
    this.count += 1
  }
}
