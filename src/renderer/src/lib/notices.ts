/**
 * Timeline notices (joined, left, renamed) and gap markers in the current language, from the
 * entry's fields: main's `text` is English, kept for readers that do not translate.
 */
import type { TimelineEntry } from './bridge'
import { t } from './i18n'

type Notice = Extract<TimelineEntry, { kind: 'notice' }>
type Gap = Extract<TimelineEntry, { kind: 'gap' }>

export function noticeText(notice: Notice): string {
  const name = notice.name
  switch (notice.event) {
    case 'joined':
      return t('notices.joined', { name })
    case 'renamed':
      return t('notices.renamed', { name })
    case 'left':
      if (notice.reason === 'lost') return t('notices.leftLost', { name })
      if (notice.reason === 'removed') return t('notices.leftRemoved', { name })
      return t('notices.left', { name })
  }
}

/** A gap marker's sentence; one from an older main without `reason` is shown as it came. */
export function gapText(gap: Gap): string {
  if (gap.reason === 'epoch') return t('notices.gapEpoch')
  if (gap.reason === 'history') return t('notices.gapHistory')
  return gap.text
}
