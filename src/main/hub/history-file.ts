import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs'
import type { Schemas, TimelineEvent } from '../../shared/protocol'
import { checkedJson, parseEvent } from './history-record'

/** Bytes read from the file at once while loading. */
const LOAD_CHUNK_BYTES = 4 * 1024 * 1024
/** A longer line is damage: the largest record (a chat at every limit, escaped) is far shorter. */
export const MAX_RECORD_BYTES = 1024 * 1024

export interface LoadResult {
  /** Bytes up to the end of the last good record. */
  goodBytes: number
  totalBytes: number
  /** What stopped the loading before the end ('' when nothing did). */
  reason: string
}

/**
 * Reads history.log record by record, in chunks (the file may be hundreds of megabytes), and
 * gives `visit` every good one with its place, until the first record that is truncated, fails
 * its checksum, is not a timeline event of the protocol, or does not follow its predecessor's seq.
 */
export function loadHistory(
  path: string,
  schemas: Schemas,
  visit: (event: TimelineEvent, offset: number, length: number) => void,
): LoadResult {
  const fd = openSync(path, 'r')
  try {
    const totalBytes = fstatSync(fd).size
    let buffer: Buffer = Buffer.allocUnsafe(Math.min(LOAD_CHUNK_BYTES, Math.max(totalBytes, 1)))
    /** File offset of buffer[0]; bytes of the buffer filled; where the next record starts. */
    let base = 0
    let filled = 0
    let at = 0
    let records = 0
    let lastSeq = 0
    let reason = ''
    for (;;) {
      const newline = buffer.subarray(0, filled).indexOf(0x0a, at)
      if (newline < 0) {
        if (base + filled >= totalBytes) {
          if (at < filled) reason = `record ${records + 1} is truncated`
          break
        }
        if (filled - at >= MAX_RECORD_BYTES) {
          reason = `record ${records + 1} is too long`
          break
        }
        // Keep the partial record, and read on after it.
        buffer.copyWithin(0, at, filled)
        base += at
        filled -= at
        at = 0
        if (filled === buffer.length) buffer = grow(buffer, filled)
        const n = readSync(fd, buffer, filled, buffer.length - filled, base + filled)
        if (n === 0) {
          reason = `record ${records + 1} is truncated`
          break
        }
        filled += n
        continue
      }
      const json = checkedJson(buffer, at, newline)
      if (json === null) {
        reason = `record ${records + 1} fails its checksum`
        break
      }
      const event = parseEvent(json, schemas)
      if (!event || event.seq <= lastSeq) {
        reason = `record ${records + 1} is not a valid event in sequence`
        break
      }
      lastSeq = event.seq
      records += 1
      visit(event, base + at, newline + 1 - at)
      at = newline + 1
    }
    return { goodBytes: base + at, totalBytes, reason }
  } finally {
    closeSync(fd)
  }
}

function grow(buffer: Buffer, keep: number): Buffer {
  const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_RECORD_BYTES * 2))
  buffer.copy(larger, 0, 0, keep)
  return larger
}

/** `length` bytes of the file at `offset`. */
export function readAt(fd: number, offset: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length)
  let done = 0
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, offset + done)
    if (n === 0) throw new Error(`history file ends before byte ${offset + length}`)
    done += n
  }
  return buffer
}

/** Writes all of `data` at `offset` (write(2): the OS has it once this returns). */
export function writeAt(fd: number, data: Buffer, offset: number): void {
  let done = 0
  while (done < data.length) {
    done += writeSync(fd, data, done, data.length - done, offset + done)
  }
}
