import type {
  ChatEvent,
  DeleteEvent,
  EditEvent,
  ReactEvent,
  TimelineEvent,
} from '../../../shared/protocol'

/** Stamped timeline events for store tests: valid by the protocol's schemas. */
export const TS0 = 1_700_000_000_000

export function chatAt(seq: number, text = `text ${seq}`, from = 'client-a'): ChatEvent {
  return {
    type: 'chat',
    seq,
    id: `m${seq}`,
    from,
    name: from.slice(-1).toUpperCase(),
    text,
    ts: TS0 + seq,
  }
}

export function reactAt(seq: number, target: number, emoji = '👍'): ReactEvent {
  return {
    type: 'react',
    seq,
    id: `m${seq}`,
    from: 'client-b',
    name: 'B',
    target,
    emoji,
    ts: TS0 + seq,
  }
}

export function editAt(seq: number, target: number, text: string, from = 'client-a'): EditEvent {
  return { type: 'edit', seq, id: `m${seq}`, from, name: 'A', target, text, ts: TS0 + seq }
}

export function deleteAt(seq: number, target: number, from = 'client-a'): DeleteEvent {
  return { type: 'delete', seq, id: `m${seq}`, from, name: 'A', target, ts: TS0 + seq }
}

/**
 * `count` events from seq `first` on, of every kind: mostly chats (by two authors), with a
 * reaction, an edit and a delete among them now and then, each aimed at an earlier chat.
 */
export function mixedEvents(count: number, first = 1): TimelineEvent[] {
  const events: TimelineEvent[] = []
  const chats: number[] = []
  for (let seq = first; seq < first + count; seq++) {
    const target = chats[Math.max(0, chats.length - 3)]
    const roll = seq % 10
    if (target === undefined || roll < 6) {
      events.push(chatAt(seq, `message ${seq}`, seq % 2 === 0 ? 'client-a' : 'client-c'))
      chats.push(seq)
    } else if (roll < 8) events.push(reactAt(seq, target, roll === 6 ? '👍' : '🎉'))
    else if (roll === 8) events.push(editAt(seq, target, `edited ${target}`))
    else
      events.push({
        type: 'unreact',
        seq,
        id: `m${seq}`,
        from: 'client-b',
        name: 'B',
        target,
        emoji: '👍',
        ts: TS0 + seq,
      })
  }
  return events
}
