import { describe, expect, it } from 'vitest'
import { SCHEMAS, type ChatEvent, type WelcomeMessage } from '../../shared/protocol'
import { textFramePayload } from './frame'
import { HistoryWindow } from './history-window'

function chat(seq: number, from = 'client-a'): ChatEvent {
  return { type: 'chat', seq, id: `m${seq}`, from, name: 'A', text: `text ${seq}`, ts: 1_000 + seq }
}

function stampMany(window: HistoryWindow, count: number): void {
  for (let i = 0; i < count; i++) {
    window.stamp({ id: `n${window.lastSeq + 1}`, from: 'client-b', name: 'B', text: 'hi' })
  }
}

/** The member list as MemberList gives it: the JSON array's bytes. */
function membersOf(message: WelcomeMessage): Buffer[] {
  return [Buffer.from(JSON.stringify(message.members))]
}

function welcome(history: ChatEvent[]): WelcomeMessage {
  return {
    type: 'welcome',
    v: 1,
    you: { clientId: 'client-a', name: 'A', host: false },
    room: { id: 'room', name: 'Room', hostName: 'H', epoch: 'E' },
    members: [{ clientId: 'client-a', name: 'A', host: false }],
    history,
    lastSeq: history.at(-1)?.seq ?? 0,
    resumed: false,
    gap: false,
    limits: { maxTextLength: 4000, chatsPerSecond: 10, chatBurst: 20 },
  }
}

describe('HistoryWindow', () => {
  it('stamps chats after what the log held, in order, with the time', () => {
    const window = new HistoryWindow([chat(1), chat(2)], { historySize: 5, dedupeWindow: 10 })
    const before = Date.now()
    const { event, json, frame } = window.stamp({
      id: 'x',
      from: 'client-c',
      name: 'C',
      text: 'hey',
    })
    expect(event).toMatchObject({
      type: 'chat',
      seq: 3,
      id: 'x',
      from: 'client-c',
      name: 'C',
      text: 'hey',
    })
    expect(event.ts).toBeGreaterThanOrEqual(before)
    expect(JSON.parse(json)).toEqual(event)
    expect(textFramePayload(frame).toString()).toBe(json)
    expect(window.lastSeq).toBe(3)
    expect(window.recent.map((c) => c.seq)).toEqual([1, 2, 3])
  })

  it('remembers resends within the dedupe window only, and bounds what it keeps', () => {
    const window = new HistoryWindow([chat(1)], { historySize: 2, dedupeWindow: 4 })
    expect(window.earlier('client-a', 'm1')?.seq).toBe(1)
    // Another sender's message of the same id is another message.
    expect(window.earlier('client-b', 'm1')).toBeUndefined()
    stampMany(window, 20)
    expect(window.recent.length).toBeLessThanOrEqual(5)
    expect(window.recent.at(-1)?.seq).toBe(21)
    expect(window.earlier('client-a', 'm1')).toBeUndefined()
    expect(window.earlier('client-b', 'n21')?.seq).toBe(21)
  })

  it('acknowledges a resend with the broadcast buffer while in history, a copy after', () => {
    const window = new HistoryWindow([], { historySize: 2, dedupeWindow: 10 })
    const first = window.stamp({ id: 'a', from: 'client-c', name: 'C', text: 'one' })
    expect(window.frameOf(first.event)).toEqual({ frame: first.frame, shared: true })
    expect(window.frameOf(first.event).frame).toBe(first.frame)
    stampMany(window, 2)
    const later = window.frameOf(first.event)
    expect(later.shared).toBe(false)
    expect(later.frame).not.toBe(first.frame)
    expect(later.frame.equals(first.frame)).toBe(true)
  })

  it('owes a resuming member exactly what it missed, or says there is a gap', () => {
    const loaded = [3, 4, 5, 6, 7, 8].map((seq) => chat(seq))
    const window = new HistoryWindow(loaded, { historySize: 3, dedupeWindow: 6 })
    const seqs = (r: { history: ChatEvent[] }): number[] => r.history.map((c) => c.seq)
    const fresh = window.since(undefined, 'E')
    expect([seqs(fresh), fresh.resumed, fresh.gap]).toEqual([[6, 7, 8], false, false])
    expect(window.since({ epoch: 'E', lastSeq: 6 }, 'E')).toMatchObject({
      resumed: true,
      gap: false,
    })
    expect(seqs(window.since({ epoch: 'E', lastSeq: 6 }, 'E'))).toEqual([7, 8])
    expect(window.since({ epoch: 'E', lastSeq: 8 }, 'E')).toEqual({
      history: [],
      resumed: true,
      gap: false,
    })
    // Further back than historySize; another epoch; a sequence number from the future.
    for (const resume of [
      { epoch: 'E', lastSeq: 2 },
      { epoch: 'other', lastSeq: 7 },
      { epoch: 'E', lastSeq: 9 },
      { epoch: 'E', lastSeq: -5 },
    ]) {
      const owed = window.since(resume, 'E')
      expect([seqs(owed), owed.resumed, owed.gap], JSON.stringify(resume)).toEqual([
        [6, 7, 8],
        false,
        true,
      ])
    }
  })

  it('writes a welcome as one frame that shares the chats’ bytes', () => {
    const window = new HistoryWindow([chat(1)], { historySize: 10, dedupeWindow: 10 })
    const stamped = window.stamp({ id: 'x', from: 'client-c', name: 'C"]}', text: '"],"x":1}' })
    const message = welcome(window.recent.slice())
    const { parts, ownBytes } = window.welcomeFrame(message, membersOf(message))
    const frame = Buffer.concat(parts)
    const parsed = SCHEMAS.hubMessage.parse(JSON.parse(textFramePayload(frame).toString()))
    expect(parsed).toEqual(message)
    // The stamped chat's payload goes in by reference, not copied, and is not the member's own.
    const payload = textFramePayload(stamped.frame)
    expect(parts.some((part) => part.buffer === payload.buffer && part.equals(payload))).toBe(true)
    expect(ownBytes).toBeLessThan(frame.length - payload.length)
    const empty = welcome([])
    const bare = window.welcomeFrame(empty, membersOf(empty))
    expect(bare.ownBytes).toBe(Buffer.concat(bare.parts).length - membersOf(empty)[0]!.length)
  })
})
