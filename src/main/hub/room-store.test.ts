import {
  appendFileSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32 } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { DELETED_TEXT, SCHEMAS, type TimelineEvent } from '../../shared/protocol'
import { tempDir } from '../../../test/support/ws-client'
import { SILENT_LOGGER, type Logger } from './logger'
import { RoomStore, type RoomStoreOptions } from './room-store'
import { RoomLock } from './room-lock'
import { lockOfKilledHub } from './testing/dead-lock'
import { chatAt as chat, deleteAt, editAt, mixedEvents, reactAt } from './testing/timeline-events'

const dirs: Array<() => void> = []
const stores: RoomStore[] = []
afterEach(() => {
  stores.splice(0).forEach((store) => store.close())
  dirs.splice(0).forEach((remove) => remove())
})

function dataDir(): string {
  const dir = tempDir()
  dirs.push(dir.remove)
  return dir.path
}

function open(path: string, options: Partial<RoomStoreOptions> = {}): RoomStore {
  const store = RoomStore.open({
    dataDir: path,
    name: 'Room',
    keep: 10,
    schemas: SCHEMAS,
    logger: SILENT_LOGGER,
    ...options,
  })
  stores.push(store)
  return store
}

function write(store: RoomStore, events: readonly TimelineEvent[]): void {
  for (const event of events) store.append(JSON.stringify(event))
  store.flush()
}

function historyFile(path: string, store: RoomStore): string {
  return join(path, 'rooms', store.meta.id, 'history.log')
}

