/**
 * Mentions as the composer makes them: typing `@` opens a picker of the room's members; a
 * chosen one becomes `@Name` in the text and its client id goes with the message (names
 * change and collide, client ids do not). `@room` mentions everyone present.
 */
import { nameKey } from './names'

/** The option that mentions everyone. */
export const ROOM_MENTION = '@room'
/** A query longer than this is not a mention being typed any more. */
const MAX_QUERY = 64
/** Options the picker shows at most. */
export const MAX_OPTIONS = 8

export interface MentionQuery {
  /** Where the `@` is. */
  start: number
  /** What follows it, up to the caret. */
  text: string
}

export interface MentionOption {
  /** A client id, or null for @room. */
  clientId: string | null
  name: string
}

/**
 * The mention being typed at the caret: an `@` at the start or after whitespace, followed by
 * at most MAX_QUERY characters without a line break. Spaces are allowed (names have them);
 * the picker closes when no option matches.
 */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const from = Math.max(0, caret - MAX_QUERY - 1)
  const at = text.lastIndexOf('@', caret - 1)
  if (at < from || at < 0) return null
  if (at > 0 && !/\s/.test(text[at - 1] ?? '')) return null
  const query = text.slice(at + 1, caret)
  if (/[\n@]/.test(query)) return null
  return { start: at, text: query }
}

/** Members (not you) whose name starts with the query (ignoring case), and @room. */
export function mentionOptions(
  query: string,
  members: ReadonlyArray<{ clientId: string; name: string; you: boolean }>,
  withRoom: boolean,
): MentionOption[] {
  const wanted = nameKey(query)
  const out: MentionOption[] = []
  for (const member of members) {
    if (member.you) continue
    if (nameKey(member.name).startsWith(wanted)) out.push(member)
    if (out.length >= MAX_OPTIONS) break
  }
  if (withRoom && 'room'.startsWith(wanted.trim()) && !wanted.startsWith(' ')) {
    out.push({ clientId: null, name: 'room' })
  }
  return out
}

/** The text with the query replaced by `@Name `, and where the caret goes after it. */
export function insertMention(
  text: string,
  query: MentionQuery,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `
  const rest = text.slice(caret)
  return {
    text: text.slice(0, query.start) + inserted + rest.replace(/^ /, ''),
    caret: query.start + inserted.length,
  }
}

/**
 * What a message mentions, from the people chosen in the picker: those whose `@Name` is still
 * in the text (one deleted by hand is not mentioned), and @room when the text has it.
 */
export function mentionsIn(
  text: string,
  chosen: Iterable<readonly [string, string]>,
  limit: number,
): { mentions: string[]; mentionsRoom: boolean } {
  const mentions: string[] = []
  for (const [clientId, name] of chosen) {
    if (mentions.length >= limit) break
    if (text.includes(`@${name}`)) mentions.push(clientId)
  }
  return { mentions, mentionsRoom: /(^|\s)@room(?![\p{L}\p{N}_])/u.test(text) }
}

export interface TextPart {
  text: string
  mention: boolean
}

/**
 * Splits a message into plain text and the mentions to show highlighted: `@Name` for each
 * name given (longest first, so "@Ann Lee" wins over "@Ann"), and `@room`.
 */
export function splitMentions(text: string, names: readonly string[], room: boolean): TextPart[] {
  const needles = [...new Set(names.filter((name) => name !== '').map((name) => `@${name}`))]
  if (room) needles.push(ROOM_MENTION)
  if (needles.length === 0 || !text.includes('@')) return [{ text, mention: false }]
  needles.sort((a, b) => b.length - a.length)
  const parts: TextPart[] = []
  let plain = 0
  let index = text.indexOf('@')
  while (index >= 0) {
    const found = needles.find((needle) => text.startsWith(needle, index))
    if (found && (index === 0 || /\s|\p{P}/u.test(text[index - 1] ?? ''))) {
      if (index > plain) parts.push({ text: text.slice(plain, index), mention: false })
      parts.push({ text: found, mention: true })
      plain = index + found.length
      index = text.indexOf('@', plain)
    } else {
      index = text.indexOf('@', index + 1)
    }
  }
  if (plain < text.length) parts.push({ text: text.slice(plain), mention: false })
  return parts
}
