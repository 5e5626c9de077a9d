/**
 * How file transfers wait between attempts: backoff after network errors, and a pause until
 * the connection brings a new credential after a 401.
 */
import { backoffDelay, type BackoffOptions } from '../connection/backoff'
import { cancelled } from './errors'
import type { FileTarget } from './target'

export interface RetryPolicy {
  /** Attempts in a row that moved no byte before giving up (the count restarts after progress). */
  maxFailures: number
  backoff: BackoffOptions
  /** How often a transfer refused for its credential looks for a new one. */
  tokenPollMs: number
  random: () => number
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxFailures: 12,
  backoff: { initialDelayMs: 500, maxDelayMs: 10_000 },
  tokenPollMs: 200,
  random: Math.random,
}

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY, ...overrides }
}

/** Resolves after `ms`, or rejects with a 'cancelled' FileError when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled(what))
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(cancelled(what))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** The delay before attempt `failures` + 1; a Retry-After (seconds) of the hub wins if longer. */
export function retryDelay(policy: RetryPolicy, failures: number, retryAfter?: string): number {
  const base = backoffDelay(failures, policy.random, policy.backoff)
  const seconds = retryAfter === undefined ? NaN : Number(retryAfter)
  if (Number.isFinite(seconds) && seconds > 0) return Math.max(base, Math.min(seconds, 60) * 1000)
  return base
}

/** Waits until the target has a credential other than `refused` (a new welcome gave it). */
export async function nextToken(
  target: FileTarget,
  refused: string | null,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  what: string,
): Promise<string> {
  for (;;) {
    const token = target.token()
    if (token !== null && token !== refused) return token
    await sleep(policy.tokenPollMs, signal, what)
  }
}

/**
 * The longest a transfer waits out failures in a row before it gives up: every delay at its
 * longest. A command that transfers gives up on a room away this long too (lanroom send, get).
 */
export function giveUpWindowMs(policy: RetryPolicy = DEFAULT_RETRY): number {
  let total = 0
  for (let failures = 1; failures <= policy.maxFailures; failures++) {
    total += backoffDelay(failures, () => 1, policy.backoff)
  }
  return total
}
