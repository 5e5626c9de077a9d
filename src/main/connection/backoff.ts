export interface BackoffOptions {
  /** Upper bound of the first delay; each further attempt doubles it. */
  initialDelayMs: number
  /** No delay is longer than this, so a host that comes back is found within a few seconds. */
  maxDelayMs: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 300, maxDelayMs: 5_000 }

/**
 * The delay before reconnect attempt `attempt` (1, 2, ...): exponential and capped, with
 * "equal jitter": a random point in the upper half of the step. The jitter spreads the
 * reconnects of a whole room after its host restarts; the fixed half keeps a client from
 * hammering a host that is still down.
 */
export function backoffDelay(
  attempt: number,
  random: () => number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30)
  const step = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** exponent)
  const r = Math.min(Math.max(random(), 0), 1)
  return Math.round(step / 2 + (r * step) / 2)
}
