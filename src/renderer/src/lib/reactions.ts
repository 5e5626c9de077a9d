/**
 * The emoji offered for a quick reaction: a small fixed set, then the ones this person uses
 * most (counted on this computer).
 */
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
  const names = reaction.names.join(', ')
  const who = rest > 0 ? `${names}${names ? ' and ' : ''}${rest} more` : names
  return `${reaction.emoji} ${reaction.count}: ${who}`
}
