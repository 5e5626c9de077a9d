/**
 * "Seen by": who has read one of your messages, from the room's read positions (each member's
 * last read seq). Shown on your latest sent message only, as the messengers people know do.
 */
import type { TimelineEntry } from './bridge'
import { t } from './i18n'
import { formatList, formatShortList } from './intl-locale'

export interface ReadPosition {
  clientId: string
  name: string
  seq: number
}

export interface SeenBy {
  count: number
  names: string[]
}

/** Names listed at most (the count says how many in all). */
export const MAX_SEEN_NAMES = 20

export function seenBy(
  seq: number,
  reads: readonly ReadPosition[],
  you: string,
  max = MAX_SEEN_NAMES,
): SeenBy {
  let count = 0
  const names: string[] = []
  for (const read of reads) {
    if (read.clientId === you || read.seq < seq) continue
    count++
    if (names.length < max) names.push(read.name)
  }
  return { count, names }
}

/** The key of your latest confirmed chat (not deleted), among the last `within` entries. */
export function lastOwnKey(
  at: (index: number) => TimelineEntry | undefined,
  confirmedLength: number,
  within = 200,
): string | null {
  for (let index = confirmedLength - 1; index >= Math.max(0, confirmedLength - within); index--) {
    const entry = at(index)
    if (entry?.kind === 'chat' && entry.own && entry.seq !== null && !entry.deleted) {
      return entry.key
    }
  }
  return null
}

/** "Seen by Ada, Bob", "Seen by Ada, Bob and 3 more", for hover and screen readers. */
export function seenByLabel(seen: SeenBy): string {
  const rest = seen.count - seen.names.length
  const names =
    rest > 0
      ? formatList([...seen.names, t('seenBy.more', { count: rest })])
      : formatShortList(seen.names)
  return t('seenBy.label', { names })
}
