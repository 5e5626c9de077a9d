import { SCHEMAS } from '../shared/protocol'

/** A line typed in an interactive `lanroom join`: a chat, or a command about a message. */
export type TypedLine =
  | { kind: 'text'; text: string }
  | { kind: 'reply'; target: number; text: string }
  | { kind: 'react' | 'unreact'; target: number; emoji: string }
  | { kind: 'edit'; target: number; text: string }
  | { kind: 'delete'; target: number }
  | { kind: 'help' }
  | { kind: 'invalid'; message: string }

/** What `/help` prints, and `lanroom join --help` repeats. */
export const COMMANDS_HELP = [
  '/reply SEQ TEXT    reply to message #SEQ',
  '/react SEQ EMOJI   react to message #SEQ (/unreact SEQ EMOJI takes it back)',
  '/edit SEQ TEXT     replace the text of your message #SEQ',
  '/delete SEQ        delete your message #SEQ',
  '/help              this list; a line starting with // sends it with one / less',
]

const USAGE: Record<string, string> = {
  reply: '/reply SEQ TEXT',
  react: '/react SEQ EMOJI',
  unreact: '/unreact SEQ EMOJI',
  edit: '/edit SEQ TEXT',
  delete: '/delete SEQ',
}

/** `42` or `#42`: a seq; anything else null. */
function parseSeq(word: string | undefined): number | null {
  const match = word === undefined ? null : /^#?(\d{1,15})$/.exec(word)
  if (!match) return null
  const seq = Number(match[1])
  return Number.isSafeInteger(seq) && seq >= 1 ? seq : null
}

/**
 * Reads a line typed at the terminal. A line starting with `/` is a command (`//` escapes
 * it); anything else is a chat. Lines read from a pipe are never commands (join.ts).
 */
export function parseTypedLine(line: string): TypedLine {
  if (!line.startsWith('/')) return { kind: 'text', text: line }
  if (line.startsWith('//')) return { kind: 'text', text: line.slice(1) }
  const match = /^\/(\S+)\s*(\S*)\s?([\s\S]*)$/.exec(line)
  const command = match?.[1] ?? ''
  const usage = USAGE[command]
  if (command === 'help') return { kind: 'help' }
  if (usage === undefined) {
    return { kind: 'invalid', message: `unknown command /${command} (/help lists them)` }
  }
  const target = parseSeq(match?.[2])
  const rest = (match?.[3] ?? '').trim()
  const wrong: TypedLine = { kind: 'invalid', message: `usage: ${usage}` }
  if (target === null) return wrong
  switch (command) {
    case 'delete':
      return rest.length === 0 ? { kind: 'delete', target } : wrong
    case 'react':
    case 'unreact': {
      const emoji = SCHEMAS.emoji.safeParse(rest)
      if (!emoji.success) return { kind: 'invalid', message: `not one emoji: ${usage}` }
      return { kind: command, target, emoji: emoji.data }
    }
    case 'reply':
    case 'edit':
      return rest.length === 0 ? wrong : { kind: command, target, text: rest }
  }
  return wrong
}
