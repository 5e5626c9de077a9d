import { afterEach, describe, expect, it } from 'vitest'
import type { Snapshot, TimelineEntry } from '../../shared/bridge'
import { ConnectionSession } from '../../main/controller/room-session'
import { wsSocketFactory } from '../../main/connection/ws-socket'
import { Hub } from '../../main/hub'
import { SILENT_LOGGER } from '../../main/hub/logger'
import { testIdentity } from '../../../test/support/identities'
import { MemoryStorage } from '../../../test/support/memory-storage'
import { TestClient, cid, tempDir } from '../../../test/support/ws-client'
import { createGuestBridge, type GuestPlatform } from './web-bridge'
import { PINS_KEY, SETTINGS_KEY } from './web-deps'
import { webFiles } from '../files/web-file-io'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function plainHub(name: string): Promise<Hub> {
  const dir = tempDir()
  cleanups.push(dir.remove)
  const hub = await Hub.start({
    roomName: name,
    hostName: 'Ada',
    dataDir: dir.path,
    port: 0,
    bind: '127.0.0.1',
    tls: false,
    rateLimit: 0,
    logger: SILENT_LOGGER,
  })
  cleanups.push(() => hub.stop())
  return hub
}

/** The page's platform, in Node: the page's origin is the hub's, sockets are `ws`. */
function platformFor(hub: Hub, storage: Storage = new MemoryStorage()): GuestPlatform {
  const origin = `http://127.0.0.1:${hub.port}`
  return {
    storage,
    origin: { protocol: 'http:', host: `127.0.0.1:${hub.port}` },
    fetch: (input, init) => fetch(new URL(String(input), origin), init),
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)',
    identity: () => Promise.resolve(testIdentity('Bea')),
    connect: () => (options) => new ConnectionSession(options, wsSocketFactory),
    linkFingerprint: null,
    copyText: () => {},
    files: webFiles({ fetch: (input, init) => fetch(input, init), save: () => {} }),
    log: () => {},
  }
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`gave up waiting; last: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('the guest page’s bridge', () => {
  it('runs the controller: names you, reads the hub that served it, joins and chats both ways', async () => {
    const hub = await plainHub('Courtyard')
    const storage = new MemoryStorage()
    const { api, ready } = createGuestBridge(platformFor(hub, storage))
    const snapshots: Snapshot[] = []
    api.onSnapshot((snapshot) => snapshots.push(snapshot))
    await ready

    const first = await api.getSnapshot()
    expect(first.ok && first.value.profileSet).toBe(false)
    expect(first.ok && first.value.directory.rooms).toEqual([])
    expect(first.ok && first.value.platform).toBe('mac')
    await expect(api.setProfile({ name: 'Bea' })).resolves.toMatchObject({ ok: true })
    // Kept in localStorage, in the app's settings format.
    expect(JSON.parse(storage.getItem(SETTINGS_KEY) ?? '{}')).toMatchObject({ v: 1, name: 'Bea' })

    const host = `127.0.0.1:${hub.port}`
    const inspected = await api.inspectAddress({ address: host })
    expect(inspected).toMatchObject({
      ok: true,
      value: { name: 'Courtyard', hostName: 'Ada', encrypted: false, passphrase: false },
    })
    if (!inspected.ok) return
    await expect(api.joinAddress({ address: inspected.value.address })).resolves.toMatchObject({
      ok: true,
    })

    const ada = new TestClient(`ws://${host}/ws`)
    cleanups.push(() => ada.close())
    await ada.join('Ada', cid('ada'))
    await expect(api.sendChat({ text: 'hello from the phone' })).resolves.toMatchObject({
      ok: true,
    })
    const heard = await ada.next('chat')
    expect(heard).toMatchObject({ name: 'Bea', text: 'hello from the phone' })

    ada.chat('m-1', 'hello from the desk')
    const texts = (entries: TimelineEntry[]): string[] =>
      entries.flatMap((entry) => ('text' in entry ? [entry.text] : []))
    await until(
      async () => {
        const timeline = await api.getTimeline()
        return timeline.ok ? texts(timeline.value.confirmed) : []
      },
      (seen) => seen.includes('hello from the desk'),
    )
    const inRoom = await api.getSnapshot()
    expect(inRoom.ok && inRoom.value.room?.name).toBe('Courtyard')
    expect(snapshots.some((snapshot) => snapshot.situation === 'joined')).toBe(true)
    await expect(api.leaveRoom()).resolves.toMatchObject({ ok: true })
  })

  it('refuses what a page cannot do with a clear error, and files outside a room that takes them', async () => {
    const hub = await plainHub('Lantern')
    const { api } = createGuestBridge(platformFor(hub))
    for (const refused of [
      await api.hostRoom({ name: 'Mine' }),
      await api.lookHarder(),
      await api.runDoctorCheck({ check: 'interfaces' }),
    ]) {
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'APP_ERR_NOT_IN_BROWSER', message: expect.stringMatching(/browser/) },
      })
    }
    await expect(api.pickFiles()).resolves.toMatchObject({
      ok: false,
      error: { code: 'APP_ERR_FILES_UNAVAILABLE', message: 'This room does not take files.' },
    })
    // Only the hub that served the page: another address is refused before any request.
    await expect(api.inspectAddress({ address: '10.0.0.9:47800' })).resolves.toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/only join the room that served it/) },
    })
  })

  it('reads settings and pins back through the app’s schemas, starting over from damaged ones', async () => {
    const hub = await plainHub('Orchard')
    const storage = new MemoryStorage()
    storage.setItem(SETTINGS_KEY, '{"v":1,"name":"Bea","lastRoomName":null,"window":null}')
    storage.setItem(PINS_KEY, '{"v":1,"rooms":{"r":{"fingerprint":"not hex","name":"x"}}}')
    const { api } = createGuestBridge(platformFor(hub, storage))
    const snapshot = await api.getSnapshot()
    expect(snapshot.ok && snapshot.value.profile.name).toBe('Bea')
    // The damaged pins were kept aside, as the app keeps a damaged file as .bad.
    expect(storage.getItem(`${PINS_KEY}.bad`)).toContain('not hex')

    storage.setItem(SETTINGS_KEY, '{"v":1,"name":')
    const again = createGuestBridge(platformFor(hub, storage))
    const fresh = await again.api.getSnapshot()
    expect(fresh.ok && fresh.value.profileSet).toBe(false)
    expect(storage.getItem(`${SETTINGS_KEY}.bad`)).toBe('{"v":1,"name":')
  })
})
