/**
 * Members of a clustered room for the failover tests: real RoomConnections (reconnect, resume,
 * outbox), each trying the room's hubs in its own order, pinned to the one certificate every
 * hub serves. Besides the connection's timeline (which hides a chat received twice), each member
 * counts what its sockets really received: every chat frame, and the chats of every welcome
 * past the seq its hello resumed from. That is where a hub's double or a loss shows.
 */
import { RoomConnection, wsSocketFactory, type SocketFactory } from '../../src/main/connection'
import type { RoomSocket } from '../../src/main/connection/socket'
import type { ResumePosition } from '../../src/main/connection/timeline'
import type { ChatEvent } from '../../src/shared/protocol'
import { testIdentity } from '../support/identities'

/** A connection attempt here takes tens of milliseconds; a busy machine, a few hundred. */
const CONNECT_TIMEOUT_MS = 5_000

export interface Written {
  id: string
  text: string
  seq: number | null
  failed: string | null
  /** ms from writing to the acknowledgement. */
  waited: number | null
}

/** Wraps a socket factory to see each frame received and each hello sent. */
function observed(
  factory: SocketFactory,
  onFrame: (data: string) => void,
  onHello: (resumeFrom: number) => void,
): SocketFactory {
  return (url, protocol) => {
    const socket = factory(url, protocol)
    const wrapper: RoomSocket = {
      get onopen() {
        return socket.onopen
      },
      set onopen(handler) {
        socket.onopen = handler
      },
      get onerror() {
        return socket.onerror
      },
      set onerror(handler) {
        socket.onerror = handler
      },
      get onclose() {
        return socket.onclose
      },
      set onclose(handler) {
        socket.onclose = handler
      },
      get onmessage() {
        return socket.onmessage
      },
      set onmessage(handler) {
        socket.onmessage = handler
          ? (data) => {
              onFrame(data)
              handler(data)
            }
          : null
      },
      get peerFingerprint() {
        return socket.peerFingerprint ?? null
      },
      send: (data) => {
        if (data.includes('"hello"')) {
          const hello = JSON.parse(data) as { type?: string; resume?: { lastSeq?: number } }
          if (hello.type === 'hello') onHello(hello.resume?.lastSeq ?? 0)
        }
        socket.send(data)
      },
      close: (code, reason) => socket.close(code, reason),
      ...(socket.terminate ? { terminate: () => socket.terminate?.() } : {}),
    }
    return wrapper
  }
}

export class ClusterMember {
  readonly connection: RoomConnection
  readonly written: Written[] = []
  /** seq → how many times a socket of this member received that chat. */
  readonly deliveries = new Map<number, number>()
  /** The seqs received, in the order they came (welcome history, then live). */
  readonly order: number[] = []
  /** Which hub (index in the room's urls) each welcome came from. */
  readonly hubs: number[] = []
  /** When each outage ended, in ms after it began. */
  readonly recoveries: number[] = []
  /** The number of this member's first chat (a member back in a new session goes on). */
  firstChat = 0
  private resumeFrom = 0
  /** Its own chats acknowledged again after a resend (not counted as deliveries). */
  reacknowledged = 0
  private readonly clientId: string
  private lostAt: number | null = null

  constructor(
    readonly index: number,
    readonly candidates: readonly string[],
    fingerprint: string,
    urls: readonly string[],
    resume?: ResumePosition,
  ) {
    const identity = testIdentity(`cluster-member-${index}`)
    this.clientId = identity.clientId
    this.connection = new RoomConnection({
      ...(resume ? { resume } : {}),
      candidates,
      name: `member ${index}`,
      identity,
      socketFactory: observed(
        wsSocketFactory,
        (data) => this.frame(data),
        (resumeFrom) => (this.resumeFrom = resumeFrom),
      ),
      // The pin holds on every hub: they all serve the room's one certificate.
      verifyPeer: (peer) =>
        peer.fingerprint === fingerprint ? null : `not the room's certificate: ${peer.fingerprint}`,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
      // Every chat of a test fits, with the notices between them.
      timelineSize: 5_000,
      backoff: { initialDelayMs: 100, maxDelayMs: 1_000 },
    })
    this.connection.on('welcome', () => {
      const state = this.connection.state
      const port = state.status === 'connected' ? new URL(state.url).port : ''
      this.hubs.push(urls.findIndex((url) => new URL(url).port === port))
    })
    this.connection.on('state', (state) => {
      const now = performance.now()
      if (state.status === 'connected' && this.lostAt !== null) {
        this.recoveries.push(now - this.lostAt)
        this.lostAt = null
      } else if (state.status !== 'connected' && this.lostAt === null) {
        this.lostAt = now
      }
    })
  }

