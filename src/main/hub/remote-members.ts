import type { HubMessage, LeaveReason, Member } from '../../shared/protocol'

/** What the room lets its remote members see and do (room.ts gives it once, in `attach`). */
export interface RoomView {
  /** Whether the client is a member on this hub. */
  has(clientId: string): boolean
  /** The member list changed: `added` at its end, or otherwise. */
  listChanged(added?: Member): void
  /** Tells every member on this hub. */
  broadcast(message: HubMessage): void
}

/** Where this hub's own members' changes go (the cluster: cluster/room-presence.ts). */
export interface PresencePublisher {
  joined(member: Member): void
  left(clientId: string): void
  typing(clientId: string, active: boolean): void
}

/**
 * The members of a clustered room that are on other hubs, as this hub's room lists them: one
 * member per client id, however many hubs list it (a member moving between hubs is listed by
 * both for a moment), and none that is also a member here (this hub's own seat says it). A
 * client id becomes `joined` when the first hub lists it and `left` when the last one stops,
 * and is told to this hub's members only when it is not a member here too. Without a cluster
 * the room has none (NO_REMOTE_MEMBERS).
 */
export class RemoteMembers {
  /** By client id, the hubs listing it and how, the latest listing last. */
  private readonly byClient = new Map<string, Map<string, Member>>()
  private view: RoomView | null = null
  private publisher: PresencePublisher | null = null
  private hubUrls: () => readonly string[] = () => []

  attach(view: RoomView): void {
    this.view = view
  }

  /** Where this hub's own members' joins, renames, leaves and typing are told. */
  publishTo(publisher: PresencePublisher): void {
    this.publisher = publisher
  }

  /** Where the join URLs of the room's other live hubs come from (the cluster's presence). */
  listHubsFrom(source: () => readonly string[]): void {
    this.hubUrls = source
  }

  /** A welcome's or `/info`'s `hubs`: the other live hubs' join URLs, as they are now; no field
   * when there is none (always, in a room of one hub), never an empty list. */
  hubsField(): { hubs?: string[] } {
    const hubs = [...this.hubUrls()]
    return hubs.length > 0 ? { hubs } : {}
  }

  /** The member as listed on another hub, if it is. */
  get(clientId: string): Member | undefined {
    const hubs = this.byClient.get(clientId)
    return hubs === undefined ? undefined : latest(hubs)
  }

  /** The remote members, but those that are members here too. */
  *listed(): Iterable<Member> {
    for (const [clientId, hubs] of this.byClient) {
      if (!this.view?.has(clientId)) yield latest(hubs)
    }
  }

  /** The remote members, but those that are members here too (what `listed` yields). */
  countListed(): number {
    let count = 0
    for (const clientId of this.byClient.keys()) if (!this.view?.has(clientId)) count += 1
    return count
  }

  // What the room says of its own members (see room.ts).

  joined(member: Member): void {
    this.publisher?.joined(member)
  }

  left(clientId: string): void {
    this.publisher?.left(clientId)
  }

  typing(clientId: string, active: boolean): void {
    this.publisher?.typing(clientId, active)
  }

  // What the cluster says of the other hubs' members.

  /** Hub `hubId` lists `member` (as new, or again with another name). */
  put(hubId: string, member: Member): void {
    const hubs = this.byClient.get(member.clientId)
    const before = hubs === undefined ? undefined : latest(hubs)
    if (hubs === undefined) this.byClient.set(member.clientId, new Map([[hubId, member]]))
    else {
      // The latest listing names the member: delete first, so that it goes to the end.
      hubs.delete(hubId)
      hubs.set(hubId, member)
    }
    const view = this.view
    if (view === null || view.has(member.clientId)) return
    if (before === undefined) {
      view.listChanged(member)
      view.broadcast({ type: 'joined', member })
    } else if (!sameMember(before, member)) {
      view.listChanged()
      view.broadcast({ type: 'renamed', member })
    }
  }

  /** Hub `hubId` no longer lists the client (`lost`: its hub stopped heartbeating). */
  remove(hubId: string, clientId: string, reason: LeaveReason): void {
    const hubs = this.byClient.get(clientId)
    const member = hubs?.get(hubId)
    if (hubs === undefined || member === undefined) return
    const before = latest(hubs)
    hubs.delete(hubId)
    if (hubs.size === 0) this.byClient.delete(clientId)
    const view = this.view
    if (view === null || view.has(clientId)) return
    view.listChanged()
    if (hubs.size === 0) {
      view.broadcast({ type: 'left', clientId, name: member.name, reason })
      return
    }
    const now = latest(hubs)
    if (!sameMember(before, now)) view.broadcast({ type: 'renamed', member: now })
  }

  /** A member of another hub started or stopped typing; unknown client ids are dropped. */
  remoteTyping(clientId: string, active: boolean): void {
    const member = this.get(clientId)
    if (member === undefined || this.view === null) return
    this.view.broadcast({ type: 'typing', clientId, name: member.name, active })
  }
}

function latest(hubs: Map<string, Member>): Member {
  let last: Member | undefined
  for (const member of hubs.values()) last = member
  return last as Member
}

function sameMember(a: Member, b: Member): boolean {
  return a.name === b.name && a.host === b.host && a.guest === b.guest
}
