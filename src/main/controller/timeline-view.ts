import type { ReactionView, ReplyQuote, TimelineEntry } from '../../shared/bridge'
import { chatErrorCode } from '../../shared/bridge/chat-error-code'
import { fileView } from './file-view'
import type { ChatEvent, Reaction } from '../../shared/protocol'
import type { OutboxEntry, TimelineEntry as ConnectionEntry } from '../connection'
import { chatKey } from '../connection/timeline'

/** Longest quote of a replied-to message, in UTF-16 units (the window shows a line or two). */
export const MAX_QUOTE_LENGTH = 200
/** Names listed per reaction, for hover and focus (the count says how many in all). */
export const MAX_REACTION_NAMES = 20

/** What a view entry needs beyond the connection's entry. */
export interface ViewContext {
  clientId: string
  /** The chat at `seq` of the room's numbering `epoch` (loaded, or fetched for its quote);
   * undefined when not known, or when `epoch` is no longer the room's. */
  chatAt(seq: number, epoch: string | null): ChatEvent | undefined
  /** A member's name, as last seen (present or not); null when never seen. */
  nameOf(clientId: string): string | null
}

function leftText(name: string, reason: string | null): string {
  if (reason === 'lost') return `${name} left (connection lost)`
  if (reason === 'removed') return `${name} was disconnected by the room`
  return `${name} left`
}

/** A chat's quote, as shown above a reply to it. */
export function quoteOf(seq: number, epoch: string | null, context: ViewContext): ReplyQuote {
  const original = context.chatAt(seq, epoch)
  if (!original) return { seq, found: false, name: '', text: '', deleted: false }
  const deleted = original.deleted === true
  return {
    seq,
    found: true,
    name: original.name,
    text: deleted ? '' : clipQuote(original.text),
    deleted,
  }
}

function clipQuote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  if (line.length <= MAX_QUOTE_LENGTH) return line
  let end = MAX_QUOTE_LENGTH - 1
  const last = line.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return `${line.slice(0, end)}…`
}

/** Reactions as the window shows them: counts, yours marked, who by name (bounded). */
export function reactionViews(
  reactions: readonly Reaction[] | undefined,
  context: ViewContext,
): ReactionView[] | undefined {
  if (!reactions || reactions.length === 0) return undefined
  return reactions.map(({ emoji, from }) => ({
    emoji,
    count: from.length,
    mine: from.includes(context.clientId),
    names: from.slice(0, MAX_REACTION_NAMES).map((id) => context.nameOf(id) ?? 'Someone'),
  }))
}

/** A chat's fields beyond the plain ones, present only when set. */
function chatExtras(
  chat: ChatEvent,
  epoch: string,
  context: ViewContext,
): Partial<TimelineEntry & { kind: 'chat' }> {
  const extras: Partial<TimelineEntry & { kind: 'chat' }> = {}
  if (chat.replyTo !== undefined) extras.replyTo = quoteOf(chat.replyTo, epoch, context)
  if (chat.mentions !== undefined) extras.mentions = chat.mentions
  if (chat.mentionsRoom) extras.mentionsRoom = true
  if (mentionsYou(chat, context.clientId)) extras.mentionsYou = true
  if (chat.edited) extras.edited = true
  if (chat.deleted) extras.deleted = true
  const reactions = reactionViews(chat.reactions, context)
  if (reactions) extras.reactions = reactions
  if (chat.file && !chat.deleted) extras.file = fileView(chat.file)
  return extras
}

/** Whether a chat calls on this person: by client id, or the whole room. */
export function mentionsYou(
  chat: Pick<ChatEvent, 'mentions' | 'mentionsRoom'>,
  clientId: string,
): boolean {
  return chat.mentionsRoom === true || (chat.mentions?.includes(clientId) ?? false)
}

/** The connection's timeline entry as the window shows it. */
export function toViewEntry(entry: ConnectionEntry, context: ViewContext): TimelineEntry {
  switch (entry.kind) {
    case 'chat': {
      const { chat } = entry
      return {
        kind: 'chat',
        key: entry.key,
        seq: chat.seq,
        id: chat.id,
        from: chat.from,
        name: chat.name,
        // A deleted chat's text is gone; the window says "message deleted" in its own way.
        text: chat.deleted ? '' : chat.text,
        ts: chat.ts,
        own: chat.from === context.clientId,
        status: 'sent',
        error: null,
        ...chatExtras(chat, entry.epoch, context),
      }
    }
    case 'joined':
      return {
        kind: 'notice',
        key: entry.key,
        ts: entry.at,
        event: 'joined',
        name: entry.member.name,
        text: `${entry.member.name} joined`,
      }
    case 'renamed':
      return {
        kind: 'notice',
        key: entry.key,
        ts: entry.at,
        event: 'renamed',
        name: entry.member.name,
        text: `Now called ${entry.member.name}`,
      }
    case 'left':
      return {
        kind: 'notice',
        key: entry.key,
        ts: entry.at,
        event: 'left',
        name: entry.name,
        text: leftText(entry.name, entry.reason),
        reason: entry.reason === 'lost' || entry.reason === 'removed' ? entry.reason : null,
      }
    case 'gap':
      return {
        kind: 'gap',
        key: entry.key,
        ts: entry.at,
        text:
          entry.reason === 'epoch'
            ? "The room's history was reset; earlier messages may not line up with these."
            : 'Some messages are missing here: the room no longer keeps them.',
        reason: entry.reason,
      }
  }
}

/** A chat of yours not confirmed yet: an outbox entry, or a file still being uploaded (its
 * `file` has an empty id and hash until the upload is done). */
export type PendingChat = Pick<OutboxEntry, 'id' | 'op' | 'state' | 'error'>

/** Your chats not confirmed yet (reactions, edits and deletes show once confirmed). */
export function pendingEntries(
  entries: readonly PendingChat[],
  name: string,
  now: number,
  context: ViewContext,
): TimelineEntry[] {
  const pending: TimelineEntry[] = []
  for (const entry of entries) {
    const { op } = entry
    if (op.type !== 'chat') continue
    const errorCode = entry.error ? chatErrorCode(entry.error.code) : undefined
    pending.push({
      kind: 'chat',
      // The key the confirmed entry will have, so the row stays put when the hub confirms it.
      key: chatKey({ from: context.clientId, id: entry.id }),
      seq: null,
      id: entry.id,
      from: context.clientId,
      name,
      text: op.text,
      ts: now,
      own: true,
      status: entry.state === 'failed' ? 'failed' : 'pending',
      error: entry.error?.message ?? null,
      ...(errorCode !== undefined ? { errorCode } : {}),
      ...(op.replyTo !== undefined ? { replyTo: quoteOf(op.replyTo, null, context) } : {}),
      ...(op.mentions !== undefined ? { mentions: [...op.mentions] } : {}),
      ...(op.mentionsRoom ? { mentionsRoom: true } : {}),
      ...(op.file ? { file: fileView(op.file) } : {}),
    })
  }
  return pending
}
