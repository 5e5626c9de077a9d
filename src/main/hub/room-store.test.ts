import {
  appendFileSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SCHEMAS, type ChatEvent } from '../../shared/protocol'
import { tempDir } from '../../../test/support/ws-client'
import { SILENT_LOGGER, type Logger } from './logger'
import { RoomStore } from './room-store'

const dirs: Array<() => void> = []
afterEach(() => dirs.splice(0).forEach((remove) => remove()))

function dataDir(): string {
  const dir = tempDir()
  dirs.push(dir.remove)
  return dir.path
}

function open(path: string, name = 'Room', keep = 10, logger: Logger = SILENT_LOGGER): RoomStore {
  return RoomStore.open({ dataDir: path, name, keep, schemas: SCHEMAS, logger })
}

function chat(seq: number): ChatEvent {
  return {
    type: 'chat',
    seq,
    id: `m${seq}`,
    from: 'client-a',
    name: 'A',
    text: `text ${seq}`,
    ts: 1_700_000_000_000 + seq,
  }
}

function write(store: RoomStore, events: ChatEvent[]): void {
  for (const event of events) store.append(JSON.stringify(event))
  store.flush(() => events)
}

function historyFile(path: string, store: RoomStore): string {
  return join(path, 'rooms', store.meta.id, 'history.log')
}

/** A store in a fresh directory with chats 1, 2 and 3 flushed to its history file. */
function storeOfThree(): { path: string; store: RoomStore; file: string } {
  const path = dataDir()
  const store = open(path)
  write(store, [chat(1), chat(2), chat(3)])
  return { path, store, file: historyFile(path, store) }
}

describe('RoomStore', () => {
  it('keeps the same room id, epoch and history for the same name across reopening', () => {
    const path = dataDir()
    const first = open(path)
    write(first, [chat(1), chat(2)])
    first.close(() => [])
    const second = open(path)
    expect(second.meta).toEqual(first.meta)
    expect(second.loaded).toEqual([chat(1), chat(2)])
    expect(second.recovery).toBeNull()
    const other = open(path, 'Another room')
    expect(other.meta.id).not.toBe(first.meta.id)
    expect(other.loaded).toEqual([])
  })

  it('has every flushed record on disk without close, as after kill -9', () => {
    const { path } = storeOfThree()
    // No close(): the process "dies" here.
    expect(open(path).loaded.map((e) => e.seq)).toEqual([1, 2, 3])
  })

  it('recovers a truncated last record, cuts the file there and starts a new epoch', () => {
    const { path, store, file } = storeOfThree()
    truncateSync(file, statSync(file).size - 7)
    const warnings: string[] = []
    const logger: Logger = { ...SILENT_LOGGER, warn: (_fields, message) => warnings.push(message) }
    const reopened = open(path, 'Room', 10, logger)
    expect(reopened.loaded.map((e) => e.seq)).toEqual([1, 2])
    expect(reopened.recovery).toMatchObject({ keptRecords: 2, reason: 'record 3 is truncated' })
    expect(reopened.recovery?.droppedBytes).toBeGreaterThan(0)
    expect(reopened.meta.id).toBe(store.meta.id)
    expect(reopened.meta.epoch).not.toBe(store.meta.epoch)
    expect(warnings.join()).toContain('kept 2 records')
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true)
    // Appending after recovery continues cleanly.
    write(reopened, [chat(3)])
    expect(open(path).loaded.map((e) => e.seq)).toEqual([1, 2, 3])
  })

  it('stops at a record whose checksum fails, and at garbage', () => {
    const { path, file } = storeOfThree()
    const lines = readFileSync(file, 'utf8').split('\n')
    lines[1] = (lines[1] as string).replace('text 2', 'text X')
    writeFileSync(file, lines.join('\n'))
    const reopened = open(path)
    expect(reopened.loaded.map((e) => e.seq)).toEqual([1])
    expect(reopened.recovery?.reason).toBe('record 2 fails its checksum')
    appendFileSync(file, '\u0000\u0000garbage\n')
    expect(open(path).recovery?.reason).toBe('record 2 fails its checksum')
  })

  it('rejects records out of sequence', () => {
    const path = dataDir()
    const store = open(path)
    write(store, [chat(1), chat(3), chat(2)])
    expect(open(path).loaded.map((e) => e.seq)).toEqual([1, 3])
  })

  it('compacts to the last `keep` records once the file holds twice as many, off the event loop', async () => {
    const path = dataDir()
    const store = open(path, 'Room', 5)
    const all: ChatEvent[] = []
    const add = (seq: number): void => {
      all.push(chat(seq))
      store.append(JSON.stringify(chat(seq)))
      store.flush(() => all)
    }
    for (let seq = 1; seq <= 11; seq++) add(seq)
    // Compaction is under way; what is written meanwhile must not be lost.
    add(12)
    add(13)
    await store.compaction
    const file = historyFile(path, store)
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(7)
    expect(open(path, 'Room', 5).loaded.map((e) => e.seq)).toEqual([9, 10, 11, 12, 13])
    expect(readdirSync(join(path, 'rooms', store.meta.id)).sort()).toEqual([
      'history.log',
      'meta.json',
    ])
    // Appends after the swap go to the new file.
    add(14)
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(8)
  })

  it('leaves the full file in place when closed during a compaction', async () => {
    const path = dataDir()
    const store = open(path, 'Room', 3)
    const all: ChatEvent[] = []
    for (let seq = 1; seq <= 7; seq++) {
      all.push(chat(seq))
      store.append(JSON.stringify(chat(seq)))
      store.flush(() => all)
    }
    store.close(() => all)
    await store.compaction
    expect(open(path, 'Room', 10).loaded.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('starts a new epoch when the history file has gone', () => {
    const path = dataDir()
    const store = open(path)
    write(store, [chat(1)])
    store.close(() => [])
    rmSync(historyFile(path, store))
    const reopened = open(path)
    expect(reopened.meta.id).toBe(store.meta.id)
    expect(reopened.meta.epoch).not.toBe(store.meta.epoch)
    expect(reopened.loaded).toEqual([])
  })
})