  private frame(data: string): void {
    // Only the frames that carry chats are parsed (a chat's text may say anything, so the type
    // is read from the parsed frame).
    if (!data.includes('"chat"') && !data.includes('"welcome"')) return
    const message = JSON.parse(data) as {
      type: string
      seq?: number
      from?: string
      history?: ChatEvent[]
    }
    if (message.type === 'chat' && typeof message.seq === 'number') {
      // A resend of one of its own chats already in the room (its first acknowledgement was
      // lost: a publish that timed out but was stored) is acknowledged again with the chat, to
      // this member only, as the protocol says: an acknowledgement, not a second delivery.
      const own = message.from === this.clientId
      if (own && this.deliveries.has(message.seq)) this.reacknowledged += 1
      else this.delivered(message.seq)
    }
    if (message.type === 'welcome') {
      for (const chat of message.history ?? []) {
        if (chat.seq > this.resumeFrom) this.delivered(chat.seq)
      }
    }
  }

  private delivered(seq: number): void {
    this.deliveries.set(seq, (this.deliveries.get(seq) ?? 0) + 1)
    this.order.push(seq)
  }

  /** Sends chat number `n` of this member; its acknowledgement is recorded. */
  write(n: number): Promise<void> {
    const entry: Written = {
      id: `m${this.index}-${n}`,
      text: `member ${this.index} says ${n}`,
      seq: null,
      failed: null,
      waited: null,
    }
    this.written.push(entry)
    const at = performance.now()
    return this.connection.send(entry.text, entry.id).then(
      (event) => {
        entry.waited = performance.now() - at
        entry.seq = event.seq
      },
      (error: Error) => {
        entry.failed = error.message
      },
    )
  }

  /** The chats in this member's timeline, in its order. */
  get timeline(): ChatEvent[] {
    return this.connection.timeline.entries.flatMap((e) => (e.kind === 'chat' ? [e.chat] : []))
  }

  get gapMarkers(): number {
    return this.connection.timeline.entries.filter((e) => e.kind === 'gap').length
  }

  /** Seqs among `expected` this member never received. */
  lost(expected: readonly number[]): number {
    return expected.filter((seq) => !this.deliveries.has(seq)).length
  }

  /** Deliveries past the first of each chat. */
  get doubled(): number {
    let extra = 0
    for (const count of this.deliveries.values()) extra += count - 1
    return extra
  }

  /** Whether the seqs came in rising order (a resume may repeat none and skip none). */
  get inOrder(): boolean {
    return this.order.every((seq, i) => i === 0 || seq > (this.order[i - 1] as number))
  }
}

/** Candidates in member `index`'s order: its own hub first, then the others in turn. */
export function rotated(urls: readonly string[], index: number): string[] {
  return urls.map((_, i) => urls[(index + i) % urls.length] as string)
}

export interface Counts {
  members: number
  chats: number
  /** Deliveries expected: every chat to every member. */
  expected: number
  delivered: number
  lost: number
  doubled: number
  outOfOrder: number
  failed: number
}

/** What the members received of the acknowledged chats. */
export function count(members: readonly ClusterMember[]): Counts & { seqs: number[] } {
  const written = members.flatMap((m) => m.written)
  const seqs = written.flatMap((w) => (w.seq === null ? [] : [w.seq])).sort((a, b) => a - b)
  const wanted = new Set(seqs)
  let delivered = 0
  for (const m of members) {
    for (const [seq, times] of m.deliveries) if (wanted.has(seq)) delivered += times
  }
  return {
    members: members.length,
    chats: written.length,
    expected: seqs.length * members.length,
    delivered,
    lost: members.reduce((sum, m) => sum + m.lost(seqs), 0),
    doubled: members.reduce((sum, m) => sum + m.doubled, 0),
    outOfOrder: members.filter((m) => !m.inOrder).length,
    failed: written.filter((w) => w.failed !== null).length,
    seqs,
  }
}

export function describeCounts(label: string, counts: Counts, extra = ''): string {
  return (
    `[cluster] ${label}: ${counts.members} members, ${counts.chats} chats, delivered ` +
    `${counts.delivered} of ${counts.expected}, lost ${counts.lost}, doubled ${counts.doubled}, ` +
    `out of order ${counts.outOfOrder}, failed ${counts.failed}${extra ? `; ${extra}` : ''}`
  )
}
