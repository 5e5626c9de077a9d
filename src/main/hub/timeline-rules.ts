import {
  ERROR_CODES,
  type ChatEvent,
  type ChatMessage,
  type DeleteMessage,
  type EditMessage,
  type ErrorCode,
  type OpEvent,
  type ReactMessage,
  type UnreactMessage,
} from '../../shared/protocol'
import type { ChatStates } from './chat-states'
import type { TimelineStore } from './timeline-store'

/** A client's op on an earlier chat. */
export type OpMessage = ReactMessage | UnreactMessage | EditMessage | DeleteMessage
/** Every client message that takes a seq. */
export type TimelineMessage = ChatMessage | OpMessage

export interface Refusal {
  code: ErrorCode
  message: string
  /** For a refusal that passes (`rate_limited`): when to send it again. */
  retryAfterMs?: number
}

/** What the rules need to know of the room's history. */
export interface Timeline {
  store: Pick<TimelineStore, 'isChat' | 'chatFrom'>
  states: ChatStates
}

/**
 * Why the room would not stamp this op from `clientId`, or null. Targets are kept chats (not
 * an op, not beyond the room, not dropped by the budget); only a chat's author (the proven
 * client id) edits or deletes it, but the host deletes any file chat; an op that would change
 * nothing is refused.
 */
export function opRefusal(
  op: OpMessage,
  clientId: string,
  timeline: Timeline,
  /** The host deleting a file chat (it may, whoever shared the file). */
  hostDeletesFile = false,
): Refusal | null {
  const { store, states } = timeline
  const author = store.chatFrom(op.target)
  if (author === undefined) {
    return { code: ERROR_CODES.unknownTarget, message: `no message ${op.target} in this room` }
  }
  const deleted = states.isDeleted(op.target)
  if (op.type === 'edit' || op.type === 'delete') {
    if (author !== clientId && !(op.type === 'delete' && hostDeletesFile)) {
      return { code: ERROR_CODES.notAuthor, message: `only its author may ${op.type} a message` }
    }
    if (deleted && op.type === 'delete') {
      return { code: ERROR_CODES.noChange, message: 'the message is already deleted' }
    }
  }
  if (deleted) {
    return { code: ERROR_CODES.unknownTarget, message: `message ${op.target} was deleted` }
  }
  if (op.type === 'react' || op.type === 'unreact') {
    const refusal = states.reactionRefusal(op.target, clientId, op.emoji, op.type === 'react')
    if (refusal === 'no_change') {
      const message =
        op.type === 'react'
          ? `you already reacted with ${op.emoji} to this message`
          : `you have no ${op.emoji} reaction on this message`
      return { code: ERROR_CODES.noChange, message }
    }
    if (refusal === 'too_many_reactions') {
      return {
        code: ERROR_CODES.tooManyReactions,
        message: 'the message has all the reactions it may carry',
      }
    }
  }
  return null
}

/** Why a chat would not be stamped (its reply names no kept chat), or null. */
export function chatRefusal(chat: ChatMessage, timeline: Timeline): Refusal | null {
  if (chat.replyTo !== undefined && !timeline.store.isChat(chat.replyTo)) {
    return { code: ERROR_CODES.unknownTarget, message: `no message ${chat.replyTo} to reply to` }
  }
  return null
}

/** The stamped event of a client message. */
export function stamped(
  message: TimelineMessage,
  who: { from: string; name: string },
  seq: number,
  ts: number,
  mentionsRoom: boolean,
): ChatEvent | OpEvent {
  const { id } = message
  const { from, name } = who
  switch (message.type) {
    case 'chat': {
      const event: ChatEvent = { type: 'chat', seq, id, from, name, text: message.text, ts }
      if (message.file !== undefined) event.file = message.file
      if (message.replyTo !== undefined) event.replyTo = message.replyTo
      if (message.mentions !== undefined && message.mentions.length > 0) {
        event.mentions = message.mentions
      }
      if (mentionsRoom) event.mentionsRoom = true
      return event
    }
    case 'react':
    case 'unreact':
      return {
        type: message.type,
        seq,
        id,
        from,
        name,
        target: message.target,
        emoji: message.emoji,
        ts,
      }
    case 'edit':
      return { type: 'edit', seq, id, from, name, target: message.target, text: message.text, ts }
    case 'delete':
      return { type: 'delete', seq, id, from, name, target: message.target, ts }
  }
}
