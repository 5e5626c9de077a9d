import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BATCHES, BATCH_BYTES, PartWriter } from './part-writer'

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

/** Pushes `bytes` in pieces of `piece` bytes, waiting whenever the writer says so. */
async function pushAll(writer: PartWriter, bytes: Buffer, piece: number): Promise<number> {
  let waits = 0
  for (let at = 0; at < bytes.byteLength; at += piece) {
    const taken = writer.push(bytes.subarray(at, at + piece))
    if (taken) {
      waits += 1
      await taken
    }
  }
  return waits
}

describe('PartWriter (a real worker thread and real files)', () => {
  let dir: string
  let writer: PartWriter

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lanroom-part-'))
    writer = new PartWriter()
  })
  afterEach(async () => {
    await writer.terminate()
    await rm(dir, { recursive: true, force: true })
  })

  it('writes what was pushed, in order, and hashes it; the caller waits once its buffers are full', async () => {
    // More than all the buffers together, in pieces the size of TLS records and odd ones.
    const bytes = randomBytes(BATCHES * BATCH_BYTES * 2 + 12_345)
    const path = join(dir, 'a.part')
    expect(await writer.open(path, false)).toBeNull()
    const waits = await pushAll(writer, bytes, 16_384 + 7)
    expect(await writer.close()).toEqual({ hashed: bytes.byteLength, failure: null })
    expect(waits).toBeGreaterThan(0)
    expect((await readFile(path)).equals(bytes)).toBe(true)
    expect(await writer.digest()).toBe(sha256(bytes))
  })

  it('appends after a second open and keeps hashing; rehash covers the start of a file', async () => {
    const first = randomBytes(300_000)
    const second = randomBytes(BATCH_BYTES + 5)
    const path = join(dir, 'b.part')
    await writer.open(path, false)
    await pushAll(writer, first, 65_536)
    expect((await writer.close()).hashed).toBe(first.byteLength)
    await writer.open(path, true)
    await pushAll(writer, second, 16_384)
    expect((await writer.close()).hashed).toBe(first.byteLength + second.byteLength)
    const whole = Buffer.concat([first, second])
    expect((await readFile(path)).equals(whole)).toBe(true)
    expect(await writer.digest()).toBe(sha256(whole))

    expect(await writer.rehash(path, 1000)).toBe(1000)
    expect(await writer.digest()).toBe(sha256(whole.subarray(0, 1000)))
    // A file shorter than asked: the bytes it has.
    expect(await writer.rehash(path, whole.byteLength + 10)).toBe(whole.byteLength)
    writer.reset()
    expect(await writer.digest()).toBe(sha256(Buffer.alloc(0)))
  })

  it('says why a part cannot be opened, or read again', async () => {
    const missing = join(dir, 'no', 'such', 'dir', 'c.part')
    expect((await writer.open(missing, false))?.code).toBe('ENOENT')
    await expect(writer.rehash(missing, 10)).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it.skipIf(!existsSync('/dev/full'))(
    'reports a failed write at once, drops what follows, and still gives its buffers back',
    async () => {
      const failures: (string | null)[] = []
      writer.onFailure = (failure) => failures.push(failure.code)
      expect(await writer.open('/dev/full', false)).toBeNull()
      await pushAll(writer, randomBytes(BATCHES * BATCH_BYTES * 2), 16_384)
      const closed = await writer.close()
      expect(closed.failure?.code).toBe('ENOSPC')
      expect(closed.hashed).toBe(0)
      expect(failures).toEqual(['ENOSPC'])
      // A new file afterwards works as before.
      const path = join(dir, 'd.part')
      await writeFile(path, '')
      expect(await writer.open(path, true)).toBeNull()
      await pushAll(writer, Buffer.from('after'), 16_384)
      expect(await writer.close()).toEqual({ hashed: 5, failure: null })
    },
  )

  it('settles what was asked before it stopped, and fails what is asked after', async () => {
    const path = join(dir, 'e.part')
    await writer.open(path, false)
    const pending = writer.digest().then(
      () => 'answered',
      (error: Error) => error.message,
    )
    await writer.terminate()
    expect(['answered', 'the part writer was stopped']).toContain(await pending)
    await expect(writer.close()).rejects.toThrow(/stopped/)
    await expect(writer.push(Buffer.alloc(BATCH_BYTES * (BATCHES + 1)))).rejects.toThrow(/stopped/)
  })
})
