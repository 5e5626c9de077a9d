import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'

let deadPid: number | undefined

/** The id of a process that has exited (one, for every test of the run). */
export function deadProcess(): number {
  deadPid ??= spawnSync(process.execPath, ['-e', '']).pid
  return deadPid
}

/**
 * Leaves the room lock at `path` as a hub killed with kill -9 leaves it: naming a process that
 * no longer runs. Returns that process's id.
 */
export function lockOfKilledHub(path: string): number {
  const pid = deadProcess()
  writeFileSync(path, JSON.stringify({ v: 1, pid, started: null, token: 'killed' }))
  return pid
}
