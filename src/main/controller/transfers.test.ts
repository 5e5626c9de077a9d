import { createHash, randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { pngOfSize } from '../../../test/support/file-http'
import { startTusHub, type TusHub } from '../../../test/support/tus-hub'
import type { Transfer } from '../../shared/bridge'
import { LIMITS, type ChatEvent, type FileDeclaration } from '../../shared/protocol'
import { thumbProblem } from '../hub/files/thumb'
import type { FilePlatform } from './deps'
import type { RoomSession } from './session'
import type { PendingChat } from './timeline-view'
import { Transfers } from './transfers'
import { nodeFileIo } from './node-file-io'

/** The parts of a room session transfers use; sendFile stamps the chat like a hub would. */
function fakeSession(
  hub: TusHub,
  chats: Map<number, ChatEvent>,
  rows: PendingChat[][] = [],
): RoomSession {
  const session = {
    view: {
      connection: { status: 'connected' },
      files: { enabled: true, maxFileBytes: 10 * 1024 * 1024 },
    },
    fileTarget: () => ({ origin: hub.origin, fingerprint: hub.fingerprint, token: () => 'tok' }),
    sendFile: (file: FileDeclaration, options: { caption?: string; id?: string }) => {
      const seq = chats.size + 1
      const chat: ChatEvent = {
        type: 'chat',
        seq,
        id: options.id ?? `m${seq}`,
        from: 'client-a',
        name: 'A',
        text: options.caption ?? file.name,
        ts: 0,
        file,
      }
      chats.set(seq, chat)
      return Promise.resolve(chat)
    },
    chatAt: (seq: number) => chats.get(seq),
    showUploads: (list: readonly PendingChat[]) => rows.push([...list]),
  }
  return session as unknown as RoomSession
}

describe('Transfers (real files, a real HTTPS tus server on loopback)', () => {
  let hub: TusHub
  let dir: string
  const chats = new Map<number, ChatEvent>()

  beforeEach(async () => {
    hub = await startTusHub()
    hub.tokens.add('tok')
    dir = await mkdtemp(join(tmpdir(), 'lanroom-transfers-'))
    chats.clear()
  })
  afterEach(async () => {
    await hub.close()
    await rm(dir, { recursive: true, force: true })
  })

  function manager(name: string, now?: () => number, privateDirs: string[] = []) {
    const published: Transfer[][] = []
    const rows: PendingChat[][] = []
    const opened: string[] = []
    const platform: FilePlatform = {
      downloadsDir: () => join(dir, `${name}-downloads`),
      tempDir: () => join(dir, `${name}-tmp`),
      showItemInFolder: (path) => opened.push(`folder:${path}`),
      openPath: (path) => (opened.push(`open:${path}`), Promise.resolve('')),
      pickFiles: () => Promise.resolve([]),
      pickFolder: () => Promise.resolve(null),
    }
    const transfers = new Transfers({
      session: () => fakeSession(hub, chats, rows),
      platform,
      io: nodeFileIo(platform, privateDirs),
      downloadDir: () => null,
      setDownloadDir: () => {},
      publish: (list) => published.push(list),
      ...(now ? { now } : {}),
    })
    const until = async (id: string, state: Transfer['state']): Promise<Transfer> => {
      for (let i = 0; i < 3000; i++) {
        const found = transfers.list().find((t) => t.id === id)
        if (found?.state === state) return found
        if (found && ['failed', 'cancelled'].includes(found.state) && found.state !== state) {
          throw new Error(`${found.state}: ${found.error ?? ''}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      throw new Error(`never ${state}`)
    }
    return { transfers, handlers: transfers.handlers(), published, opened, until, rows }
  }

  it('sends a dropped and a pasted file; another member downloads them with the same bytes', async () => {
    const alice = manager('alice')
    const bob = manager('bob')
    const dropped = randomBytes(300_000)
    const path = join(dir, 'report.pdf')
    await writeFile(path, dropped)
    const pasted = new Uint8Array(randomBytes(1000))
    const { staged } = await alice.handlers.stageFiles({
      files: [
        { path, name: 'ignored', type: 'application/pdf' },
        { bytes: pasted, name: 'image.png', type: 'image/png' },
      ],
    })
    expect(staged.map((s) => [s.name, s.size])).toEqual([
      ['report.pdf', 300_000],
      ['image.png', 1000],
    ])
    const { transferIds } = alice.handlers.sendFiles({
      stageIds: staged.map((s) => s.stageId),
      caption: 'both',
    }) as { transferIds: string[] }
    const first = await alice.until(transferIds[0] as string, 'done')
    const other = await alice.until(transferIds[1] as string, 'done')
    expect(chats.get(first.seq as number)?.text).toBe('both')
    expect(chats.get(first.seq as number)?.file?.sha256).toBe(
      createHash('sha256').update(dropped).digest('hex'),
    )
    // The pasted copy is gone once sent.
    expect(await readdir(join(dir, 'alice-tmp', 'staged'))).toEqual([])

    const { transferId } = bob.handlers.downloadFile({ seq: first.seq as number }) as {
      transferId: string
    }
    const done = await bob.until(transferId, 'done')
    expect((await readFile(done.path as string)).equals(dropped)).toBe(true)
    await bob.handlers.showInFolder({ transferId })
    expect(bob.opened).toEqual([`folder:${done.path as string}`])
    const second = bob.handlers.downloadFile({ seq: other.seq as number }) as { transferId: string }
    const image = await bob.until(second.transferId, 'done')
    expect(image.path?.endsWith('image.png')).toBe(true)
  })

  it("never stages a file of the app's own data folder, whatever path it is named by", async () => {
    const data = join(dir, 'data')
    await mkdir(data)
    await writeFile(join(data, 'identity.pem'), 'secret')
    await symlink(join(data, 'identity.pem'), join(dir, 'holiday.jpg'))
    const alice = manager('alice', undefined, [data])
    for (const path of [join(data, 'identity.pem'), join(dir, 'holiday.jpg')]) {
      await expect(
        alice.handlers.stageFiles({ files: [{ path, name: 'x', type: '' }] }),
      ).rejects.toMatchObject({ code: 'APP_ERR_FILE_UNREADABLE' })
    }
    await writeFile(join(dir, 'notes.txt'), 'shareable')
    const { staged } = await alice.handlers.stageFiles({
      files: [{ path: join(dir, 'notes.txt'), name: 'x', type: '' }],
    })
    expect(staged.map((s) => s.name)).toEqual(['notes.txt'])
  })

  it('leaves no pasted bytes behind when staging fails on a later file', async () => {
    const alice = manager('alice')
    const staging = join(dir, 'alice-tmp', 'staged')
    const pasted = { bytes: new Uint8Array(1000), name: 'first.png', type: 'image/png' }
    const refusals: Array<[object, string]> = [
      // A later file that cannot be read, and one larger than the room takes.
      [
        { path: join(dir, 'missing.bin'), name: 'missing.bin', type: '' },
        'APP_ERR_FILE_UNREADABLE',
      ],
      [
        { bytes: new Uint8Array(10 * 1024 * 1024 + 1), name: 'huge.bin', type: '' },
        'APP_ERR_FILE_TOO_LARGE',
      ],
    ]
    for (const [later, code] of refusals) {
      await expect(
        alice.handlers.stageFiles({ files: [pasted, later] } as Parameters<
          typeof alice.handlers.stageFiles
        >[0]),
      ).rejects.toMatchObject({ code })
      expect(await readdir(staging), code).toEqual([])
    }
  })

  it('publishes an upload whose every byte is sent before its chat is sent (the row says the room is checking it)', async () => {
    // A clock that stands still: every report of progress after the first comes within the
    // 100 ms that pace them, however slowly the machine hashes and sends.
    const alice = manager('alice', () => 1_000_000)
    const path = join(dir, 'notes.txt')
    await writeFile(path, randomBytes(5000))
    const { staged } = await alice.handlers.stageFiles({
      files: [{ path, name: 'notes.txt', type: 'text/plain' }],
    })
    const { transferIds } = alice.handlers.sendFiles({
      stageIds: [staged[0]?.stageId as string],
    }) as { transferIds: string[] }
    const id = transferIds[0] as string
    await alice.until(id, 'done')
    // The last bytes are published all the same.
    const states = alice.published.flatMap((list) =>
      list.filter((t) => t.id === id).map((t) => `${t.state} ${t.done}`),
    )
    const checking = states.indexOf('uploading 5000')
    expect(checking, states.join(', ')).toBeGreaterThanOrEqual(0)
    expect(states.indexOf('sending 5000')).toBeGreaterThan(checking)
  })

  it('refuses to open an executable without confirmation, and a download not finished', async () => {
    const alice = manager('alice')
    const bob = manager('bob')
    const path = join(dir, 'setup.exe')
    await writeFile(path, 'MZ')
    const { staged } = await alice.handlers.stageFiles({
      files: [{ path, name: 'setup.exe', type: '' }],
    })
    const { transferIds } = alice.handlers.sendFiles({
      stageIds: [staged[0]?.stageId as string],
    }) as {
      transferIds: string[]
    }
    const sent = await alice.until(transferIds[0] as string, 'done')
    expect(chats.get(sent.seq as number)?.text).toBe('setup.exe')
    await expect(
      Promise.resolve().then(() =>
        alice.handlers.openFile({ transferId: transferIds[0] as string }),
      ),
    ).rejects.toMatchObject({ code: 'APP_ERR_NOT_DOWNLOADED' })
    const { transferId } = bob.handlers.downloadFile({ seq: sent.seq as number }) as {
      transferId: string
    }
    await bob.until(transferId, 'done')
    await expect(
      Promise.resolve().then(() => bob.handlers.openFile({ transferId })),
    ).rejects.toMatchObject({ code: 'APP_ERR_EXECUTABLE' })
    await bob.handlers.openFile({ transferId, confirmExecutable: true })
    expect(bob.opened).toHaveLength(1)
  })

  it('fails a corrupted download and leaves nothing in the folder', async () => {
    const alice = manager('alice')
    const bob = manager('bob')
    const path = join(dir, 'data.bin')
    await writeFile(path, randomBytes(50_000))
    const { staged } = await alice.handlers.stageFiles({ files: [{ path, name: 'x', type: '' }] })
    const { transferIds } = alice.handlers.sendFiles({
      stageIds: [staged[0]?.stageId as string],
    }) as {
      transferIds: string[]
    }
    const sent = await alice.until(transferIds[0] as string, 'done')
    const stored = hub.pathOf(chats.get(sent.seq as number)?.file?.id as string)
    const bytes = await readFile(stored)
    bytes[10] = (bytes[10] ?? 0) ^ 1
    await writeFile(stored, bytes)
    const { transferId } = bob.handlers.downloadFile({ seq: sent.seq as number }) as {
      transferId: string
    }
    const failed = await bob.until(transferId, 'failed')
    expect(failed.error).toMatch(/do not match/)
    // Its code, for the window to say it in the person's language.
    expect(failed.errorCode).toBe('FILE_ERR_CORRUPT')
    expect(await readdir(join(dir, 'bob-downloads'))).toEqual([])
  })
  it('shows an upload as a pending chat from the moment it is sent until its chat is', async () => {
    const alice = manager('alice')
    const { staged } = await alice.handlers.stageFiles({
      files: [
        { bytes: new Uint8Array(randomBytes(2000)), name: 'notes.txt', type: 'text/plain' },
        { bytes: new Uint8Array(randomBytes(10)), name: 'b.txt', type: 'text/plain' },
      ],
    })
    const { transferIds } = alice.handlers.sendFiles({
      stageIds: staged.map((s) => s.stageId),
      caption: 'see these',
      replyTo: 4,
    }) as { transferIds: string[] }
    // At once, both rows: the caption and the reply on the first; no id nor hash yet.
    const first = alice.rows[alice.rows.length - 1] ?? []
    const ids = transferIds.map((id) => alice.transfers.list().find((t) => t.id === id)?.chatId)
    expect(first.map((row) => row.id)).toEqual(ids)
    expect(first[0]).toMatchObject({
      state: 'pending',
      error: null,
      op: {
        type: 'chat',
        text: 'see these',
        replyTo: 4,
        file: { id: '', sha256: '', name: 'notes.txt', size: 2000, type: 'text/plain' },
      },
    })
    expect(first[1]?.op).toMatchObject({ text: 'b.txt', file: { name: 'b.txt' } })
    const done = await Promise.all(transferIds.map((id) => alice.until(id, 'done')))
    // The chats went out under the rows' ids (the same timeline key), and the rows are gone.
    expect(done.map((t) => chats.get(t.seq as number)?.id)).toEqual(ids)
    expect(alice.rows.at(-1)).toEqual([])
  })

  it('shows a failed upload as a failed row, and a cancelled one not at all', async () => {
    const alice = manager('alice')
    const path = join(dir, 'vanishing.txt')
    await writeFile(path, 'soon gone')
    const { staged } = await alice.handlers.stageFiles({
      files: [{ path, name: 'vanishing.txt', type: 'text/plain' }],
    })
    await rm(path)
    const { transferIds } = alice.handlers.sendFiles({
      stageIds: staged.map((s) => s.stageId),
    }) as { transferIds: string[] }
    const id = transferIds[0] as string
    await expect(alice.until(id, 'done')).rejects.toThrow(/^failed/)
    const [row] = alice.rows.at(-1) ?? []
    expect(row).toMatchObject({ state: 'failed', error: { code: 'APP_ERR_UPLOAD_FAILED' } })
    expect(row?.error?.message).toMatch(/vanishing\.txt|ENOENT|read/)
    // Dismissed (cancelled): the row goes.
    await alice.handlers.cancelTransfer({ transferId: id })
    expect(alice.rows.at(-1)).toEqual([])
  })

  it('deletes a cancelled upload on the hub; another member cannot delete it', async () => {
    const alice = manager('alice')
    let release = (): void => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let patching = (): void => {}
    const patched = new Promise<void>((resolve) => (patching = resolve))
    hub.beforeTus = (req) => {
      if (req.method !== 'PATCH') return Promise.resolve()
      patching()
      return held
    }
    const { staged } = await alice.handlers.stageFiles({
      files: [{ bytes: new Uint8Array(randomBytes(50_000)), name: 'draft.bin', type: '' }],
    })
    const { transferIds } = alice.handlers.sendFiles({
      stageIds: staged.map((s) => s.stageId),
    }) as { transferIds: string[] }
    const id = transferIds[0] as string
    await patched
    const created = hub.log.find((line) => line.startsWith('POST /files '))
    expect(created).toMatch(/ 201$/)
    const uploadId = (await readdir(hub.dir)).find((name) => !name.endsWith('.json')) as string
    expect(uploadId).toBeTruthy()
    // Another member's credential is refused by the real hub (hub-files.test.ts); here the
    // owner's cancel must reach the hub with its own credential and delete the bytes.
    await alice.handlers.cancelTransfer({ transferId: id })
    release()
    expect(alice.transfers.list().find((t) => t.id === id)?.state).toBe('cancelled')
    await vi.waitFor(() => expect(hub.log).toContain(`DELETE /files/${uploadId} 204`))
    expect(await readdir(hub.dir)).toEqual([])
    expect(chats.size).toBe(0)
  })

  it('sends a small thumbnail the window made, and drops one whose header says it is huge', async () => {
    const alice = manager('alice')
    const small = pngOfSize(32, 24)
    const bomb = pngOfSize(8000, 6250)
    const { staged } = await alice.handlers.stageFiles({
      files: [
        {
          bytes: new Uint8Array(randomBytes(100)),
          name: 'a.png',
          type: 'image/png',
          thumb: new Uint8Array(small),
        },
        {
          bytes: new Uint8Array(randomBytes(100)),
          name: 'b.png',
          type: 'image/png',
          thumb: new Uint8Array(bomb),
        },
      ],
    })
    const { transferIds } = alice.handlers.sendFiles({
      stageIds: staged.map((s) => s.stageId),
    }) as { transferIds: string[] }
    const [a, b] = await Promise.all(transferIds.map((id) => alice.until(id, 'done')))
    expect(chats.get(a?.seq as number)?.file?.thumb).toBe(small.toString('base64url'))
    expect(chats.get(b?.seq as number)?.file).not.toHaveProperty('thumb')
  })

  it("keeps exactly the thumbnails the hub's own check (thumbProblem) takes", async () => {
    const alice = manager('alice')
    const thumbs = [
      pngOfSize(320, 240),
      pngOfSize(321, 10),
      pngOfSize(10, 10).subarray(0, 12),
      Buffer.from('GIF89a\x01\x00\x01\x00'),
      Buffer.concat([pngOfSize(8, 8).subarray(0, 8), Buffer.from('not a png header at all')]),
    ]
    const { staged } = await alice.handlers.stageFiles({
      files: thumbs.map((thumb, i) => ({
        bytes: new Uint8Array(randomBytes(10)),
        name: `t${i}.png`,
        type: 'image/png',
        thumb: new Uint8Array(thumb),
      })),
    })
    const { transferIds } = alice.handlers.sendFiles({
      stageIds: staged.map((s) => s.stageId),
    }) as { transferIds: string[] }
    const done = await Promise.all(transferIds.map((id) => alice.until(id, 'done')))
    const kept = done.map((t) => chats.get(t.seq as number)?.file?.thumb !== undefined)
    const hub = thumbs.map((thumb) => thumbProblem(thumb.toString('base64url'), LIMITS) === null)
    expect(kept).toEqual(hub)
    expect(kept).toEqual([true, false, false, false, false])
  })
})
