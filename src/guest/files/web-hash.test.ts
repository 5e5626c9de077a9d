import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashBlob } from './web-hash'

describe('hashBlob (the page’s SHA-256 over File.slice chunks)', () => {
  it('gives the SHA-256 of the whole file, chunk by chunk, with progress up to its size', async () => {
    const bytes = randomBytes(10_000 + 17)
    const seen: number[] = []
    const hex = await hashBlob(
      new Blob([bytes]),
      { onProgress: (done, total) => seen.push(done, total) },
      1000,
    )
    expect(hex).toBe(createHash('sha256').update(bytes).digest('hex'))
    const done = seen.filter((_, index) => index % 2 === 0)
    expect(done).toHaveLength(11)
    expect(done.at(-1)).toBe(bytes.length)
    expect([...done].sort((a, b) => a - b)).toEqual(done)
    expect(new Set(seen.filter((_, index) => index % 2 === 1))).toEqual(new Set([bytes.length]))
  })

  it('hashes an empty file', async () => {
    await expect(hashBlob(new Blob([]))).resolves.toBe(createHash('sha256').digest('hex'))
  })

  it('stops between chunks when cancelled', async () => {
    const abort = new AbortController()
    const hashing = hashBlob(
      new Blob([randomBytes(5000)]),
      { signal: abort.signal, onProgress: () => abort.abort() },
      1000,
    )
    await expect(hashing).rejects.toMatchObject({ code: 'cancelled' })
  })

  it('says so when the file can no longer be read', async () => {
    const broken = {
      size: 10,
      slice: () => ({ arrayBuffer: () => Promise.reject(new Error('NotReadableError')) }),
    } as unknown as Blob
    await expect(hashBlob(broken)).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/Could not read the file/),
    })
  })
})
