import {
  deletedChat,
  LIMITS,
  type ChatEvent,
  type OpEvent,
  type Reaction,
  type TimelineEvent,
} from '../../shared/protocol'

/*
 * How reactions, edits and deletes change a chat as this client shows it, and putting them in
 * the room's order. Applying an op the chat already includes changes nothing, so a page's
 * materialized chat and the ops around it can be combined in any overlap.
 */

/** `chat` after `op` (the same object when nothing changes). Reactions are sets keyed by
 * (emoji, client id), bounded as the hub bounds them; a deleted chat takes no op but its own
 * author's delete, which has happened. */
export function applyOp(chat: ChatEvent, op: OpEvent, hostId: string | null = null): ChatEvent {
  if (chat.deleted) return chat
  switch (op.type) {
    case 'edit':
      if (op.from !== chat.from || (chat.text === op.text && chat.edited)) return chat
      return { ...chat, text: op.text, edited: true }
    case 'delete': {
      // The host may delete any file chat (its bytes go too); other chats only their author.
      const byHost = chat.file !== undefined && hostId !== null && op.from === hostId
      if (op.from !== chat.from && !byHost) return chat
      return deletedChat(chat)
    }
    case 'react':
    case 'unreact': {
      const reactions = chat.reactions ?? []
      const at = reactions.findIndex((r) => r.emoji === op.emoji)
      const had = at >= 0 && (reactions[at] as Reaction).from.includes(op.from)
      if ((op.type === 'react') === had) return chat
      if (op.type === 'unreact') {
        const from = (reactions[at] as Reaction).from.filter((id) => id !== op.from)
        const next = reactions.slice()
        if (from.length > 0) next[at] = { emoji: op.emoji, from }
        else next.splice(at, 1)
        if (next.length > 0) return { ...chat, reactions: next }
        const { reactions: _r, ...rest } = chat
        return rest
      }
      const total = reactions.reduce((n, r) => n + r.from.length, 0)
      if (total >= LIMITS.maxReactionsPerMessage) return chat
      if (at < 0 && reactions.length >= LIMITS.maxReactionEmoji) return chat
      const next = reactions.slice()
      if (at >= 0) {
        const reaction = reactions[at] as Reaction
        next[at] = { emoji: op.emoji, from: [...reaction.from, op.from] }
      } else {
        next.push({ emoji: op.emoji, from: [op.from] })
      }
      return { ...chat, reactions: next }
    }
  }
}

/** Whether two copies of a chat show the same. */
export function sameState(a: ChatEvent, b: ChatEvent): boolean {
  return (
    a.text === b.text &&
    a.edited === b.edited &&
    a.deleted === b.deleted &&
    a.file?.expired === b.file?.expired &&
    JSON.stringify(a.reactions ?? []) === JSON.stringify(b.reactions ?? [])
  )
}

export function sortedBySeq(ops: readonly OpEvent[]): OpEvent[] {
  return [...ops].sort((a, b) => a.seq - b.seq)
}

/** Two ascending lists as one, by seq. */
export function mergeBySeq(chats: readonly ChatEvent[], ops: readonly OpEvent[]): TimelineEvent[] {
  const merged: TimelineEvent[] = []
  let i = 0
  let j = 0
  while (i < chats.length || j < ops.length) {
    const chat = chats[i]
    const op = ops[j]
    if (op === undefined || (chat !== undefined && chat.seq < op.seq)) {
      merged.push(chat as ChatEvent)
      i++
    } else {
      merged.push(op)
      j++
    }
  }
  return merged
}
