/**
 * Messages that leaving would lose: those that failed, and while the room cannot be reached
 * those still waiting to go (connected, leaving gives them a moment to be delivered).
 */
import type { TimelineEntry } from './bridge'
import { t } from './i18n'

interface Entries {
  readonly confirmedLength: number
  readonly length: number
  at(index: number): TimelineEntry | undefined
}

export function unsentCount(timeline: Entries, connected: boolean): number {
  let count = 0
  // Your unsent messages are the pending part, after the confirmed ones.
  for (let index = timeline.confirmedLength; index < timeline.length; index++) {
    const entry = timeline.at(index)
    if (entry?.kind !== 'chat' || !entry.own) continue
    if (entry.status === 'failed' || (entry.status === 'pending' && !connected)) count++
  }
  return count
}

/** What the "Leave?" question says. */
export function unsentWarning(count: number): string {
  return t('unsent.warning', { count })
}
