import { spawn } from 'node:child_process'
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/ws-client'
import { HubError } from './hub-error'
import { SILENT_LOGGER, type Logger } from './logger'
import { RoomLock, SYSTEM_PROBE, UNREADABLE_GRACE_MS, type ProcessProbe } from './room-lock'
import { deadProcess, lockOfKilledHub } from './testing/dead-lock'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

function lockPath(): string {
  const dir = tempDir()
  cleanups.push(dir.remove)
  return join(dir.path, 'hub.lock')
}

function acquire(path: string, logger: Logger = SILENT_LOGGER, probe?: ProcessProbe): RoomLock {
  const lock = RoomLock.acquire(path, 'Room', logger, probe)
  cleanups.push(() => lock.release())
  return lock
}

function refusal(action: () => unknown): HubError {
  try {
    action()
  } catch (error) {
    if (error instanceof HubError) return error
    throw error
  }
  throw new Error('not refused')
}

function warnings(): { logger: Logger; seen: string[]; fields: object[] } {
  const seen: string[] = []
  const fields: object[] = []
  const warn = (logged: object, message: string): void => {
    fields.push(logged)
    seen.push(message)
  }
  return { logger: { ...SILENT_LOGGER, warn }, seen, fields }
}

describe('RoomLock', () => {
  it('is held by one at a time, names its process, and is free again once released', () => {
    const path = lockPath()
    const lock = acquire(path)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ v: 1, pid: process.pid })
    const refused = refusal(() => acquire(path))
    expect(refused.code).toBe('HUB_ERR_ROOM_IN_USE')
    expect(refused.message).toBe(
      `the room "Room" is already being hosted from this data directory (by process ${process.pid})`,
    )
    lock.release()
    expect(existsSync(path)).toBe(false)
    acquire(path)
  })

  it('takes over the lock of a process that is gone, and logs it', () => {
    const path = lockPath()
    const gone = lockOfKilledHub(path)
    const { logger, seen, fields } = warnings()
    acquire(path, logger)
    expect(seen).toEqual(['taking over the room lock of a process that is gone'])
    // Not `pid`: a JSON log line has that key already, the logging process's own.
    expect(fields).toEqual([{ path, holderPid: gone }])
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: process.pid })
  })

  it('takes over a lock of its own pid that it does not hold (a restarted container)', () => {
    const path = lockPath()
    writeFileSync(path, JSON.stringify({ v: 1, pid: process.pid, started: null, token: 'old' }))
    const { logger, seen } = warnings()
    acquire(path, logger)
    expect(seen).toEqual(['taking over the room lock of an earlier process'])
  })

  it('tells a reused pid from its owner by when the process started', async () => {
    const path = lockPath()
    // A process that runs, as the owner's pid taken by someone else after a crash.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'])
    cleanups.push(() => other.kill('SIGKILL'))
    await new Promise((resolve) => other.once('spawn', resolve))
    const pid = other.pid as number
    if (process.platform === 'linux') {
      expect(SYSTEM_PROBE.started(pid)).toMatch(/^[0-9a-f-]{36}:\d+$/)
      expect(SYSTEM_PROBE.started(pid)).not.toBe(SYSTEM_PROBE.started(process.pid))
    }
    const probe = (started: string | null): ProcessProbe => ({
      ...SYSTEM_PROBE,
      started: (of) => (of === pid ? started : SYSTEM_PROBE.started(of)),
    })
    writeFileSync(path, JSON.stringify({ v: 1, pid, started: 'boot:1', token: 'owner' }))
    // Its owner, still running: refused.
    expect(refusal(() => acquire(path, SILENT_LOGGER, probe('boot:1'))).message).toContain(
      `(by process ${pid})`,
    )
    // Start unknown (not Linux): a live pid holds it.
    expect(refusal(() => acquire(path, SILENT_LOGGER, probe(null))).code).toBe(
      'HUB_ERR_ROOM_IN_USE',
    )
    const { logger, seen } = warnings()
    acquire(path, logger, probe('boot:2'))
    expect(seen).toEqual(['taking over the room lock of a process that is gone (its id is reused)'])
  })

  it('waits a while before taking over an unreadable lock (one being written)', () => {
    const path = lockPath()
    writeFileSync(path, '')
    expect(refusal(() => acquire(path)).message).toBe(
      'the room "Room" is already being hosted from this data directory',
    )
    const past = (Date.now() - UNREADABLE_GRACE_MS - 1_000) / 1000
    utimesSync(path, past, past)
    const { logger, seen } = warnings()
    acquire(path, logger)
    expect(seen).toEqual(['taking over an unreadable room lock left by a crash'])
  })

  it('leaves alone a lock that is no longer its own', () => {
    const path = lockPath()
    const lock = acquire(path)
    // Taken over meanwhile (this process looked dead to another): that lock is the other's.
    writeFileSync(path, JSON.stringify({ v: 1, pid: deadProcess(), started: null, token: 'x' }))
    lock.release()
    expect(existsSync(path)).toBe(true)
  })
})
