import { execFileSync } from 'node:child_process'

/**
 * mDNS may be used only inside the private network namespace that scripts/in-netns.sh makes,
 * so that no multicast ever leaves this machine. Discovery tests ask this first.
 */
export const IN_NETNS = process.env['LANROOM_NETNS'] === '1'

/** Why the discovery tests cannot run here, or null when they can. */
export function netnsUnavailableReason(): string | null {
  if (IN_NETNS) return null
  return (
    process.env['LANROOM_NETNS_UNAVAILABLE'] ??
    'not inside the private network namespace (run through `npm test` or scripts/in-netns.sh)'
  )
}

/** Runs `ip ARGS` inside the namespace (as its root). */
export function ip(...args: string[]): void {
  if (!IN_NETNS) throw new Error('ip changes are allowed only inside the test namespace')
  execFileSync('ip', args, { stdio: 'pipe' })
}
