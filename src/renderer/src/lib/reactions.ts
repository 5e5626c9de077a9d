/**
 * The emoji offered for a quick reaction: a small fixed set, then the ones this person uses
 * most (counted on this computer).
 */
import { t } from './i18n'
import { formatList, formatShortList } from './intl-locale'

export const QUICK_EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'] as const
/** Most used emoji offered beside the fixed set. */
export const MOST_USED = 4

export function paletteEmoji(usage: ReadonlyMap<string, number>, extra = MOST_USED): string[] {
  const fixed: readonly string[] = QUICK_EMOJI
  const used = [...usage]
    .filter(([emoji]) => !fixed.includes(emoji))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, extra)
    .map(([emoji]) => emoji)
  return [...fixed, ...used]
}

/** "👍 3: Ada, Bob, Cy" (and "and N more" when not all names are known). */
export function reactionLabel(reaction: {
  emoji: string
  count: number
  names: readonly string[]
}): string {
  const rest = reaction.count - reaction.names.length
  const who =
    rest > 0
      ? formatList([...reaction.names, t('reactions.more', { count: rest })])
      : formatShortList(reaction.names)
  return t('reactions.label', { emoji: reaction.emoji, total: reaction.count, who })
}

/** Distinct emoji counted at most; the least used are forgotten first. */
export const MAX_COUNTED = 64

/** The counts with one more use of `emoji`. */
export function countUse(
  counts: ReadonlyMap<string, number>,
  emoji: string,
  max = MAX_COUNTED,
): ReadonlyMap<string, number> {
  const next = new Map(counts)
  next.set(emoji, (next.get(emoji) ?? 0) + 1)
  if (next.size > max) {
    const least = [...next].sort((a, b) => a[1] - b[1])[0]
    if (least) next.delete(least[0])
  }
  return next
}

/** Counts as stored (JSON pairs), checked: anything odd is dropped. */
export function parseUsage(stored: string | null, max = MAX_COUNTED): ReadonlyMap<string, number> {
  const out = new Map<string, number>()
  try {
    const parsed: unknown = JSON.parse(stored ?? '[]')
    if (!Array.isArray(parsed)) return out
    for (const item of parsed.slice(0, max)) {
      if (!Array.isArray(item)) continue
      const [emoji, count] = item as unknown[]
      if (typeof emoji === 'string' && emoji.length <= 32 && Number.isSafeInteger(count)) {
        out.set(emoji, count as number)
      }
    }
  } catch {
    // Not JSON: start counting again.
  }
  return out
}
