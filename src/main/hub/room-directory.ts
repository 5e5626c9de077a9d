/**
 * Where a room lives in a data directory: `rooms/<id>/`, found by the room's name in its
 * `meta.json` (id, name, epoch), or made, and locked for the one hub that hosts it (room-lock.ts).
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import type { Logger } from './logger'
import { newRoomId } from './room-id'
import { LOCK_FILE, RoomLock, newToken } from './room-lock'
import { makeDirectory } from '../make-directory'

export const META_FILE = 'meta.json'
export const HISTORY_FILE = 'history.log'

const metaSchema = z.object({
  v: z.literal(1),
  id: z.string().min(1),
  name: z.string().min(1),
  epoch: z.string().min(1),
  createdAt: z.number(),
  /** The budget has dropped the oldest events at least once. */
  trimmed: z.literal(true).optional(),
})
export type RoomMeta = z.infer<typeof metaSchema>

function findRoom(roomsDir: string, name: string): { dir: string; meta: RoomMeta } | null {
  for (const entry of readdirSync(roomsDir)) {
    const dir = join(roomsDir, entry)
    const meta = readMeta(dir)
    if (meta && meta.name === name) return { dir, meta }
  }
  return null
}

/**
 * Finds the room called `name`, or makes it, and locks its directory. Two hubs making it at
 * once would make two rooms of one name (and the next start would open either): whoever holds
 * the name's lock makes it, and, its own directory locked before its meta.json is there for
 * others to find, hosts it.
 */
export function claimRoom(options: { dataDir: string; name: string; logger: Logger }): {
  dir: string
  meta: RoomMeta
  lock: RoomLock
} {
  const { dataDir, name, logger } = options
  const roomsDir = join(dataDir, 'rooms')
  const lockRoom = (dir: string): RoomLock => RoomLock.acquire(join(dir, LOCK_FILE), name, logger)
  makeDirectory(roomsDir)
  const found = findRoom(roomsDir, name)
  // Read again once locked: a hub stopping meanwhile may have rewritten it (a new epoch).
  if (found) {
    const lock = lockRoom(found.dir)
    return { dir: found.dir, meta: readMeta(found.dir) ?? found.meta, lock }
  }
  const key = createHash('sha256').update(name).digest('hex').slice(0, 16)
  const naming = RoomLock.acquire(join(roomsDir, `.new-${key}.lock`), name, logger)
  try {
    const made = findRoom(roomsDir, name)
    if (made) return { ...made, lock: lockRoom(made.dir) }
    const id = newRoomId(12)
    const dir = join(roomsDir, id)
    mkdirSync(dir, { recursive: true })
    const lock = lockRoom(dir)
    try {
      const meta: RoomMeta = { v: 1, id, name, epoch: newToken(), createdAt: Date.now() }
      writeFileSync(join(dir, HISTORY_FILE), '')
      writeMeta(dir, meta)
      logger.info({ roomId: id, dir }, 'created room')
      return { dir, meta, lock }
    } catch (error) {
      lock.release()
      throw error
    }
  } finally {
    naming.release()
  }
}

function readMeta(dir: string): RoomMeta | null {
  try {
    const parsed = metaSchema.safeParse(JSON.parse(readFileSync(join(dir, META_FILE), 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function writeMeta(dir: string, meta: RoomMeta): void {
  const path = join(dir, META_FILE)
  writeFileSync(`${path}.tmp`, JSON.stringify(meta))
  renameSync(`${path}.tmp`, path)
}
