import type { MemberView } from '../../shared/bridge'
import type { Member } from '../../shared/protocol'

const NAMES = new Intl.Collator()

/** Where a member goes in the list: you first, then the host, then everyone else. */
function rank(member: MemberView): number {
  return member.you ? 0 : member.host ? 1 : 2
}

/**
 * The order the window lists members in: you, the host, then everyone else by name as people
 * read it, two of one name by client id (ids are unique, so the order is total).
 */
export function compareMembers(a: MemberView, b: MemberView): number {
  const byName = rank(a) - rank(b) || NAMES.compare(a.name, b.name)
  if (byName !== 0) return byName
  return a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0
}

/**
 * Who is in the room, in the window's order, kept sorted as people come, go and rename: each
 * change is a binary search (O(log n) comparisons) and one splice, never a sort of the whole
 * room. Only a welcome sorts, once, since it is the whole room. The list handed out is a copy
 * made at most once per change, so the snapshots built between two changes share it.
 */
export class MemberList {
  private sorted: MemberView[] = []
  private readonly byId = new Map<string, MemberView>()
  private published: MemberView[] | null = null
  /** Comparisons made so far: what a change cost (the cost tests count them). */
  comparisons = 0

  constructor(private readonly you: string) {}

  get size(): number {
    return this.sorted.length
  }

  /** The members, in order. The same array until the next change: do not modify it. */
  get list(): MemberView[] {
    this.published ??= this.sorted.slice()
    return this.published
  }

  /** The whole room, as a welcome tells it (a client id named twice: the last one counts). */
  reset(members: Iterable<Member>): void {
    this.byId.clear()
    for (const member of members) this.byId.set(member.clientId, this.viewOf(member))
    // Not push(...values): a room that large would overflow the call stack.
    this.sorted = [...this.byId.values()].sort((a, b) => this.compare(a, b))
    this.published = null
  }

  /** Someone joined, or is now called otherwise (or became the host). */
  set(member: Member): void {
    const earlier = this.byId.get(member.clientId)
    if (
      earlier &&
      earlier.name === member.name &&
      earlier.host === member.host &&
      earlier.guest === (member.guest === true)
    ) {
      return
    }
    if (earlier) this.sorted.splice(this.indexOf(earlier), 1)
    const view = this.viewOf(member)
    this.byId.set(member.clientId, view)
    this.sorted.splice(this.insertionPoint(view), 0, view)
    this.published = null
  }

  /** Someone left. */
  delete(clientId: string): void {
    const earlier = this.byId.get(clientId)
    if (!earlier) return
    this.byId.delete(clientId)
    this.sorted.splice(this.indexOf(earlier), 1)
    this.published = null
  }

  has(clientId: string): boolean {
    return this.byId.has(clientId)
  }

  private viewOf(member: Member): MemberView {
    const { clientId, name, host } = member
    return { clientId, name, host, you: clientId === this.you, guest: member.guest === true }
  }

  private compare(a: MemberView, b: MemberView): number {
    this.comparisons += 1
    return compareMembers(a, b)
  }

  /** The first position whose member sorts after `view`. */
  private insertionPoint(view: MemberView): number {
    let low = 0
    let high = this.sorted.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.compare(this.sorted[middle] as MemberView, view) <= 0) low = middle + 1
      else high = middle
    }
    return low
  }

  /** Where `view` (an element of the list) is: the order is total, so the search finds it. */
  private indexOf(view: MemberView): number {
    let low = 0
    let high = this.sorted.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.compare(this.sorted[middle] as MemberView, view) < 0) low = middle + 1
      else high = middle
    }
    // Only a comparison that broke its own rules could miss it; a scan still finds it then.
    return this.sorted[low] === view ? low : this.sorted.indexOf(view)
  }
}
