/** The pids of this process's children running `command` (Linux /proc): the nats-servers the
 * test harness started (test/support/nats-cluster.ts does not hand out its pids). */
import { readdirSync, readFileSync } from 'node:fs'

export function childPids(command: string): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      // Field 4, the parent's pid, is the second after the name.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (name === command && ppid === process.pid) pids.push(Number(entry))
    } catch {
      // the process ended meanwhile
    }
  }
  return pids.sort((a, b) => a - b)
}
