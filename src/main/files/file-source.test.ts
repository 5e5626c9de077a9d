import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  FileSlice,
  UPLOAD_READ_BUFFERS,
  UPLOAD_READ_BYTES,
  largeReadFileReader,
} from './file-source'

/** The bytes a slice writes (each write's bytes copied as the socket would), its writes' sizes
 * and the progress it told. */
async function bytesOf(
  value: unknown,
): Promise<{ bytes: Buffer; writes: number[]; progress: number[] }> {
  if (Buffer.isBuffer(value)) return { bytes: value, writes: [], progress: [] }
  if (!(value instanceof FileSlice)) throw new TypeError('not a slice')
  const writes: number[] = []
  const parts: Buffer[] = []
  const progress: number[] = []
  const out = new Writable({
    highWaterMark: 0,
    write(chunk: Buffer, _encoding, callback) {
      writes.push(chunk.byteLength)
      parts.push(Buffer.from(chunk))
      // Taken a moment later, as a socket would: the buffer must not be read into meanwhile.
      setImmediate(callback)
    },
  })
  await value.writeTo(out, (sent) => progress.push(sent))
  return { bytes: Buffer.concat(parts), writes, progress }
}

describe('largeReadFileReader (tus file source over real files)', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lanroom-source-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('gives each slice with its size, written in large reads from reused buffers; the last one says done', async () => {
    const bytes = randomBytes(UPLOAD_READ_BYTES * (UPLOAD_READ_BUFFERS + 2) + 1000)
    const path = join(dir, 'f.bin')
    await writeFile(path, bytes)
    const input = createReadStream(path)
    const source = await largeReadFileReader.openFile(input, 0)
    expect(source.size).toBe(bytes.byteLength)

    const first = await source.slice(0, UPLOAD_READ_BYTES + 10)
    expect(first.done).toBe(false)
    expect((first.value as { size: number }).size).toBe(UPLOAD_READ_BYTES + 10)
    const read = await bytesOf(first.value)
    expect(read.bytes.equals(bytes.subarray(0, UPLOAD_READ_BYTES + 10))).toBe(true)
    expect(read.writes).toEqual([UPLOAD_READ_BYTES, 10])
    expect(read.progress.at(-1)).toBe(UPLOAD_READ_BYTES + 10)

    // An end past the file (tus's unbounded chunk) stops at the file's end.
    const rest = await source.slice(UPLOAD_READ_BYTES + 10, Number.POSITIVE_INFINITY)
    expect(rest.done).toBe(true)
    expect((rest.value as { size: number }).size).toBe(bytes.byteLength - UPLOAD_READ_BYTES - 10)
    // More steps than buffers: each buffer is read into again only once its bytes were taken.
    const restRead = await bytesOf(rest.value)
    expect(restRead.writes.length).toBeGreaterThan(UPLOAD_READ_BUFFERS)
    expect(restRead.bytes.equals(bytes.subarray(UPLOAD_READ_BYTES + 10))).toBe(true)
    source.close()
    expect(input.destroyed).toBe(true)
  })

  it('gives an empty file as one empty, finished slice', async () => {
    const path = join(dir, 'empty.bin')
    await writeFile(path, '')
    const source = await largeReadFileReader.openFile(createReadStream(path), 0)
    const slice = await source.slice(0, 1024)
    expect(slice.done).toBe(true)
    expect((await bytesOf(slice.value)).bytes.byteLength).toBe(0)
    source.close()
  })

  it('fails a slice longer than the file, and one whose request closed', async () => {
    const path = join(dir, 'short.bin')
    await writeFile(path, randomBytes(1000))
    await expect(bytesOf(new FileSlice(path, 0, 2000))).rejects.toThrow(/shorter/)
    const closed = new Writable({ write: (_chunk, _encoding, callback) => void callback })
    const writing = new FileSlice(path, 0, 1000).writeTo(closed, () => {})
    setImmediate(() => closed.destroy())
    await expect(writing).rejects.toThrow()
  })

  it('refuses anything but a read stream made with a path', async () => {
    await expect(largeReadFileReader.openFile(Buffer.from('x'), 0)).rejects.toThrow(TypeError)
  })
})
