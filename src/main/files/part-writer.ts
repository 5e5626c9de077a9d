/**
 * Writes a download's bytes to its part file and hashes them (SHA-256) on a worker thread, so
 * that the thread reading the socket does nothing else. Profiled on a 512 MiB download (load 14,
 * two cores), the main thread spent 22% of the transfer in the hash and 13% collecting the
 * garbage of a write stream that kept 16 KiB records for a while: together more than receiving
 * itself, and all of it one after the other with the socket. Here the socket's chunks are copied
 * into the slots of one shared buffer, which the worker writes and hashes from and then gives
 * back: at most BATCHES × BATCH_BYTES wait for the disk, and the socket is read no further
 * meanwhile. (Buffers transferred to the worker and back instead each came back as a new
 * ArrayBuffer, more external memory for the garbage collector to chase.)
 *
 * The worker's source is plain JavaScript run with `eval`: it is bundled with nothing, so it
 * runs the same from the sources (tests, tsx) and from the built app and CLI.
 */
import { Worker } from 'node:worker_threads'

/** Bytes per buffer sent to the worker: one write and one hash update each. */
export const BATCH_BYTES = 1024 * 1024
/** Buffers in all: at most this many are on their way to the disk at once (8 MiB, as the write
 * stream before it buffered). */
export const BATCHES = 8

/** A write, open or read that failed on the worker: the fields of Node's error that say why. */
export interface PartFailure {
  code: string | null
  syscall: string | null
  message: string
}

type Reply = { id: number; failure: PartFailure | null; hashed: number; hex: string }
type FromWorker =
  ({ op: 'reply' } & Reply) | { op: 'free'; slot: number } | { op: 'failed'; failure: PartFailure }

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads')
const { closeSync, openSync, readSync, writeSync } = require('node:fs')
const { createHash } = require('node:crypto')
const { shared } = require('node:worker_threads').workerData
let hash = createHash('sha256')
let hashed = 0
let fd = null
let failure = null
const failed = (e) => ({ code: e && e.code ? String(e.code) : null,
  syscall: e && e.syscall ? String(e.syscall) : null, message: String(e && e.message) })
