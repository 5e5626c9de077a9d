import { describe, expect, it } from 'vitest'
import { ROOM, chat, welcome } from '../../../test/support/fake-room'
import { Timeline, type TimelineChange, type TimelineEntry } from './timeline'

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
})
