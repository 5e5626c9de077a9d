/**
 * Objects in a clustered room's file store that no file chat names: what a hub leaves behind
 * when it dies between putting a file into the bucket and publishing its chat. Each hub sweeps
 * them, at start (once it has read the room's stream) and then every SWEEP_EVERY_MS; several
 * hubs sweeping at once is harmless (a delete is conditional on the object being the one seen,
 * and a second delete of the same object finds it gone).
 */
import { headers } from '@nats-io/transport-node'
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream'
import type { ObjectInfo, ObjectStore } from '@nats-io/obj'
import type { Logger } from '../hub/logger'
import { OBJECT_NUID, objectChunksSubject, objectRecordSubject } from './names'

/**
 * How old an object must be (by the time its hub put it) before the sweep may take it for an
 * orphan. A hub publishes a file's chat at most REPUT_AFTER_MS (hub-files.ts: 2 min) plus the
 * log's publish timeout (5 s) after it last put the file: a chat that comes later puts the
 * file again first. The rest (~8 min) covers the hubs' clocks disagreeing (the time is the
 * putting hub's) and a hub reading the stream a little behind.
 */
export const ORPHAN_GRACE_MS = 10 * 60_000
/** Between passes: orphans are rare (a hub's crash in a window of seconds), and a pass reads
 * every object's record. */
export const SWEEP_EVERY_MS = 15 * 60_000
/** Objects a pass removes at most; the next pass goes on. */
export const MAX_REMOVALS_PER_PASS = 64
/** How long a pass waits for the hub to have read the stream as far as it stood when the pass
 * began (every chat put before the grace is then applied); a hub further behind skips it. */
const CATCH_UP_WAIT_MS = 10_000
const CATCH_UP_POLL_MS = 100
/** An object's record is a small JSON (name, size, digest, chunk id…): larger is not one. */
const MAX_RECORD_BYTES = 8192

export interface OrphanSweepOptions {
  js: JetStreamClient
  jsm: JetStreamManager
  os: ObjectStore
  /** The bucket's name (`lanroom_files_<roomId>`): its stream is `OBJ_<bucket>`. */
  bucket: string
  /** The room's stream, and how far this hub has read it. */
  log: { stream: string; readonly read: number }
  /** Whether a file chat this hub applied names the object (the room's index of files). */
  named: (id: string) => boolean
  logger: Logger
  graceMs?: number | undefined
  maxRemovals?: number | undefined
  /** True once the hub is closing: the pass stops where it is. */
  stopped?: (() => boolean) | undefined
}

/** What one pass did. */
export interface SweepPass {
  /** False when the hub had not read the room's stream far enough: nothing was removed. */
  ran: boolean
  removed: string[]
}

/** One pass: removes objects older than the grace that no applied file chat names. */
export async function sweepOrphans(options: OrphanSweepOptions): Promise<SweepPass> {
  const { os, log, logger } = options
  const graceMs = options.graceMs ?? ORPHAN_GRACE_MS
  const before = Date.now() - graceMs
  // Every chat of an object put before `before` was published before now: once this hub has
  // read the stream as far as it stands now, the index names every such object that is shared.
  const lastSeq = (await options.jsm.streams.info(log.stream)).state.last_seq
  const stopped = options.stopped ?? (() => false)
  if (!(await readUpTo(log, lastSeq, stopped))) {
    logger.warn({ read: log.read, lastSeq }, 'file store sweep skipped: the room is read behind')
    return { ran: false, removed: [] }
  }
  const removed: string[] = []
  for (const info of await os.list()) {
    if (removed.length >= (options.maxRemovals ?? MAX_REMOVALS_PER_PASS) || stopped()) break
    if (info.deleted || typeof info.name !== 'string' || options.named(info.name)) continue
    const putAt = Date.parse(info.mtime)
    if (Number.isFinite(putAt) && putAt > before) continue
    const gone = await removeIfUnchanged(options, info.name, before)
    if (gone) {
      removed.push(gone.name)
      logger.info(
        { file: gone.name, bucket: options.bucket, putAt: gone.mtime, size: gone.size },
        "removed an object of the room's file store that no file chat names",
      )
    }
  }
  return { ran: true, removed }
}

/** Resolves true once the hub has read the stream up to `seq`, false if it takes too long or
 * the hub stops meanwhile. */
async function readUpTo(
  log: { readonly read: number },
  seq: number,
  stopped: () => boolean,
): Promise<boolean> {
  const deadline = Date.now() + CATCH_UP_WAIT_MS
  while (log.read < seq) {
    if (Date.now() > deadline || stopped()) return false
    await new Promise((resolve) => setTimeout(resolve, CATCH_UP_POLL_MS))
  }
  return true
}

/**
 * Deletes the object as the object store does (its record marked deleted, rolled up, then its
 * chunks purged), but only if its record is still old and still the one read here: a hub that
 * put the file again meanwhile (its chat is coming) keeps it. False when it changed or went.
 */
async function removeIfUnchanged(
  { js, jsm, bucket, logger }: OrphanSweepOptions,
  name: string,
  before: number,
): Promise<ObjectInfo | null> {
  const subject = objectRecordSubject(bucket, name)
  const message = await jsm.streams.getMessage(`OBJ_${bucket}`, { last_by_subj: subject })
  if (!message || message.data.length > MAX_RECORD_BYTES) return null
  const record = message.json<ObjectInfo>()
  const putAt = Date.parse(record.mtime)
  if (record.deleted || record.name !== name || (Number.isFinite(putAt) && putAt > before)) {
    return null
  }
  if (typeof record.nuid !== 'string' || !OBJECT_NUID.test(record.nuid)) return null
  const rollup = headers()
  rollup.set('Nats-Rollup', 'sub')
  const deleted = { ...record, deleted: true, size: 0, chunks: 0, digest: '' }
  try {
    await js.publish(subject, JSON.stringify(deleted), {
      headers: rollup,
      expect: { lastSubjectSequence: message.seq },
    })
  } catch (error) {
    logger.info({ file: name, error: String(error) }, 'file store sweep: the object changed')
    return null
  }
  await jsm.streams.purge(`OBJ_${bucket}`, { filter: objectChunksSubject(bucket, record.nuid) })
  return record
}
