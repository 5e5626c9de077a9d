import { readdir } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startTusHub, type TusHub } from '../../../test/support/tus-hub'
import { FileError } from './errors'
import type { FileTarget } from './target'
import { terminateUpload } from './terminate'

describe('terminateUpload (tus DELETE over pinned TLS, real @tus/server on loopback)', () => {
  let hub: TusHub

  beforeEach(async () => {
    hub = await startTusHub()
    hub.tokens.add('good-token')
  })
  afterEach(() => hub.close())

  const target = (token: string | null = 'good-token'): FileTarget => ({
    origin: hub.origin,
    fingerprint: hub.fingerprint,
    token: () => token,
  })

  /** An unfinished upload on a plain-http test hub, by a raw tus POST (fetch takes no pinned
   * certificate). */
  async function created(on: TusHub): Promise<string> {
    const response = await fetch(`${on.origin}/files`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer good-token',
        'tus-resumable': '1.0.0',
        'upload-length': '100',
        'upload-metadata': `sha256 ${Buffer.from('0'.repeat(64)).toString('base64')}`,
      },
    })
    expect(response.status).toBe(201)
    return new URL(response.headers.get('location') ?? '', on.origin).href
  }

  it('deletes the upload, and takes one already gone as done', async () => {
    const plain = await startTusHub({ tls: false })
    plain.tokens.add('good-token')
    try {
      const to: FileTarget = { origin: plain.origin, fingerprint: null, token: () => 'good-token' }
      const url = await created(plain)
      expect((await readdir(plain.dir)).length).toBe(2)
      await terminateUpload(to, url)
      expect(await readdir(plain.dir)).toEqual([])
      await vi.waitFor(() => expect(plain.log.at(-1)).toMatch(/^DELETE \/files\/\w+ 204$/))
      await terminateUpload(to, url)
      await vi.waitFor(() => expect(plain.log.at(-1)).toMatch(/^DELETE \/files\/\w+ 404$/))
    } finally {
      await plain.close()
    }
  })

  it('goes over the pinned TLS connection', async () => {
    await terminateUpload(target(), `${hub.origin}/files/0123456789abcdef0123456789abcdef`)
    await vi.waitFor(() =>
      expect(hub.log).toEqual(['DELETE /files/0123456789abcdef0123456789abcdef 404']),
    )
  })

  it('refuses without a credential, with a refused one, and for another address', async () => {
    const url = `${hub.origin}/files/0123456789abcdef0123456789abcdef`
    await expect(terminateUpload(target(null), url)).rejects.toMatchObject({
      code: 'unauthorized',
    })
    await expect(terminateUpload(target('bad'), url)).rejects.toMatchObject({
      code: 'unauthorized',
      status: 401,
    })
    await expect(
      terminateUpload(target(), 'https://192.0.2.1:9/files/0123456789abcdef0123456789abcdef'),
    ).rejects.toBeInstanceOf(FileError)
    await vi.waitFor(() =>
      expect(hub.log).toEqual(['DELETE /files/0123456789abcdef0123456789abcdef 401']),
    )
  })
})
