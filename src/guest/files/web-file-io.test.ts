import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { isExecutableName } from '../../shared/bridge'
import type { DownloadFileOptions } from '../../main/files/download'
import { MemoryBudget } from './memory-budget'
import { webFiles } from './web-file-io'

/** A room whose every file is `bytes` (the hub's GET, as fetch answers it); counts requests. */
function room(bytes: Uint8Array) {
  const saved: Array<{ name: string; size: number }> = []
  let requests = 0
  const files = webFiles({
    fetch: () => {
      requests++
      const body = new Uint8Array(bytes)
      return Promise.resolve(
        new Response(body, { headers: { 'content-length': String(bytes.length) } }),
      )
    },
    save: (blob, name) => saved.push({ name, size: blob.size }),
    budget: new MemoryBudget(250),
  })
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const get = (id: string, name = `${id}.bin`): Promise<{ path: string }> => {
    const options: DownloadFileOptions = {
      target: { origin: 'https://room.test', fingerprint: null, token: () => 'token' },
      id,
      name,
      sha256,
      size: bytes.length,
      dir: '',
    }
    return files.io.download(options)
  }
  return { files, saved, get, requests: () => requests }
}

describe('the guest page’s files (webFiles)', () => {
  it('refuses a download past its memory bound before fetching a byte, saying what to do', async () => {
    const { get, requests } = room(new Uint8Array(300))
    await expect(get('big', 'film.mkv')).rejects.toMatchObject({
      code: 'too_large',
      message: expect.stringMatching(
        /film\.mkv \(300 B\) is more than this page can hold .*It stays in the room.*lanroom get/,
      ),
    })
    expect(requests()).toBe(0)
  })

  it('lets saved downloads go (oldest first) to make room, and says so if one is asked for again', async () => {
    const { files, saved, get } = room(new Uint8Array(100).fill(7))
    const first = await get('a')
    const second = await get('b')
    // 200 of 250 held, none saved yet: nothing may be let go.
    await expect(get('c')).rejects.toMatchObject({ code: 'too_large' })
    await files.platform.openPath(first.path)
    expect(saved).toEqual([{ name: 'a.bin', size: 100 }])
    const third = await get('c')
    await expect(files.io.readSmall(third.path, 1000)).resolves.toHaveLength(100)
    await expect(files.io.readSmall(second.path, 50)).resolves.toBeNull()
    await expect(files.platform.openPath(first.path)).rejects.toMatchObject({
      code: 'APP_ERR_NOT_DOWNLOADED',
      message: expect.stringMatching(/download it again/),
    })
  })

  it('saves under the safe name, whatever the sender called the file', async () => {
    const { files, saved, get } = room(new Uint8Array(10))
    const done = await get('x', '../../\u202egnp.exe ')
    expect(files.io.nameOf(done.path)).toBe('_.._gnp.exe')
    files.platform.showItemInFolder(done.path)
    expect(saved[0]?.name).not.toMatch(/[/\\\u202e]/)
    expect(saved[0]?.name).toBe(files.io.nameOf(done.path))
  })

  it('stands a File the person chose for a path: its size and name, never anything else', async () => {
    const { files } = room(new Uint8Array(1))
    const ref = files.refOf(new File(['hello'], '\u202egnp.exe', { type: 'image/png' }))
    await expect(files.io.sizeOf(ref)).resolves.toBe(5)
    // Its name is its safe name, so the executable warning sees what it is.
    expect(files.io.nameOf(ref)).toBe('gnp.exe')
    expect(isExecutableName(files.io.nameOf(ref))).toBe(true)
    await expect(files.io.sizeOf('/etc/passwd')).resolves.toBeNull()
    await expect(files.io.sizeOf(`${ref}x`)).resolves.toBeNull()
    expect(() => files.refOf({ name: 'made up' })).toThrow()
    await files.io.discard(ref)
    await expect(files.io.sizeOf(ref)).resolves.toBeNull()
  })
})
