/**
 * Where the unread messages start, as Slack and Element show it: a "New messages" divider
 * before the first message from someone else that arrived while the person was away (the
 * window not seen, or the timeline scrolled up), and how many have come since. It stays, with
 * messages read meanwhile below it, until the person marks the room read or sends.
 */
import { t } from './i18n'

export interface Unread {
  /** The key of the first unread entry; null: nothing unread. */
  key: string | null
  /** Messages from others from that entry on. */
  count: number
}

export const NO_UNREAD: Unread = { key: null, count: 0 }

/** A chat from someone else arrived; `away`: the person was not looking at the end. */
export function afterArrival(unread: Unread, key: string, away: boolean): Unread {
  if (unread.key !== null) return { key: unread.key, count: unread.count + 1 }
  return away ? { key, count: 1 } : unread
}

/** The timeline was replaced or trimmed: the divider goes when its entry did. */
export function retainUnread(unread: Unread, has: (key: string) => boolean): Unread {
  return unread.key === null || has(unread.key) ? unread : NO_UNREAD
}

/** "3 new messages", for the bar above the timeline. */
export function unreadLabel(count: number): string {
  return t('unread.newMessages', { count })
}
