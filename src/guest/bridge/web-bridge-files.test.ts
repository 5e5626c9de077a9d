/**
 * Files through the guest page's bridge, in Node against a real hub: a Node member shares a
 * file, the page's Transfers (over webFiles: fetch, the page's hash, Blobs) downloads it,
 * verifies it and saves exactly its bytes; bytes changed on the hub's disk fail verification
 * with a clear sentence and nothing is saved. (The page's upload needs tus-js-client's browser
 * build: e2e/guest-files.e2e.ts sends from Chromium.)
 */
import { createHash, randomBytes } from 'node:crypto'
import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Transfer } from '../../shared/bridge'
import { ConnectionSession } from '../../main/controller/room-session'
import { RoomConnection, wsSocketFactory } from '../../main/connection'
import { uploadFile } from '../../main/files'
import { Hub } from '../../main/hub'
import { SILENT_LOGGER } from '../../main/hub/logger'
import { testIdentity } from '../../../test/support/identities'
import { MemoryStorage } from '../../../test/support/memory-storage'
import { tempDir } from '../../../test/support/ws-client'
import { webFiles } from '../files/web-file-io'
import { createGuestBridge, type GuestPlatform } from './web-bridge'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

async function until<T>(read: () => T, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000
  for (;;) {
    const value = read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`gave up waiting; last: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** A hub with files, a guest page joined to it, and a Node member (Ada) who shares `bytes`. */
async function roomWithFile(bytes: Buffer) {
  const dir = tempDir()
  cleanups.push(dir.remove)
  const hub = await Hub.start({
    roomName: 'Yard',
    hostName: 'Ada',
    dataDir: dir.path,
    port: 0,
    bind: '127.0.0.1',
    tls: false,
    rateLimit: 0,
    logger: SILENT_LOGGER,
    files: {},
  })
  cleanups.push(() => hub.stop())
  const host = `127.0.0.1:${hub.port}`
  const saved: Array<{ name: string; bytes: Buffer }> = []
  const platform: GuestPlatform = {
    storage: new MemoryStorage(),
    origin: { protocol: 'http:', host },
    fetch: (input, init) => fetch(new URL(String(input), `http://${host}`), init),
    userAgent: 'Mozilla/5.0 (Linux; Android 15)',
    identity: () => Promise.resolve(testIdentity('Bea')),
    connect: () => (options) => new ConnectionSession(options, wsSocketFactory),
    linkFingerprint: null,
    copyText: () => {},
    files: webFiles({
      fetch: (input, init) => fetch(input, init),
      save: (blob, name) =>
        void blob.arrayBuffer().then((b) => saved.push({ name, bytes: Buffer.from(b) })),
    }),
    log: () => {},
  }
  const { api } = createGuestBridge(platform)
  const transfers: Transfer[][] = []
  api.onTransfers((list) => transfers.push(list))
  await api.setProfile({ name: 'Bea' })
  const inspected = await api.inspectAddress({ address: host })
  if (!inspected.ok) throw new Error(inspected.error.message)
  const joined = await api.joinAddress({ address: inspected.value.address })
  expect(joined).toEqual({ ok: true, value: { ok: true } })

  const ada = new RoomConnection({
    candidates: [`ws://${host}/ws`],
    name: 'Ada',
    identity: testIdentity('Ada'),
    socketFactory: wsSocketFactory,
  })
  cleanups.push(() => ada.close())
  await ada.connect()
  const target = ada.fileTarget()
  if (!target) throw new Error('the room takes no files')
  const path = join(dir.path, 'report.pdf')
  writeFileSync(path, bytes)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const { id } = await uploadFile({ target, path, size: bytes.length, sha256, name: 'report.pdf' })
  const chat = await ada.sendFile({
    file: { id, name: 'report.pdf', size: bytes.length, type: 'application/pdf', sha256 },
  }).sent
  const stored = files(dir.path).filter((file) => statSync(file).size === bytes.length)
  return { api, saved, transfers, seq: chat.seq, stored }
}

describe('files through the guest page’s bridge', () => {
  it('downloads a shared file, verifies it, and saves exactly its bytes', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 5)
    const { api, saved, transfers, seq } = await roomWithFile(bytes)
    const snapshot = await api.getSnapshot()
    expect(snapshot.ok && snapshot.value.files?.enabled).toBe(true)
    const started = await api.downloadFile({ seq })
    if (!started.ok) throw new Error(started.error.message)
    const done = await until(
      () => transfers.at(-1)?.find((t) => t.id === started.value.transferId),
      (t) => t?.state === 'done' || t?.state === 'failed',
    )
    expect(done).toMatchObject({ state: 'done', size: bytes.length, done: bytes.length })
    // Nothing is saved until the person asks (Save is the guest's Open).
    expect(saved).toEqual([])
    await expect(api.openFile({ transferId: started.value.transferId })).resolves.toMatchObject({
      ok: true,
    })
    await until(
      () => saved.length,
      (n) => n === 1,
    )
    expect(saved[0]?.name).toBe('report.pdf')
    expect(saved[0]?.bytes.equals(bytes)).toBe(true)
    const image = await api.readImage({ transferId: started.value.transferId })
    expect(image).toMatchObject({ ok: false, error: { code: 'APP_ERR_NOT_AN_IMAGE' } })
  })

  it('fails verification of bytes changed on the hub, with a clear sentence, saving nothing', async () => {
    const bytes = randomBytes(200_000)
    const { api, saved, transfers, seq, stored } = await roomWithFile(bytes)
    expect(stored.length).toBeGreaterThan(0)
    const tampered = Buffer.from(bytes)
    tampered[100] = (tampered[100] ?? 0) ^ 0x01
    for (const file of stored) writeFileSync(file, tampered)
    const started = await api.downloadFile({ seq })
    if (!started.ok) throw new Error(started.error.message)
    const failed = await until(
      () => transfers.at(-1)?.find((t) => t.id === started.value.transferId),
      (t) => t?.state === 'done' || t?.state === 'failed',
    )
    expect(failed).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/do not match their SHA-256/),
    })
    await expect(api.openFile({ transferId: started.value.transferId })).resolves.toMatchObject({
      ok: false,
      error: { code: 'APP_ERR_NOT_DOWNLOADED' },
    })
    expect(saved).toEqual([])
  })
})