/** As if the process holding `store` had been killed (kill -9): its room lock stays behind. */
function killed(path: string, store: RoomStore): void {
  lockOfKilledHub(join(path, 'rooms', store.meta.id, 'hub.lock'))
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
    first.close()
    const second = open(path)
    expect(second.meta).toEqual(first.meta)
    expect(second.loaded).toEqual([chat(1), chat(2)])
    expect(second.recovery).toBeNull()
    const other = open(path, { name: 'Another room' })
    expect(other.meta.id).not.toBe(first.meta.id)
    expect(other.loaded).toEqual([])
  })

  it('is open in one store at a time, and made once when two make it at the same moment', () => {
    const path = dataDir()
    const first = open(path)
    expect(() => open(path)).toThrow('the room "Room" is already being hosted')
    first.close()
    open(path).close()
    // Whoever is making a room of the name holds its name's lock until the room is locked.
    mkdirSync(join(path, 'rooms'), { recursive: true })
    const key = createHash('sha256').update('New').digest('hex').slice(0, 16)
    const naming = join(path, 'rooms', `.new-${key}.lock`)
    const making = RoomLock.acquire(naming, 'New', SILENT_LOGGER)
    expect(() => open(path, { name: 'New' })).toThrow('the room "New" is already being hosted')
    making.release()
    // A lock a crash left while making the room is taken over, and let go once it is made.
    lockOfKilledHub(naming)
    const made = open(path, { name: 'New' })
    expect(readdirSync(join(path, 'rooms')).sort()).toEqual([first.meta.id, made.meta.id].sort())
  })

  it('has every flushed record on disk without close, as after kill -9', () => {
    const { path, store } = storeOfThree()
    // No close(): the process "dies" here.
    killed(path, store)
    expect(open(path).loaded.map((e) => e.seq)).toEqual([1, 2, 3])
  })

  it('recovers a truncated last record, cuts the file there and starts a new epoch', () => {
    const { path, store, file } = storeOfThree()
    truncateSync(file, statSync(file).size - 7)
    killed(path, store)
    const warnings: string[] = []
    const logger: Logger = { ...SILENT_LOGGER, warn: (_fields, message) => warnings.push(message) }
    const reopened = open(path, { logger })
    expect(reopened.loaded.map((e) => e.seq)).toEqual([1, 2])
    expect(reopened.recovery).toMatchObject({ keptRecords: 2, reason: 'record 3 is truncated' })
    expect(reopened.recovery?.droppedBytes).toBeGreaterThan(0)
    expect(reopened.meta.id).toBe(store.meta.id)
    expect(reopened.meta.epoch).not.toBe(store.meta.epoch)
    expect(warnings.join()).toContain('kept 2 records')
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true)
    // Appending after recovery continues cleanly.
    write(reopened, [chat(3)])
    killed(path, reopened)
    expect(open(path).loaded.map((e) => e.seq)).toEqual([1, 2, 3])
  })

  it('stops at a record whose checksum fails, and at garbage', () => {
    const { path, store, file } = storeOfThree()
    const lines = readFileSync(file, 'utf8').split('\n')
    lines[1] = (lines[1] as string).replace('text 2', 'text X')
    writeFileSync(file, lines.join('\n'))
    killed(path, store)
    const reopened = open(path)
    expect(reopened.loaded.map((e) => e.seq)).toEqual([1])
    expect(reopened.recovery?.reason).toBe('record 2 fails its checksum')
    appendFileSync(file, '\u0000\u0000garbage\n')
    killed(path, reopened)
    expect(open(path).recovery?.reason).toBe('record 2 fails its checksum')
  })

  it('stops at records out of sequence and at events that are not of the protocol', () => {
    const path = dataDir()
    const store = open(path)
    write(store, [chat(1), chat(3)])
    appendFileSync(historyFile(path, store), `00000000 {"type":"chat"}\n`)
    killed(path, store)
    const reopened = open(path)
    expect(reopened.loaded.map((e) => e.seq)).toEqual([1, 3])
    expect(reopened.recovery?.reason).toBe('record 3 fails its checksum')
    expect(() => reopened.append(JSON.stringify(chat(2)))).toThrow('seq 2 is not above 3')
  })

  it('reads a history file written before padding existed (chats only)', () => {
    const path = dataDir()
    const store = open(path)
    store.close()
    const lines = [chat(1, 'hi'), chat(2, 'yo')].map((event) => {
      const json = JSON.stringify(event)
      return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`
    })
    writeFileSync(historyFile(path, store), lines.join(''))
    const reopened = open(path)
    expect(reopened.loaded).toEqual([chat(1, 'hi'), chat(2, 'yo')])
    // Too short for "message deleted": the text is overwritten all the same.
    reopened.redact([1])
    const bytes = readFileSync(historyFile(path, store), 'utf8')
    expect(bytes).not.toContain('"hi"')
    expect(bytes.length).toBe(lines.join('').length)
    reopened.close()
    expect(open(path).loaded.map((e) => e.seq)).toEqual([1, 2])
  })

  it('keeps events of all five kinds, streams each at open and loads the last `keep`', () => {
    const path = dataDir()
    const events = mixedEvents(30)
    const store = open(path)
    write(store, events)
    store.close()
    const streamed: TimelineEvent[] = []
    const reopened = open(path, { keep: 7, onRecord: (event) => streamed.push(event) })
    expect(streamed).toEqual(events)
    expect(reopened.loaded).toEqual(events.slice(-7))
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['chat', 'react', 'unreact', 'edit']),
    )
  })

  it('answers isChat, chatFrom, chatsBefore, chatsAfter and read from its index', () => {
    const path = dataDir()
    const store = open(path)
    const events = [
      chat(1),
      chat(2, 'two', 'client-b'),
      reactAt(3, 1),
      chat(4),
      editAt(5, 4, 'four'),
      chat(6),
    ]
    for (const event of events) store.append(JSON.stringify(event))
    // Before any flush: the index knows appended records already.
    expect(store.isChat(4)).toBe(true)
    expect(store.isChat(3)).toBe(false)
    expect(store.isChat(7)).toBe(false)
    expect(store.chatFrom(2)).toBe('client-b')
    expect(store.chatFrom(3)).toBeUndefined()
    expect(store.chatsBefore(Infinity, 2)).toEqual([4, 6])
    expect(store.chatsBefore(4, 10)).toEqual([1, 2])
    expect(store.chatsBefore(1, 10)).toEqual([])
    expect(store.chatsAfter(0, 3)).toEqual([1, 2, 4])
    expect(store.chatsAfter(2, 10)).toEqual([4, 6])
    expect(store.chatsAfter(6, 10)).toEqual([])
    expect(store.firstChatSeq).toBe(1)
    expect(store.trimmed).toBe(false)
    expect(store.read([6, 3, 99, 1, 5])).toEqual([events[5], events[2], events[0], events[4]])
    store.close()
    const reopened = open(path)
    expect(reopened.read([2, 4])).toEqual([events[1], events[3]])
    expect(reopened.chatFrom(2)).toBe('client-b')
  })

  it('reads records through the protocol schema, as at open (names of older rules repaired)', () => {
    const store = open(dataDir())
    store.append(JSON.stringify({ ...chat(1), name: 'Ada\u200b' }))
    expect(store.read([1])).toEqual([{ ...chat(1), name: 'Ada' }])
  })

  it('pages back to the first message through 20,000 events of every kind', () => {
    const path = dataDir()
    const events = mixedEvents(20_000)
    const store = open(path)
    write(store, events)
    store.close()
    const reopened = open(path)
    const chats = events.filter((e) => e.type === 'chat')
    const seen: TimelineEvent[] = []
    for (let before = Infinity; ;) {
      const seqs = reopened.chatsBefore(before, 200)
      if (seqs.length === 0) break
      seen.unshift(...reopened.read(seqs))
      before = seqs[0] as number
    }
    expect(seen).toEqual(chats)
    expect(reopened.firstChatSeq).toBe(1)
    const forward: number[] = []
    for (let after = 0; ;) {
      const seqs = reopened.chatsAfter(after, 200)
      if (seqs.length === 0) break
      forward.push(...seqs)
      after = seqs.at(-1) as number
    }
    expect(forward).toEqual(chats.map((c) => c.seq))
  })

  it('drops the oldest events past its budget, off the event loop, and says so across restarts', async () => {
    const path = dataDir()
    const drops: number[] = []
    const store = open(path, { budget: { events: 100, bytes: 1e9 }, onDrop: (n) => drops.push(n) })
    const events = mixedEvents(111)
    write(store, events)
    // Compaction is under way: what is appended and redacted meanwhile must not be lost.
    const more = [chat(112, 'written during the compaction'), chat(113, 'secret words')]
    write(store, more)
    store.redact([113])
    expect(store.trimmed).toBe(false)
    await store.compacted
    // Down to the budget as it stood when the compaction began (111 events).
    expect(drops).toEqual([11])
    expect(store.trimmed).toBe(true)
    const kept = [...events, ...more].slice(11)
    const firstChat = kept.find((e) => e.type === 'chat')?.seq
    expect(store.firstChatSeq).toBe(firstChat)
    expect(store.isChat(1)).toBe(false)
    expect(store.chatsBefore(Infinity, 1000)).toEqual(
      kept.filter((e) => e.type === 'chat').map((e) => e.seq),
    )
    // The index follows the new offsets.
    expect(store.read([12, 50, 112])).toEqual([events[11], events[49], more[0]])
    const file = historyFile(path, store)
    expect(readFileSync(file, 'utf8')).not.toContain('secret words')
    expect(readdirSync(join(path, 'rooms', store.meta.id)).sort()).toEqual([
      'history.log',
      'hub.lock',
      'meta.json',
    ])
    // Appends after the swap go to the new file.
    write(store, [chat(114)])
    store.close()
    const reopened = open(path, { keep: 1000 })
    expect(reopened.trimmed).toBe(true)
    expect(reopened.meta.trimmed).toBe(true)
    expect(reopened.loaded.map((e) => e.seq)).toEqual([...kept.map((e) => e.seq), 114])
    expect(reopened.read([113])).toMatchObject([{ text: DELETED_TEXT, deleted: true }])
  })

  it('keeps file chats whole through restarts and compaction, and drops the file on delete', async () => {
    const path = dataDir()
    const store = open(path, { budget: { events: 100, bytes: 1e9 } })
    const file = {
      id: '9f2c4e71b0a85d36c1e9f47a20b6d853',
      name: 'report «final».pdf',
      size: 2048,
      type: 'application/pdf',
      sha256: 'a'.repeat(64),
      width: 10,
      height: 20,
      thumb: 'iVBORw0KGgo',
    }
    const events = mixedEvents(111)
    const shared = { ...chat(112, 'a caption'), file }
    const gone = { ...chat(113, 'report.pdf'), file: { ...file, id: 'b'.repeat(32) } }
    write(store, [...events, shared, gone])
    store.redact([113])
    await store.compacted
    expect(store.read([112])).toEqual([shared])
    const [redactedChat] = store.read([113])
    expect(redactedChat).toMatchObject({ text: DELETED_TEXT, deleted: true })
    expect(redactedChat).not.toHaveProperty('file')
    expect(readFileSync(historyFile(path, store), 'utf8')).not.toContain(gone.file.id)
    store.close()
    const reopened = open(path, { keep: 1000 })
    expect(reopened.read([112])).toEqual([shared])
    expect(reopened.loaded.find((e) => e.seq === 112)).toEqual(shared)
  })

  it('keeps within its byte budget', async () => {
    const path = dataDir()
    const store = open(path, { budget: { events: 1e6, bytes: 10_000 } })
    write(store, mixedEvents(200))
    await store.compacted
    expect(statSync(historyFile(path, store)).size).toBeLessThanOrEqual(10_000)
    expect(store.stats.bytes).toBe(statSync(historyFile(path, store)).size)
    expect(store.trimmed).toBe(true)
    expect(store.read([200])).toEqual(mixedEvents(200).slice(-1))
  })

  it('keeps the full file when a compaction fails, and waits before trying again', async () => {
    const path = dataDir()
    const warnings: string[] = []
    const logger: Logger = { ...SILENT_LOGGER, warn: (_fields, message) => warnings.push(message) }
    const store = open(path, { budget: { events: 3, bytes: 1e9 }, logger })
    // The copy cannot be created.
    mkdirSync(`${historyFile(path, store)}.tmp`)
    write(
      store,
      [1, 2, 3, 4, 5].map((seq) => chat(seq)),
    )
    await store.compacted
    write(
      store,
      [6, 7].map((seq) => chat(seq)),
    )
    await store.compacted
    expect(warnings).toEqual(['history compaction failed'])
    expect(store.trimmed).toBe(false)
    expect(store.read([1, 7])).toEqual([chat(1), chat(7)])
    store.close()
    expect(open(path, { keep: 100 }).loaded.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('leaves the full file in place when closed during a compaction', async () => {
    const path = dataDir()
    const store = open(path, { budget: { events: 3, bytes: 1e9 } })
    write(
      store,
      [1, 2, 3, 4, 5, 6, 7].map((seq) => chat(seq)),
    )
    store.close()
    await store.compacted
    expect(open(path).loaded.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('removes the text of a deleted chat and its edits from the file, in place', () => {
    const path = dataDir()
    const store = open(path)
    const events = [
      chat(1, 'hi'),
      chat(2, 'Keep this one', 'client-b'),
      editAt(3, 1, 'hello there'),
      reactAt(4, 1),
      chat(5, 'x'.repeat(300)),
      deleteAt(6, 1),
    ]
    write(store, events)
    const file = historyFile(path, store)
    const before = readFileSync(file)
    store.redact([1, 3, 4, 99])
    const after = readFileSync(file)
    expect(after.length).toBe(before.length)
    const text = after.toString('utf8')
    expect(text).not.toContain('"hi"')
    expect(text).not.toContain('hello there')
    expect(text).toContain('Keep this one')
    expect(store.read([1, 3, 4])).toEqual([
      { ...events[0], text: DELETED_TEXT, deleted: true },
      { ...events[2], text: DELETED_TEXT },
      events[3],
    ])
    // Redacting twice changes nothing.
    store.redact([1, 3])
    expect(readFileSync(file)).toEqual(after)
    store.close()
    const reopened = open(path)
    expect(reopened.recovery).toBeNull()
    expect(reopened.loaded[0]).toEqual({ ...events[0], text: DELETED_TEXT, deleted: true })
    expect(reopened.loaded[4]).toEqual(events[4])
  })

  it('removes at open the text a kill -9 left between a delete and its redaction', () => {
    const path = dataDir()
    const store = open(path)
    write(store, [chat(1, 'private'), editAt(2, 1, 'more private'), deleteAt(3, 1)])
    // No redact: the process "died" after writing the delete.
    killed(path, store)
    const reopened = open(path)
    const text = readFileSync(historyFile(path, store), 'utf8')
    expect(text).not.toContain('private')
    expect(reopened.loaded.slice(0, 2)).toMatchObject([
      { text: DELETED_TEXT, deleted: true },
      { text: DELETED_TEXT },
    ])
  })

  it('starts a new epoch when the history file has gone', () => {
    const path = dataDir()
    const store = open(path)
    write(store, [chat(1)])
    store.close()
    rmSync(historyFile(path, store))
    const reopened = open(path)
    expect(reopened.meta.id).toBe(store.meta.id)
    expect(reopened.meta.epoch).not.toBe(store.meta.epoch)
    expect(reopened.loaded).toEqual([])
  })

  it('keeps read positions in reads.json', () => {
    const path = dataDir()
    const store = open(path)
    expect(store.loadReads()).toEqual([])
    store.saveReads([{ clientId: 'client-a', seq: 3 }])
    store.saveReads([{ clientId: 'client-a', seq: 5 }])
    store.close()
    expect(open(path).loadReads()).toEqual([{ clientId: 'client-a', seq: 5 }])
  })

  it('survives kill -9 while appending, redacting and compacting', async () => {
    const path = dataDir()
    const here = (file: string): string =>
      JSON.stringify(fileURLToPath(new URL(file, import.meta.url)))
    // Chats of secret text; every tenth is deleted (and redacted) before it is acknowledged;
    // the budget makes the file compact again and again.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '--eval',
        `
        import { RoomStore } from ${here('./room-store.ts')}
        import { SCHEMAS } from ${here('../../shared/protocol/index.ts')}
        import { SILENT_LOGGER } from ${here('./logger.ts')}
        import { chatAt, deleteAt } from ${here('./testing/timeline-events.ts')}
        const store = RoomStore.open({ dataDir: process.env.DATA_DIR, name: 'Room',
          schemas: SCHEMAS, logger: SILENT_LOGGER, budget: { events: 500, bytes: 1e9 } })
        let seq = 0
        const tick = () => {
          for (let k = 0; k < 10; k++) {
            seq += 1
            store.append(JSON.stringify(chatAt(seq, 'secret ' + seq)))
            if (seq % 10 === 0) {
              seq += 1
              store.append(JSON.stringify(deleteAt(seq, seq - 1)))
              store.flush()
              store.redact([seq - 1])
            }
          }
          store.flush()
          process.stdout.write(seq + ' ' + store.trimmed + '\\n')
          setImmediate(tick)
        }
        tick()
        `,
      ],
      { env: { ...process.env, DATA_DIR: path }, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const acked = await new Promise<number>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += String(chunk)
        const [last, trimmed] = (out.trim().split('\n').at(-1) ?? '').split(' ')
        // At least one compaction has replaced the file.
        if (Number(last) >= 3000 && trimmed === 'true') {
          child.kill('SIGKILL')
          resolve(Number(last))
        }
      })
      child.on('error', reject)
      child.on('exit', (code) => reject(new Error(`child exited (${code}) before the kill`)))
    }).catch((error: unknown) => {
      child.kill('SIGKILL')
      throw error
    })
    await new Promise((resolve) => child.once('exit', resolve))
    const dir = join(path, 'rooms', readdirSync(join(path, 'rooms'))[0] as string)
    const raw = readFileSync(join(dir, 'history.log'), 'utf8')
    // Every acknowledged delete had redacted its chat.
    for (let deleted = 10; deleted < acked - 1; deleted += 10) {
      expect(raw).not.toContain(`"secret ${deleted}"`)
    }
    const store = open(path, { keep: 100_000 })
    const seqs = store.loaded.map((e) => e.seq)
    expect(seqs.at(-1)).toBeGreaterThanOrEqual(acked)
    // Whole from the first kept seq on: nothing acknowledged is missing.
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => (seqs[0] as number) + i))
    expect(seqs.length).toBeGreaterThanOrEqual(500)
    expect(store.trimmed).toBe(true)
    expect(readdirSync(dir)).not.toContain('history.log.tmp')
    for (const event of store.loaded) {
      if (event.type === 'delete')
        expect(store.read([event.target])).toMatchObject([{ deleted: true }])
    }
  })
})
