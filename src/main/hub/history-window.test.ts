import { describe, expect, it } from 'vitest'
import {
  DELETED_TEXT,
  LIMITS,
  SCHEMAS,
  type ChatEvent,
  type OpEvent,
  type TimelineEvent,
  type WelcomeMessage,
} from '../../shared/protocol'
import { ChatStates } from './chat-states'
import { textFramePayload } from './frame'
import { HistoryWindow } from './history-window'

/** A window over `loaded` as the room makes it, with the chat states `loaded` leaves. */
function windowOf(
  loaded: TimelineEvent[],
  limits: { historySize: number; dedupeWindow: number; maxResumeEvents?: number },
): { window: HistoryWindow; states: ChatStates } {
  const states = new ChatStates(LIMITS)
  for (const event of loaded) states.apply(event)
  const chats = loaded.filter((event): event is ChatEvent => event.type === 'chat')
  const window: HistoryWindow = new HistoryWindow(
    loaded,
    chats,
    { maxResumeEvents: 100, ...limits },
    {
      materialize: (c): ChatEvent =>
        states.materialize(c, (seq): string | undefined => {
          const edit: TimelineEvent | undefined = window.find(seq)
          return edit?.type === 'edit' ? edit.text : undefined
        }),
      isDeleted: (seq) => states.isDeleted(seq),
    },
  )
  return { window, states }
}

/** Stamps a chat in `window`. */
function say(window: HistoryWindow, id: string, from: string, name: string, text: string) {
  return window.stamp((seq, ts) => ({ type: 'chat' as const, seq, id, from, name, text, ts }))
}

/** Stamps an op in `window` and applies it to `states`, as the room does. */
function op(
  window: HistoryWindow,
  states: ChatStates,
  make: (seq: number, ts: number) => OpEvent,
): OpEvent {
  const { event } = window.stamp(make)
  states.apply(event)
  window.changed(event.target)
  return event
}

function chat(seq: number, from = 'client-a'): ChatEvent {
  return { type: 'chat', seq, id: `m${seq}`, from, name: 'A', text: `text ${seq}`, ts: 1_000 + seq }
}

function stampMany(window: HistoryWindow, count: number): void {
  for (let i = 0; i < count; i++) {
    say(window, `n${window.lastSeq + 1}`, 'client-b', 'B', 'hi')
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
    const { window } = windowOf([chat(1), chat(2)], { historySize: 5, dedupeWindow: 10 })
    const before = Date.now()
    const { event, json, frame } = say(window, 'x', 'client-c', 'C', 'hey')
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
    expect(window.recentChats.map((c) => c.seq)).toEqual([1, 2, 3])
  })

  it('remembers resends within the dedupe window only, and bounds what it keeps', () => {
    const { window } = windowOf([chat(1)], { historySize: 2, dedupeWindow: 4, maxResumeEvents: 0 })
    expect(window.earlier('client-a', 'm1')?.seq).toBe(1)
    // Another sender's message of the same id is another message.
    expect(window.earlier('client-b', 'm1')).toBeUndefined()
    stampMany(window, 20)
    expect(window.recentChats.length).toBe(2)
    expect(window.recentChats.at(-1)?.seq).toBe(21)
    expect(window.earlier('client-a', 'm1')).toBeUndefined()
    expect(window.earlier('client-b', 'n21')?.seq).toBe(21)
  })

  it('acknowledges a resend with the broadcast buffer while in history, a copy after', () => {
    const { window } = windowOf([], { historySize: 2, dedupeWindow: 10 })
    const first = say(window, 'a', 'client-c', 'C', 'one')
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
    const { window } = windowOf(loaded, { historySize: 3, dedupeWindow: 6, maxResumeEvents: 0 })
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
      events: [],
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
    const { window } = windowOf([chat(1)], { historySize: 10, dedupeWindow: 10 })
    const stamped = say(window, 'x', 'client-c', 'C"]}', '"],"x":1}')
    const message = welcome(window.recentChats.slice())
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

  it('deduplicates across every op type, and resumes with the ops missed', () => {
    const { window, states } = windowOf([chat(1), chat(2)], { historySize: 5, dedupeWindow: 10 })
    const react = op(window, states, (seq, ts) => ({
      type: 'react',
      seq,
      id: 'r1',
      from: 'client-b',
      name: 'B',
      target: 1,
      emoji: '👍',
      ts,
    }))
    say(window, 'c3', 'client-b', 'B', 'three')
    const edit = op(window, states, (seq, ts) => ({
      type: 'edit',
      seq,
      id: 'e1',
      from: 'client-a',
      name: 'A',
      target: 2,
      text: 'two!',
      ts,
    }))
    expect(window.earlier('client-b', 'r1')).toBe(react)
    expect(window.earlier('client-a', 'e1')).toBe(edit)
    expect(window.lastSeq).toBe(5)
    const owed = window.since({ epoch: 'E', lastSeq: 2 }, 'E')
    expect(owed.resumed).toBe(true)
    expect(owed.history.map((c) => c.seq)).toEqual([4])
    expect(owed.events?.map((e) => e.seq)).toEqual([3, 5])
    // More ops missed than maxResumeEvents: a gap.
    const { window: small, states: smallStates } = windowOf([chat(1)], {
      historySize: 5,
      dedupeWindow: 10,
      maxResumeEvents: 1,
    })
    for (const id of ['x', 'y']) {
      op(small, smallStates, (seq, ts) => ({
        type: 'react',
        seq,
        id,
        from: 'client-b',
        name: 'B',
        target: 1,
        emoji: id === 'x' ? '👍' : '🎉',
        ts,
      }))
    }
    expect(small.since({ epoch: 'E', lastSeq: 1 }, 'E')).toMatchObject({
      gap: true,
      resumed: false,
    })
  })

  it('shows a changed chat as it stands, and forgets a deleted one’s texts', () => {
    const { window, states } = windowOf([chat(1)], { historySize: 5, dedupeWindow: 10 })
    const first = say(window, 'x', 'client-c', 'C', 'original')
    const frameOf = (message: WelcomeMessage): ChatEvent[] => {
      const frame = Buffer.concat(window.welcomeFrame(message, membersOf(message)).parts)
      return (
        SCHEMAS.welcome.parse(JSON.parse(textFramePayload(frame).toString())) as WelcomeMessage
      ).history
    }
    op(window, states, (seq, ts) => ({
      type: 'edit',
      seq,
      id: 'e',
      from: 'client-c',
      name: 'C',
      target: 2,
      text: 'fixed',
      ts,
    }))
    expect(frameOf(welcome(window.recentChats.slice())).at(-1)).toMatchObject({
      text: 'fixed',
      edited: true,
    })
    // The acknowledgement of a resend is the chat as stamped, not as it now stands.
    expect(window.frameOf(first.event).shared).toBe(false)
    op(window, states, (seq, ts) => ({
      type: 'delete',
      seq,
      id: 'd',
      from: 'client-c',
      name: 'C',
      target: 2,
      ts,
    }))
    window.redact(2, states.get(2)?.edits ?? [])
    const shown = frameOf(welcome(window.recentChats.slice())).at(-1)
    expect(shown).toMatchObject({ text: DELETED_TEXT, deleted: true })
    expect(shown?.edited).toBeUndefined()
    expect(JSON.stringify(window.since({ epoch: 'E', lastSeq: 1 }, 'E'))).not.toMatch(
      /original|fixed/,
    )
    // A deleted chat's edits are never sent again.
    expect(window.since({ epoch: 'E', lastSeq: 1 }, 'E').events?.map((e) => e.type)).toEqual([
      'delete',
    ])
  })
})
