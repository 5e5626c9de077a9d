import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UPLOAD_READ_BYTES, largeReadFileReader } from './file-source'

async function bytesOf(value: unknown): Promise<{ bytes: Buffer; reads: number[] }> {
  if (Buffer.isBuffer(value)) return { bytes: value, reads: [] }
  const reads: number[] = []
  const parts: Buffer[] = []
  for await (const chunk of value as Readable) {
    reads.push((chunk as Buffer).byteLength)
    parts.push(chunk as Buffer)
  }
  return { bytes: Buffer.concat(parts), reads }
}

describe('largeReadFileReader (tus file source over real files)', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lanroom-source-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('gives each slice as a stream of large reads, with its size; the last one says done', async () => {
    const bytes = randomBytes(UPLOAD_READ_BYTES * 2 + 1000)
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
    expect(read.reads[0]).toBe(UPLOAD_READ_BYTES)

    // An end past the file (tus's unbounded chunk) stops at the file's end.
    const rest = await source.slice(UPLOAD_READ_BYTES + 10, Number.POSITIVE_INFINITY)
    expect(rest.done).toBe(true)
    expect((rest.value as { size: number }).size).toBe(bytes.byteLength - UPLOAD_READ_BYTES - 10)
    expect((await bytesOf(rest.value)).bytes.equals(bytes.subarray(UPLOAD_READ_BYTES + 10))).toBe(
      true,
    )
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

  it('refuses anything but a read stream made with a path', async () => {
    await expect(largeReadFileReader.openFile(Buffer.from('x'), 0)).rejects.toThrow(TypeError)
  })
})
