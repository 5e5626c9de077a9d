import { t } from './i18n'
import { secondsUntil } from './time'

/**
 * "Try again in …" for a wait main announced as a time (snapshot.joinFailure.retryAt): a time
 * rather than a duration, so that the sentence stays right however long it is on screen.
 */

/** The wait as the catalogue abbreviates it: "45 s", "2 min", "1 min 35 s". */
function waitText(seconds: number): string {
  if (seconds < 60) return t('retry.seconds', { seconds })
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return rest === 0
    ? t('retry.minutes', { minutes })
    : t('retry.minutesSeconds', { minutes, seconds: rest })
}

/** The sentence to show, counting down; says so once the wait is over. */
export function tryAgainText(retryAt: number, now: number): string {
  const seconds = secondsUntil(retryAt, now)
  if (seconds === 0) return t('retry.now')
  return t('retry.wait', { wait: waitText(seconds) })
}
