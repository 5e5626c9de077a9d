import { LIMITS, type Member } from '../shared/protocol'

export interface Mentions {
  mentions: string[]
  mentionsRoom: boolean
}

const ROOM = 'room'

/** Whether `text` at `index` is the end of a mention: the end, or not a letter or digit. */
function endsWord(text: string, index: number): boolean {
  return index >= text.length || !/[\p{L}\p{N}_]/u.test(text[index] as string)
}

/**
 * Who a line mentions: `@Name` of a member present (any case; the longest name that fits, so
 * `@Bob Smith` is not `@Bob`; every member of that name), and `@room` for everyone. Only at
 * the start or after white space or punctuation, so an e-mail address mentions nobody.
 * This client is never among them; at most LIMITS.maxMentions ids.
 */
export function findMentions(text: string, members: readonly Member[], me: string): Mentions {
  const others = members.filter((member) => member.clientId !== me)
  const names = [...new Set(others.map((member) => member.name.toLowerCase()))].sort(
    (a, b) => b.length - a.length,
  )
  const lower = text.toLowerCase()
  const ids = new Set<string>()
  let mentionsRoom = false
  for (let at = lower.indexOf('@'); at >= 0; at = lower.indexOf('@', at + 1)) {
    if (at > 0 && /[\p{L}\p{N}_]/u.test(lower[at - 1] as string)) continue
    const start = at + 1
    if (lower.startsWith(ROOM, start) && endsWord(lower, start + ROOM.length)) {
      mentionsRoom = true
      continue
    }
    const name = names.find((n) => lower.startsWith(n, start) && endsWord(lower, start + n.length))
    if (name === undefined) continue
    for (const member of others) if (member.name.toLowerCase() === name) ids.add(member.clientId)
  }
  return { mentions: [...ids].slice(0, LIMITS.maxMentions), mentionsRoom }
}
