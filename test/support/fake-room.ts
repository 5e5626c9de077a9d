import type { Clock, RoomSocket, SocketCloseEvent, SocketFactory } from '../../src/main/connection'
import type { ChatEvent, HubMessage, WelcomeMessage } from '../../src/shared/protocol'
import { testIdentity } from './identities'

/** The person the fake-room tests connect as, and their (derived) client id. */
export const ME = testIdentity('me')
export const ME_ID = ME.clientId
/** The nonce every fake hub's challenge carries. */
export const FAKE_NONCE = 'n'.repeat(43)

/**
 * A clock that moves only when told to, so that timer-driven behaviour (backoff, pacing,
 * timeouts) can be asserted exactly.
 */
export class ManualClock implements Clock {
  private time = 1_700_000_000_000
  private timers: Array<{ at: number; order: number; callback: () => void }> = []
  private order = 0

  now(): number {
    return this.time
  }

  schedule(callback: () => void, delayMs: number): () => void {
    const timer = { at: this.time + Math.max(0, delayMs), order: this.order++, callback }
    this.timers.push(timer)
    return () => {
      this.timers = this.timers.filter((t) => t !== timer)
    }
  }

  /** Delays (from now) of the timers still scheduled, soonest first. */
  get scheduled(): number[] {
    return this.timers.map((t) => t.at - this.time).sort((a, b) => a - b)
  }

  /** Moves time forward by `ms`, running each timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms
    for (let guard = 0; guard < 10_000; guard++) {
      const next = [...this.timers]
        .filter((t) => t.at <= end)
        .sort((a, b) => a.at - b.at || a.order - b.order)[0]
      if (!next) break
      this.timers = this.timers.filter((t) => t !== next)
      this.time = next.at
      next.callback()
    }
    this.time = end
  }
}

/** A socket the test drives by hand, playing the hub. */
export class FakeSocket implements RoomSocket {
  onopen: (() => void) | null = null
  onmessage: ((data: string) => void) | null = null
  onerror: ((reason: string) => void) | null = null
  onclose: ((event: SocketCloseEvent) => void) | null = null
  /** Every frame the client sent, parsed. */
  readonly sent: Array<Record<string, unknown>> = []
  closedWith: { code?: number; reason?: string } | null = null
  terminated = false
  /** The certificate this fake hub presents (null: plain ws). */
  peerFingerprint: string | null = null

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>)
  }
  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason }
  }
  terminate(): void {
    this.terminated = true
  }

  /** The chats the client sent on this socket: their ids, in order. */
  get chatIds(): string[] {
    return this.sent.filter((f) => f['type'] === 'chat').map((f) => String(f['id']))
  }

  /**
   * The connection opens and the fake hub sends its challenge (unless `challenge` is false).
   * Resolves once the client has had its turn: the hello is signed asynchronously, so it is
   * written (if at all) by then.
   */
  async open(challenge: { passphrase?: boolean; roomId?: string } | false = {}): Promise<void> {
    this.onopen?.()
    if (challenge === false) return
    this.receive({
      type: 'challenge',
      v: 1,
      nonce: FAKE_NONCE,
      roomId: challenge.roomId ?? ROOM.id,
      passphrase: challenge.passphrase ?? false,
    })
    await settled()
  }
  receive(message: HubMessage): void {
    this.onmessage?.(JSON.stringify(message))
  }
  /** The connection attempt fails, as when nothing listens. */
  refuse(reason = 'ECONNREFUSED'): void {
    this.onerror?.(reason)
    this.onclose?.({ code: 1006, reason: '' })
  }
  drop(code = 1006, reason = ''): void {
    this.onclose?.({ code, reason })
  }
}

/** Resolves once every promise job queued so far (and those they queue) has run. */
export function settled(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** Hands out FakeSockets and remembers them. */
export class FakeNetwork {
  readonly sockets: FakeSocket[] = []
  readonly factory: SocketFactory = (url) => {
    const socket = new FakeSocket(url)
    this.sockets.push(socket)
    return socket
  }
  get last(): FakeSocket {
    const socket = this.sockets.at(-1)
    if (!socket) throw new Error('no socket was opened')
    return socket
  }
}

export const ROOM = { id: 'room-1', name: 'Fake room', hostName: 'Host', epoch: 'epoch-1' }

export function welcome(overrides: Partial<WelcomeMessage> = {}): WelcomeMessage {
  return {
    type: 'welcome',
    v: 1,
    you: { clientId: ME_ID, name: 'Me', host: false },
    room: ROOM,
    members: [{ clientId: ME_ID, name: 'Me', host: false }],
    history: [],
    lastSeq: 0,
    resumed: false,
    gap: false,
    limits: { maxTextLength: 4000, chatsPerSecond: 10, chatBurst: 20 },
    ...overrides,
  }
}

export function chat(
  seq: number,
  id: string,
  from = 'client-other',
  text = `text ${id}`,
): ChatEvent {
  return { type: 'chat', seq, id, from, name: from === ME_ID ? 'Me' : 'Other', text, ts: seq }
}
