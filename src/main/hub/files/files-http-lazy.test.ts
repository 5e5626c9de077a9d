import { describe, expect, it, vi } from 'vitest'
import {
  createUpload,
  fileRequest,
  sha256Hex,
  patchUpload,
} from '../../../../test/support/file-http'
import { cid } from '../../../../test/support/ws-client'
import { useHubFixture } from '../testing/hub-fixture'

// The upload server (@tus/server, about 5 MB of the hub's memory with what it loads) is loaded
// by the first request that needs it, not when the hub starts (files-http.ts). This counts the
// times the real package is loaded.

const loads = vi.hoisted(() => ({ server: 0 }))
vi.mock('@tus/server', async (importOriginal) => {
  loads.server += 1
  return importOriginal()
})

const { hubWith, client } = useHubFixture()

describe('files: the upload server', () => {
  it('is loaded by the first upload, not by the hub, and then serves every upload', async () => {
    const { hub, url } = await hubWith({ hostClientId: cid('host'), files: {} })
    const welcome = await client(url).join('ada', cid('ada'))
    const token = welcome.files?.token ?? ''
    // A hub with files, a member with a credential, a download of a file that is not there:
    // none of it needs the upload server.
    const missing = await fileRequest(hub.port, {
      method: 'GET',
      path: `/files/${'a'.repeat(32)}`,
      token,
    })
    expect(missing.status).toBe(404)
    expect(loads.server).toBe(0)

    // Two uploads created at once, while it loads: both are created, and it loads once.
    const bytes = [Buffer.from('first file'), Buffer.from('second file')]
    const created = await Promise.all(
      bytes.map((b) => createUpload(hub.port, token, b.length, { sha256: sha256Hex(b) })),
    )
    expect(created.map((c) => c.response.status)).toEqual([201, 201])
    expect(loads.server).toBe(1)
    for (const [i, c] of created.entries()) {
      const done = await patchUpload(hub.port, token, c.id ?? '', 0, bytes[i] ?? Buffer.alloc(0))
      expect(done.status).toBe(204)
    }
    // tus's HEAD (an upload's offset) is served by the loaded server.
    const head = await fileRequest(hub.port, {
      method: 'HEAD',
      path: `/files/${created[0]?.id ?? ''}`,
      token,
    })
    expect(head.headers['upload-offset']).toBe(String(bytes[0]?.length))
    expect(loads.server).toBe(1)
  })
})
