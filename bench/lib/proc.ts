/** What the benchmark reads about its hub processes from /proc (Linux). */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'

/** Clock ticks per second of /proc/<pid>/stat's utime and stime. */
export function clockTicks(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim())
    return Number.isFinite(ticks) && ticks > 0 ? ticks : 100
  } catch {
    return 100
  }
}

/** User and system CPU seconds the process has used so far, all its threads included. */
export function cpuSplit(pid: number, ticks: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may hold spaces) start with field 3, the state;
  // utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return { user: Number(fields[11]) / ticks, system: Number(fields[12]) / ticks }
}

/** A `Vm*` line of /proc/<pid>/status in MiB (VmRSS: now; VmHWM: the peak so far). */
export function memoryMb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)
  return match ? Number(match[1]) / 1024 : Number.NaN
}

/** The soft and hard limits on open files of this process. */
export function openFileLimits(): { soft: number; hard: number } {
  const limits = readFileSync('/proc/self/limits', 'utf8')
  const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits)
  const parse = (value: string | undefined): number =>
    value === undefined || value === 'unlimited' ? Number.POSITIVE_INFINITY : Number(value)
  return { soft: parse(match?.[1]), hard: parse(match?.[2]) }
}

/**
 * CPU seconds the process has used so far, in nanoseconds' precision: the sum of its threads'
 * run time from /proc/<pid>/task/<tid>/schedstat. utime + stime (`cpuSeconds`) count in clock
 * ticks (10 ms), too coarse for a light trial. NaN where schedstat is missing.
 */
export function cpuSecondsPrecise(pid: number): number {
  try {
    let ns = 0
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0])
      } catch {
        // the thread ended meanwhile
      }
    }
    return ns / 1e9
  } catch {
    return Number.NaN
  }
}

/** Resets the process's VmHWM to its current RSS (Linux ≥ 4.0); false where not allowed. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}