const reply = (id, extra) => parentPort.postMessage({ op: 'reply', id, failure, hashed, hex: '', ...extra })
const closeFile = () => { if (fd !== null) { const f = fd; fd = null; closeSync(f) } }
parentPort.on('message', (m) => {
  try {
    if (m.op === 'chunk') {
      const bytes = Buffer.from(shared, m.slot * ${BATCH_BYTES}, m.length)
      if (fd !== null && failure === null) {
        for (let at = 0; at < m.length; ) at += writeSync(fd, bytes, at, m.length - at)
        hash.update(bytes)
        hashed += m.length
      }
      parentPort.postMessage({ op: 'free', slot: m.slot })
      return
    }
    if (m.op === 'open') {
      closeFile()
      failure = null
      fd = openSync(m.path, m.append ? 'a' : 'w')
    } else if (m.op === 'close') {
      closeFile()
    } else if (m.op === 'reset') {
      hash = createHash('sha256')
      hashed = 0
    } else if (m.op === 'rehash') {
      hash = createHash('sha256')
      hashed = 0
      failure = null
      const f = openSync(m.path, 'r')
      try {
        const block = Buffer.allocUnsafe(${BATCH_BYTES})
        while (hashed < m.length) {
          const n = readSync(f, block, 0, Math.min(block.length, m.length - hashed), hashed)
          if (n === 0) break
          hash.update(block.subarray(0, n))
          hashed += n
        }
      } finally {
        closeSync(f)
      }
    } else if (m.op === 'digest') {
      reply(m.id, { hex: hash.digest('hex') })
      hash = createHash('sha256')
      hashed = 0
      return
    }
    reply(m.id)
  } catch (e) {
    if (m.op === 'chunk') {
      failure = failed(e)
      parentPort.postMessage({ op: 'failed', failure })
      parentPort.postMessage({ op: 'free', slot: m.slot })
    } else {
      failure = failed(e)
      reply(m.id)
    }
  }
})
`

/**
 * One download's writer: `open` a part file, `push` the bytes in order, `close`; the SHA-256 of
 * everything written since the last `reset` (or `rehash`) stays on the worker until `digest`.
 * Requests are answered in the order they were made (one port, one thread).
 */
export class PartWriter {
  private readonly worker: Worker
  private readonly shared = new SharedArrayBuffer(BATCHES * BATCH_BYTES)
  /** The slots the worker gave back (or never had). */
  private readonly free: number[] = []
  private slot = -1
  private current: Buffer | null = null
  private filled = 0
  private wakeUp: (() => void) | null = null
  private readonly pending = new Map<
    number,
    { resolve: (reply: Reply) => void; reject: (error: Error) => void }
  >()
  private nextId = 0
  private dead: Error | null = null
  /** Told when a write fails on the worker (the bytes after it are dropped). */
  onFailure: ((failure: PartFailure) => void) | null = null

  constructor() {
    for (let i = BATCHES - 1; i >= 0; i -= 1) this.free.push(i)
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { shared: this.shared } })
    this.worker.on('message', (message: FromWorker) => this.onMessage(message))
    this.worker.on('error', (error) => this.die(error))
    this.worker.on('exit', () => this.die(new Error('the part writer stopped')))
  }

  /** Opens `path` for the bytes that follow, appending or from its start. */
  async open(path: string, append: boolean): Promise<PartFailure | null> {
    return (await this.request({ op: 'open', path, append })).failure
  }

  /** Copies `chunk` in (it may be used again once this returns). Null when it was taken at
   * once; otherwise a promise that resolves once it was (a slot came back from the disk): push
   * nothing more before. */
  push(chunk: Buffer): Promise<void> | null {
    let at = 0
    while (at < chunk.byteLength) {
      if (this.current === null) {
        const slot = this.free.pop()
        // The rest is copied aside: the caller's buffer is read into again meanwhile.
        if (slot === undefined) return this.pushLater(Buffer.from(chunk.subarray(at)))
        this.slot = slot
        this.current = Buffer.from(this.shared, slot * BATCH_BYTES, BATCH_BYTES)
        this.filled = 0
      }
      const copied = chunk.copy(this.current, this.filled, at)
      this.filled += copied
      at += copied
      if (this.filled === this.current.byteLength) this.send()
    }
    return null
  }

  /** Sends what is buffered, closes the file; resolves with the bytes hashed, once the worker
   * has written (or failed to write) everything pushed before. */
  async close(): Promise<{ hashed: number; failure: PartFailure | null }> {
    if (this.filled > 0) this.send()
    const { hashed, failure } = await this.request({ op: 'close' })
    return { hashed, failure }
  }

  /** Starts a new hash: the bytes written from now on. */
  reset(): void {
    this.post({ op: 'reset', id: -1 })
  }

  /** Starts a new hash of the first `length` bytes of `path` (read on the worker); resolves
   * with the bytes it covers (fewer when the file is shorter). */
  async rehash(path: string, length: number): Promise<number> {
    const { hashed, failure } = await this.request({ op: 'rehash', path, length })
    if (failure) throw Object.assign(new Error(failure.message), failure)
    return hashed
  }

  /** The SHA-256 (hex) of what was hashed; a new hash starts after it. */
  async digest(): Promise<string> {
    return (await this.request({ op: 'digest' })).hex
  }

  async terminate(): Promise<void> {
    this.dead ??= new Error('the part writer was stopped')
    await this.worker.terminate()
  }

  private async pushLater(rest: Buffer): Promise<void> {
    while (this.free.length === 0) {
      if (this.dead) throw this.dead
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve
      })
    }
    await this.push(rest)
  }

  private send(): void {
    if (this.current === null) return
    this.current = null
    this.worker.postMessage({ op: 'chunk', slot: this.slot, length: this.filled })
    this.filled = 0
  }

  private request(message: Record<string, unknown>): Promise<Reply> {
    if (this.dead) return Promise.reject(this.dead)
    const id = this.nextId
    this.nextId += 1
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.post({ ...message, id })
    })
  }

  private post(message: Record<string, unknown>): void {
    if (!this.dead) this.worker.postMessage(message)
  }

  private onMessage(message: FromWorker): void {
    if (message.op === 'free') {
      this.free.push(message.slot)
      const wake = this.wakeUp
      this.wakeUp = null
      wake?.()
    } else if (message.op === 'failed') {
      this.onFailure?.(message.failure)
    } else {
      const waiting = this.pending.get(message.id)
      this.pending.delete(message.id)
      waiting?.resolve(message)
    }
  }

  private die(error: Error): void {
    this.dead ??= error
    for (const waiting of this.pending.values()) waiting.reject(this.dead)
    this.pending.clear()
    const wake = this.wakeUp
    this.wakeUp = null
    wake?.()
  }
}
