import { randomBytes } from 'node:crypto'
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { z } from 'zod'
import { HubError } from './hub-error'
import type { Logger } from './logger'

/** A random token (a lock owner's, a room epoch): 12 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(12).toString('base64url')
}

/** The lock file in a room's directory, there while a hub hosts the room (docs/storage.md). */
export const LOCK_FILE = 'hub.lock'

const ownerSchema = z.object({
  v: z.literal(1),
  pid: z.number().int().positive(),
  /** Linux: the boot and the process's start (see ProcessProbe.started); null elsewhere. */
  started: z.string().nullable(),
  /** Tells this process's own locks from a dead one's that had the same pid (a container's
   * hub is often pid 1 every time it starts). */
  token: z.string(),
})
type Owner = z.infer<typeof ownerSchema>

/** What the lock asks of the operating system; tests pass their own. */
export interface ProcessProbe {
  readonly pid: number
  /** Whether a process of this id runs (one of another user's counts). */
  alive(pid: number): boolean
  /** Something that differs between two processes that had the same id (null: unknown). */
  started(pid: number): string | null
}

/**
 * A lock file being written is empty for a moment: one that stays empty, or unreadable, this
 * long was left by a crash between creating and writing it.
 */
export const UNREADABLE_GRACE_MS = 5_000

/** The tokens of the locks this process holds now. */
const held = new Set<string>()

/**
 * One room hosted by one hub at a time: two hubs appending to, and compacting, one history
 * file lose each other's acknowledged messages. The lock is a file created exclusively (`wx`)
 * that names its process; a lock whose process is gone (kill -9, a crash, a reboot) is taken
 * over, so none outlives its hub.
 *
 * Deciding that a lock is stale and removing it are two steps: two hubs starting within the
 * same instant after a crash could both take it over. Files of the same data directory on
 * two machines (a network share) are not told apart: their pids mean nothing here.
 */
export class RoomLock {
  private released = false

  private constructor(
    readonly path: string,
    private readonly token: string,
  ) {}

  /**
   * Takes the lock at `path` for the room called `room`, or throws HUB_ERR_ROOM_IN_USE while
   * a live process holds it.
   */
  static acquire(
    path: string,
    room: string,
    logger: Logger,
    probe: ProcessProbe = SYSTEM_PROBE,
  ): RoomLock {
    const token = newToken()
    const owner: Owner = { v: 1, pid: probe.pid, started: probe.started(probe.pid), token }
    // A stale lock is removed once: a lock found after that is another hub's, just taken.
    let tookOver = false
    for (let attempt = 0; ; attempt++) {
      try {
        writeFileSync(path, JSON.stringify(owner), { flag: 'wx' })
        held.add(token)
        return new RoomLock(path, token)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const read = readOwner(path)
      // Released meanwhile: try again (a few times: it may be another hub's, coming and going).
      if (read === 'gone' && attempt < 3) continue
      const found = read === 'gone' ? 'unreadable' : read
      const stale = tookOver ? null : staleness(found, path, probe)
      if (stale === null) {
        const by = found === 'unreadable' ? '' : ` (by process ${found.pid})`
        throw new HubError(
          'HUB_ERR_ROOM_IN_USE',
          `the room "${room}" is already being hosted from this data directory${by}`,
        )
      }
      // `pid` is the logging process's own (pino's base): the lock's holder has a key of its own.
      logger.warn({ path, holderPid: found === 'unreadable' ? null : found.pid }, stale)
      // Only the lock that was judged: one written since is another hub's.
      if (sameFile(path, found)) rmSync(path, { force: true })
      tookOver = true
    }
  }

  /** Removes the lock file, when it is still this lock's. */
  release(): void {
    if (this.released) return
    this.released = true
    held.delete(this.token)
    const found = readOwner(this.path)
    if (typeof found === 'object' && found.token === this.token) rmSync(this.path, { force: true })
  }
}

function readOwner(path: string): Owner | 'unreadable' | 'gone' {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable'
  }
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : 'unreadable'
  } catch {
    return 'unreadable'
  }
}

/** Why the lock at `path` is stale (a sentence for the log), or null while it is held. */
function staleness(found: Owner | 'unreadable', path: string, probe: ProcessProbe): string | null {
  if (found === 'unreadable') {
    let age: number
    try {
      age = Date.now() - statSync(path).mtimeMs
    } catch {
      return null
    }
    return age >= UNREADABLE_GRACE_MS ? 'taking over an unreadable room lock left by a crash' : null
  }
  if (found.pid === probe.pid) {
    return held.has(found.token) ? null : 'taking over the room lock of an earlier process'
  }
  if (!probe.alive(found.pid)) return 'taking over the room lock of a process that is gone'
  const started = found.started === null ? null : probe.started(found.pid)
  if (started !== null && started !== found.started) {
    return 'taking over the room lock of a process that is gone (its id is reused)'
  }
  return null
}

function sameFile(path: string, judged: Owner | 'unreadable'): boolean {
  const now = readOwner(path)
  if (judged === 'unreadable') return now === 'unreadable'
  return typeof now === 'object' && now.token === judged.token
}

/** Linux: a process's state, and its start (in clock ticks since boot, so with the boot's id). */
function linuxStat(pid: number): { state: string; started: string } | null {
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // `pid (comm) state ...`: comm may hold spaces and parentheses, so fields count from its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = fields[19]
    if (ticks === undefined) return null
    return { state: fields[0] ?? '', started: `${bootId}:${ticks}` }
  } catch {
    return null
  }
}

export const SYSTEM_PROBE: ProcessProbe = {
  pid: process.pid,
  alive(pid) {
    try {
      process.kill(pid, 0)
    } catch (error) {
      // EPERM: it runs, as another user.
      return (error as NodeJS.ErrnoException).code === 'EPERM'
    }
    // A zombie (killed, not yet reaped by its parent) runs no hub.
    return linuxStat(pid)?.state !== 'Z'
  },
  started: (pid) => linuxStat(pid)?.started ?? null,
}
