import { describe, expect, it } from 'vitest'
import { ROOM, chat, welcome } from '../../../test/support/fake-room'
import type { ChatEvent, OpEvent } from '../../shared/protocol'
import { MAX_OLDER_ENTRIES, Timeline, type TimelineChange, type TimelineEntry } from './timeline'

/** A compact picture of the timeline: chat seqs as numbers, other entries by kind. */
function picture(entries: readonly TimelineEntry[]): Array<number | string> {
  return entries.map((entry) =>
    entry.kind === 'chat'
      ? entry.chat.seq
      : entry.kind === 'gap'
        ? `gap:${entry.reason}`
        : entry.kind,
  )
}

function history(from: number, to: number): ReturnType<typeof chat>[] {
  return Array.from({ length: to - from + 1 }, (_, i) => chat(from + i, `m${from + i}`))
}

describe('Timeline', () => {
  it('shows a first welcome as the recent past, with no gap marker before it', () => {
    const timeline = new Timeline()
    timeline.applyWelcome(welcome({ history: history(41, 43), lastSeq: 43 }))
    expect(picture(timeline.entries)).toEqual([41, 42, 43])
    expect(timeline.position).toEqual({ epoch: ROOM.epoch, lastSeq: 43 })
  })

  it('shows one chat per seq: another at a seq already shown is not added', () => {
    const timeline = new Timeline()
    timeline.applyWelcome(welcome({ history: history(1, 3), lastSeq: 3 }))
    expect(timeline.addChat(chat(2, 'another', 'client-mallory'))).toBe(false)
    expect(timeline.addChat(chat(4, 'm4'))).toBe(true)
    expect(timeline.addChat(chat(4, 'also-four', 'client-mallory'))).toBe(false)
    expect(picture(timeline.entries)).toEqual([1, 2, 3, 4])
    expect(timeline.chatAt(2)?.id).toBe('m2')
  })

  it('appends exactly what was missed on resume, and never shows a chat twice', () => {
    const timeline = new Timeline()
    timeline.applyWelcome(welcome({ history: history(1, 2), lastSeq: 2 }))
    expect(timeline.addChat(chat(3, 'm3'))).toBe(true)
    expect(timeline.addChat(chat(3, 'm3'))).toBe(false)
    const added = timeline.applyWelcome(
      welcome({ history: history(4, 6), lastSeq: 6, resumed: true }),
    )
    expect(added.map((e) => e.seq)).toEqual([4, 5, 6])
    // A re-acknowledgement of an own resend carries its old seq: nothing new.
    expect(timeline.addChat(chat(5, 'm5'))).toBe(false)
    expect(picture(timeline.entries)).toEqual([1, 2, 3, 4, 5, 6])
    expect(timeline.position?.lastSeq).toBe(6)
  })

  it('marks a gap when the room no longer has everything missed', () => {
    const timeline = new Timeline()
    timeline.applyWelcome(welcome({ history: history(1, 2), lastSeq: 2 }))
    timeline.applyWelcome(welcome({ history: history(900, 902), lastSeq: 902, gap: true }))
    expect(picture(timeline.entries)).toEqual([1, 2, 'gap:history', 900, 901, 902])
  })

  it('marks a gap even when the hub does not say so, if the history does not join up', () => {
    const timeline = new Timeline()
    timeline.applyWelcome(welcome({ history: history(1, 2), lastSeq: 2 }))
    timeline.applyWelcome(welcome({ history: history(5, 6), lastSeq: 6, resumed: true }))
    expect(picture(timeline.entries)).toEqual([1, 2, 'gap:history', 5, 6])
  })

  it('starts over after an epoch change, keeping what was shown and dropping repeats by id', () => {
    const timeline = new Timeline()
    timeline.applyWelcome(welcome({ history: history(1, 3), lastSeq: 3 }))
    const room = { ...ROOM, epoch: 'epoch-2' }
    // The hub kept 1 and 2, lost 3, and gave seq 3 to another chat.
    const next = [chat(1, 'm1'), chat(2, 'm2'), chat(3, 'other')]
    timeline.applyWelcome(welcome({ room, history: next, lastSeq: 3, gap: true }))
    expect(picture(timeline.entries)).toEqual([1, 2, 3, 'gap:epoch', 3])
    expect(timeline.entries.at(-1)).toMatchObject({
      kind: 'chat',
      epoch: 'epoch-2',
      chat: { id: 'other' },
    })
    expect(timeline.position).toEqual({ epoch: 'epoch-2', lastSeq: 3 })
    // Old numbers no longer place anything: an unknown chat with a small seq is not inserted
    // among the previous epoch's.
    expect(timeline.addChat(chat(2, 'unknown'))).toBe(false)
  })

  it('forgets seq numbers when the hub has fewer chats than were seen in the same epoch', () => {
    const timeline = new Timeline()
    timeline.applyWelcome(welcome({ history: history(1, 5), lastSeq: 5 }))
    timeline.applyWelcome(
      welcome({ history: [...history(1, 3), chat(4, 'new4')], lastSeq: 4, gap: true }),
    )
    expect(picture(timeline.entries)).toEqual([1, 2, 3, 4, 5, 'gap:epoch', 4])
  })

  it('puts an own chat the hub stamped during a gap where its seq says', () => {
    const timeline = new Timeline()
    timeline.applyWelcome(welcome({ history: history(1, 2), lastSeq: 2 }))
    timeline.applyWelcome(welcome({ history: history(900, 901), lastSeq: 901, gap: true }))
    expect(timeline.addChat(chat(3, 'mine', 'client-me'))).toBe(true)
    expect(picture(timeline.entries)).toEqual([1, 2, 3, 'gap:history', 900, 901])
    expect(timeline.position?.lastSeq).toBe(901)
  })

  it('uses a start position: a first welcome that resumes appends without a marker', () => {
    const timeline = new Timeline(100, () => 0, { epoch: ROOM.epoch, lastSeq: 10 })
    timeline.applyWelcome(welcome({ history: history(11, 12), lastSeq: 12, resumed: true }))
    expect(picture(timeline.entries)).toEqual([11, 12])
  })

  it('keeps at most maxEntries and reports every change for incremental rendering', () => {
    const changes: TimelineChange[] = []
    const timeline = new Timeline(4, () => 42)
    timeline.on('change', (change) => changes.push(change))
    timeline.applyWelcome(welcome({ history: history(1, 3), lastSeq: 3 }))
    timeline.addNotice({
      kind: 'joined',
      member: { clientId: 'client-bob', name: 'Bob', host: false },
    })
    timeline.addChat(chat(4, 'm4'))
    expect(picture(timeline.entries)).toEqual([2, 3, 'joined', 4])
    expect(
      changes.map((c) =>
        c.type === 'add'
          ? `add@${c.index}x${c.entries.length}`
          : c.type === 'trim'
            ? `trim${c.count}`
            : c.type,
      ),
    ).toEqual(['add@0x3', 'add@3x1', 'add@4x1', 'trim1'])
    // A trimmed chat is forgotten: it is older than anything shown and is not brought back.
    expect(timeline.addChat(chat(1, 'm1'))).toBe(false)
    expect(timeline.entries[2]).toMatchObject({ kind: 'joined', at: 42, key: 'n1' })
    // Replaying the changes gives the same list.
    const replay: TimelineEntry[] = []
    for (const change of changes) {
      if (change.type === 'add') replay.splice(change.index, 0, ...change.entries)
      else if (change.type === 'trim') replay.splice(0, change.count)
    }
    expect(replay).toEqual(timeline.entries)
  })

  it('refuses a size below one', () => {
    expect(() => new Timeline(0)).toThrow(RangeError)
  })

  describe('ops', () => {
    const by = (from: string) => ({ from, name: from, ts: 0 })
    const react = (seq: number, target: number, emoji: string, from = 'client-a'): OpEvent => ({
      type: 'react',
      seq,
      id: `r${seq}`,
      target,
      emoji,
      ...by(from),
    })
    const unreact = (seq: number, target: number, emoji: string, from = 'client-a'): OpEvent => ({
      type: 'unreact',
      seq,
      id: `u${seq}`,
      target,
      emoji,
      ...by(from),
    })
    const edit = (seq: number, target: number, text: string, from = 'client-other'): OpEvent => ({
      type: 'edit',
      seq,
      id: `e${seq}`,
      target,
      text,
      ...by(from),
    })
    const del = (seq: number, target: number, from = 'client-other'): OpEvent => ({
      type: 'delete',
      seq,
      id: `d${seq}`,
      target,
      ...by(from),
    })
    const state = (timeline: Timeline, seq: number): unknown => {
      const chat = timeline.chatAt(seq)
      return (
        chat && {
          text: chat.text,
          edited: chat.edited,
          deleted: chat.deleted,
          reactions: chat.reactions,
        }
      )
    }

    it('applies ops after a numbering change to the chats shown before and sent again', () => {
      const timeline = new Timeline()
      timeline.applyWelcome(welcome({ history: history(1, 5), lastSeq: 5 }))
      timeline.applyOps([react(6, 2, '👍')])
      // A hub behind the last one (same epoch, fewer events): it sends 1-3 again, with its
      // state of them, and will send 4-6 again as it reads them.
      const changes: TimelineChange[] = []
      timeline.on('change', (change) => changes.push(change))
      timeline.applyWelcome(welcome({ history: history(1, 3), lastSeq: 3, gap: true }))
      expect(picture(timeline.entries)).toEqual([1, 2, 3, 4, 5, 'gap:epoch'])
      expect(changes.map((c) => c.type)).toEqual(['update', 'add'])
      timeline.applyOps([react(6, 2, '👍'), edit(7, 3, 'edited'), del(8, 1)])
      expect(state(timeline, 2)).toMatchObject({ reactions: [{ emoji: '👍', from: ['client-a'] }] })
      expect(state(timeline, 3)).toMatchObject({ text: 'edited', edited: true })
      expect(state(timeline, 1)).toMatchObject({ deleted: true })
      // A new epoch that kept chats 1 and 2 under the same seqs: ops on them apply too.
      const room = { ...ROOM, epoch: 'epoch-2' }
      timeline.applyWelcome(
        welcome({ room, history: [chat(1, 'm1'), chat(2, 'm2')], lastSeq: 2, gap: true }),
      )
      timeline.applyOps([edit(3, 2, 'after the reset')])
      expect(state(timeline, 2)).toMatchObject({ text: 'after the reset' })
    })

    it('finds chats shown before by the seqs a hub behind sends them again under, live', () => {
      const timeline = new Timeline()
      timeline.applyWelcome(welcome({ history: history(1, 5), lastSeq: 5 }))
      timeline.applyWelcome(welcome({ history: history(1, 3), lastSeq: 3, gap: true }))
      expect(timeline.isLoaded(4)).toBe(false)
      const changes: TimelineChange[] = []
      timeline.on('change', (change) => changes.push(change))
      // The hub reads 4 and 5 again: not new, but found by their seqs from now on.
      expect(timeline.addChat(chat(4, 'm4'))).toBe(false)
      expect(timeline.addChat(chat(5, 'm5'))).toBe(false)
      expect(picture(timeline.entries)).toEqual([1, 2, 3, 4, 5, 'gap:epoch'])
      expect(timeline.isLoaded(4)).toBe(true)
      timeline.applyOps([edit(6, 4, 'four, edited'), react(7, 5, '🎉')])
      expect(state(timeline, 4)).toMatchObject({ text: 'four, edited', edited: true })
      expect(state(timeline, 5)).toMatchObject({ reactions: [{ emoji: '🎉' }] })
      expect(timeline.waitingOps).toBe(0)
      expect(changes.every((c) => c.type === 'update')).toBe(true)
      expect(timeline.position).toEqual({ epoch: ROOM.epoch, lastSeq: 7 })
      // An own resend acknowledged again under its old seq changes nothing.
      expect(timeline.addChat(chat(4, 'm4'))).toBe(false)
      expect(picture(timeline.entries)).toEqual([1, 2, 3, 4, 5, 'gap:epoch'])
    })

    it('applies each op once, in seq order, in one update per batch; reactions are sets', () => {
      const timeline = new Timeline()
      timeline.applyWelcome(welcome({ history: history(1, 2), lastSeq: 2 }))
      const changes: TimelineChange[] = []
      timeline.on('change', (change) => changes.push(change))
      const applied = timeline.applyOps([
        react(3, 1, '👍'),
        react(4, 1, '👍', 'client-b'),
        react(5, 1, '🎉'),
        unreact(6, 1, '👍'),
        edit(7, 2, 'fixed'),
        // Repeats (a resend's stamp given back) and an edit by someone else change nothing.
        react(4, 1, '👍', 'client-b'),
        edit(8, 2, 'forged', 'client-mallory'),
      ])
      expect(applied.map((op) => op.seq)).toEqual([3, 4, 5, 6, 7, 8])
      expect(changes.map((c) => c.type)).toEqual(['update'])
      expect(state(timeline, 1)).toEqual({
        text: 'text m1',
        edited: undefined,
        deleted: undefined,
        reactions: [
          { emoji: '👍', from: ['client-b'] },
          { emoji: '🎉', from: ['client-a'] },
        ],
      })
      expect(state(timeline, 2)).toMatchObject({ text: 'fixed', edited: true })
      expect(timeline.applyOps([react(5, 1, '🎉')])).toEqual([])
      expect(timeline.position?.lastSeq).toBe(8)
      // A delete takes the text and the reactions; nothing applies to a deleted chat after it.
      timeline.applyOps([del(9, 1, 'client-other'), react(10, 1, '👀'), edit(11, 1, 'back')])
      expect(state(timeline, 1)).toEqual({
        text: 'message deleted',
        edited: undefined,
        deleted: true,
        reactions: undefined,
      })
    })

    it('keeps ops for chats not loaded (bounded); a page brings its own state, a late chat takes them', () => {
      const timeline = new Timeline()
      timeline.applyWelcome(welcome({ history: history(10, 11), lastSeq: 11 }))
      timeline.applyOps([edit(12, 5, 'edited before the page'), react(13, 3, '👍')])
      expect(timeline.waitingOps).toBe(2)
      const page: ChatEvent[] = [
        chat(3, 'm3'),
        { ...chat(5, 'm5'), text: 'as the hub has it', edited: true },
      ]
      expect(
        timeline.prependOlder(page, { epoch: ROOM.epoch, first: false, trimmed: false }),
      ).toEqual({
        added: 2,
        refused: false,
      })
      expect(picture(timeline.entries)).toEqual([3, 5, 10, 11])
      expect(state(timeline, 5)).toMatchObject({ text: 'as the hub has it' })
      expect(state(timeline, 3)).toMatchObject({ reactions: undefined })
      expect(timeline.waitingOps).toBe(0)
      // An own chat stamped during a gap arrives late: the ops kept for it apply.
      timeline.applyOps([react(14, 12, '👍')])
      expect(timeline.addChat({ ...chat(12, 'late'), seq: 12 })).toBe(true)
      expect(state(timeline, 12)).toMatchObject({
        reactions: [{ emoji: '👍', from: ['client-a'] }],
      })
    })

    it('merges a resuming welcome: history chats take the hub state, events apply after', () => {
      const timeline = new Timeline()
      timeline.applyWelcome(welcome({ history: history(1, 1), lastSeq: 1 }))
      const added = timeline.applyWelcome(
        welcome({
          history: [
            chat(1, 'm1'),
            { ...chat(3, 'm3'), reactions: [{ emoji: '👍', from: ['client-a'] }] },
          ],
          lastSeq: 4,
          resumed: true,
          events: [edit(2, 1, 'one, fixed'), react(4, 3, '👍')],
        }),
      )
      expect(added.map((e) => `${e.type}@${e.seq}`)).toEqual(['edit@2', 'chat@3', 'react@4'])
      expect(state(timeline, 1)).toMatchObject({ text: 'one, fixed', edited: true })
      expect(state(timeline, 3)).toMatchObject({ reactions: [{ emoji: '👍', from: ['client-a'] }] })
      expect(picture(timeline.entries)).toEqual([1, 3])
    })
  })

  describe('paging back', () => {
    it('lets the person page back at least 10,000 messages, and then no further', () => {
      const timeline = new Timeline(50)
      timeline.applyWelcome(welcome({ history: history(20_001, 20_050), lastSeq: 20_050 }))
      let pages = 0
      while (timeline.canLoadOlder) {
        const first = timeline.firstSeq as number
        const result = timeline.prependOlder(history(first - 200, first - 1), {
          epoch: ROOM.epoch,
          first: false,
          trimmed: false,
        })
        expect(result.refused).toBe(false)
        pages += 1
      }
      expect(pages).toBe(MAX_OLDER_ENTRIES / 200)
      expect(timeline.entries).toHaveLength(50 + MAX_OLDER_ENTRIES)
      expect(timeline.firstSeq).toBe(20_001 - MAX_OLDER_ENTRIES)
      expect(
        timeline.prependOlder([chat(1, 'm1')], { epoch: ROOM.epoch, first: true, trimmed: false }),
      ).toEqual({
        added: 0,
        refused: true,
      })
      // New messages keep the length: the oldest paged one goes.
      timeline.addChat(chat(20_051, 'm20051'))
      expect(timeline.entries).toHaveLength(50 + MAX_OLDER_ENTRIES)
    })

    it('says when the start is reached, and refuses a page of another epoch', () => {
      const timeline = new Timeline()
      timeline.applyWelcome(welcome({ history: history(5, 6), lastSeq: 6 }))
      expect(timeline.start).toBeNull()
      expect(
        timeline.prependOlder(history(2, 4), { epoch: 'other', first: true, trimmed: false })
          .refused,
      ).toBe(true)
      timeline.prependOlder(history(2, 4), { epoch: ROOM.epoch, first: true, trimmed: true })
      expect(timeline.start).toEqual({ trimmed: true })
      expect(timeline.canLoadOlder).toBe(false)
      // Out of order or repeated chats in a page are left out.
      const fresh = new Timeline()
      fresh.applyWelcome(welcome({ history: history(10, 10), lastSeq: 10 }))
      fresh.prependOlder([chat(4, 'm4'), chat(3, 'm3'), chat(4, 'm4'), chat(6, 'm6')], {
        epoch: ROOM.epoch,
        first: false,
        trimmed: false,
      })
      expect(picture(fresh.entries)).toEqual([4, 6, 10])
    })
  })
})
