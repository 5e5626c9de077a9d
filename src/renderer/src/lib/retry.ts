import { secondsUntil } from './time'

/**
 * "Try again in …" for a wait main announced as a time (snapshot.joinFailure.retryAt): a time
 * rather than a duration, so that the sentence stays right however long it is on screen.
 */

/** The sentence to show, counting down; says so once the wait is over. */
export function tryAgainText(retryAt: number, now: number): string {
  const seconds = secondsUntil(retryAt, now)
  if (seconds === 0) return 'Too many wrong passphrases. You can try again now.'
  const wait =
    seconds < 60
      ? `${seconds} s`
      : `${Math.floor(seconds / 60)} min${seconds % 60 === 0 ? '' : ` ${seconds % 60} s`}`
  return `Too many wrong passphrases from this computer. Try again in ${wait}.`
}
