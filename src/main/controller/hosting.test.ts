import { encodeRoomCode } from '../../shared/protocol/room-code'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { testIdentity } from '../../../test/support/identities'
import { testTls } from '../../../test/support/tls'
import { tempDir } from '../../../test/support/ws-client'
import { fetchInfo } from '../discovery/probe'
import { Hub, HubError } from '../hub'
import type { Logger } from '../hub/logger'
import { SettingsStore } from '../settings'
import type { AdvertisedRoom } from './deps'
import { guestBuild } from '../hub/testing/guest-build'
import { HostedRoom } from './hosting'
import { X509Certificate } from 'node:crypto'
import { connect, type TLSSocket } from 'node:tls'
import { peerFingerprint } from '../security/tls'
import { namesOfCertificate } from '../security/tls-names'
import { TlsStore } from '../security/tls-renewal'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

const HOST = { name: 'Ada', clientId: testIdentity('ada').clientId }

function setup(startHub: typeof Hub.start = (options) => Hub.start(options)) {
  const dir = tempDir()
  cleanups.push(dir.remove)
  const advertised: Array<AdvertisedRoom & { running: boolean }> = []
  const own: string[][] = []
  const logged: string[] = []
  const log: Logger = {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (_fields, message) => logged.push(message),
  }
  const deps = {
    startHub,
    tlsCredentials: testTls,
    dataDir: dir.path,
    hostBind: '127.0.0.1',
    hostPort: 0,
    settings: new SettingsStore(join(dir.path, 'settings.json')),
    createAdvertiser: (room: AdvertisedRoom) => {
      const ad = { ...room, running: false }
      advertised.push(ad)
      return {
        start: () => void (ad.running = true),
        stop: async () => void (ad.running = false),
      }
    },
    directory: { setOwnRooms: (ids: Iterable<string>) => void own.push([...ids]) },
    identity: testIdentity('ada'),
    joinAddresses: (port: number) => [`10.0.0.5:${port}`],
  }
  const start = (passphrase?: string) =>
    HostedRoom.start(deps as unknown as Parameters<typeof HostedRoom.start>[0], log, {
      name: 'Lab',
      host: HOST,
      ...(passphrase !== undefined ? { passphrase } : {}),
    })
  return { deps, advertised, own, logged, start }
}

describe('HostedRoom', () => {
  it('starts the hub, remembers the name, advertises the room and marks it as your own', async () => {
    const { deps, advertised, own, start } = setup()
    const hosted = await start('open sesame')
    cleanups.push(() => hosted.stop())
    const { hub } = hosted
    expect(deps.settings.current.lastRoomName).toBe('Lab')
    expect(advertised).toEqual([
      {
        roomId: hub.roomId,
        name: 'Lab',
        hostName: 'Ada',
        port: hub.port,
        passphrase: true,
        fingerprint: (await testTls()).fingerprint,
        running: true,
      },
    ])
    expect(own).toEqual([[hub.roomId]])
    expect(hosted.view).toEqual({
      id: hub.roomId,
      name: 'Lab',
      fingerprint: (await testTls()).fingerprint,
      passphrase: true,
      joinAddresses: [`10.0.0.5:${hub.port}`],
      // The code of the address shared, naming this hub's certificate.
      roomCodes: [
        {
          address: `10.0.0.5:${hub.port}`,
          code: encodeRoomCode({
            address: '10.0.0.5',
            port: hub.port,
            fingerprint: (await testTls()).fingerprint,
          }),
        },
      ],
      // No guest app to serve (see below).
      guestLink: null,
    })
    await hosted.stop()
    expect(advertised[0]?.running).toBe(false)
    expect(await fetchInfo('127.0.0.1', hub.port, 5_000, true)).toBeNull()
  })

  it('gives the guest link of the first address while guests may join, as the setting says', async () => {
    const build = guestBuild()
    cleanups.push(build.remove)
    const { deps, start } = setup()
    Object.assign(deps, { guestApp: { dir: build.dir } })
    const hosted = await start()
    cleanups.push(() => hosted.stop())
    const { hub } = hosted
    const fingerprint = (await testTls()).fingerprint
    expect(hub.guests).toBe(true)
    expect(hosted.view.guestLink).toBe(`https://10.0.0.5:${hub.port}/#fp=${fingerprint}`)
    hosted.setGuests(false)
    expect([hub.guests, hosted.view.guestLink]).toEqual([false, null])
    await hosted.stop()
    // The setting, as the next room starts.
    deps.settings.update({ allowGuests: false })
    const off = await start()
    cleanups.push(() => off.stop())
    expect([off.hub.guests, off.view.guestLink]).toEqual([false, null])
    off.setGuests(true)
    expect(off.view.guestLink).toMatch(/^https:\/\/10\.0\.0\.5:\d+\/#fp=[0-9a-f]{64}$/)
  })

  it('joins its own room only over loopback, and only its own hub', async () => {
    const { start } = setup()
    const hosted = await start()
    cleanups.push(() => hosted.stop())
    const { hub } = hosted
    const options = hosted.sessionOptions('Ada', undefined)
    expect(options).toMatchObject({
      urls: [`wss://127.0.0.1:${hub.port}/ws`],
      roomId: hub.roomId,
      name: 'Ada',
    })
    expect(options).not.toHaveProperty('passphrase')
    const url = options.urls[0] as string
    const own = { url, fingerprint: hub.fingerprint, roomId: hub.roomId }
    expect(options.verifyPeer?.(own)).toBeNull()
    const refusal = 'Something else answered at your room’s port.'
    expect(options.verifyPeer?.({ ...own, fingerprint: 'cd'.repeat(32) })).toBe(refusal)
    expect(options.verifyPeer?.({ ...own, fingerprint: null })).toBe(refusal)
    expect(options.verifyPeer?.({ ...own, roomId: 'another' })).toBe(refusal)
    expect(hosted.sessionOptions('Ada', 'pass')).toMatchObject({ passphrase: 'pass' })
  })

  it('says why a room could not be started, with the hub’s code or the log', async () => {
    const refused = setup(() =>
      Promise.reject(new HubError('HUB_ERR_PORT_IN_USE', 'port 53127 is in use')),
    )
    await expect(refused.start()).rejects.toMatchObject({
      code: 'HUB_ERR_PORT_IN_USE',
      message: 'The room could not be started: port 53127 is in use',
    })
    const broken = setup(() => Promise.reject(new Error('EACCES: /data/room.log')))
    await expect(broken.start()).rejects.toMatchObject({
      code: 'HUB_ERR_START',
      message:
        'The room could not be started: its data could not be saved. The details are in the log.',
    })
    expect(broken.logged).toEqual(['starting the hub: Error: EACCES: /data/room.log'])
    expect(broken.advertised).toEqual([])
    expect(broken.own).toEqual([])
  })

  it('says the room is already hosted from this data directory, and advertises nothing', async () => {
    const { advertised, start } = setup()
    const first = await start()
    cleanups.push(() => first.stop())
    // As if another LAN Room, or lanroom host, hosted it from the same data directory.
    await expect(start()).rejects.toMatchObject({
      code: 'HUB_ERR_ROOM_IN_USE',
      message:
        'The room could not be started: the room "Lab" is already being hosted from this data ' +
        `directory (by process ${process.pid})`,
    })
    expect(advertised).toHaveLength(1)
  })

  it('names the join addresses in its certificate, and follows them with the same key', async () => {
    const { deps, start } = setup()
    const store = new TlsStore(join(deps.dataDir, 'tls'))
    let addresses = ['10.0.0.5']
    Object.assign(deps, {
      tlsCredentials: (names?: readonly string[]) => store.credentials(names),
      joinAddresses: (port: number) => addresses.map((address) => `${address}:${port}`),
    })
    const hosted = await start()
    cleanups.push(() => hosted.stop())
    const presented = async (): Promise<{ names: string[]; fingerprint: string | null }> => {
      const socket = await new Promise<TLSSocket>((resolve, reject) => {
        const s = connect({ host: '127.0.0.1', port: hosted.hub.port, rejectUnauthorized: false })
        s.once('secureConnect', () => resolve(s))
        s.once('error', reject)
      })
      const pem = new X509Certificate(socket.getPeerCertificate().raw).toString()
      const fingerprint = peerFingerprint(socket)
      socket.destroy()
      return { names: namesOfCertificate(pem), fingerprint }
    }
    const before = await presented()
    expect(before.names).toEqual(
      expect.arrayContaining(['10.0.0.5', '127.0.0.1', '::1', 'localhost']),
    )
    expect(before.fingerprint).toBe(hosted.hub.fingerprint)
    addresses = ['10.0.0.6']
    // Looked at every 2 s; 60 s is a safety net on a busy machine.
    const deadline = Date.now() + 60_000
    let after = before
    while (!after.names.includes('10.0.0.6') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      after = await presented()
    }
    expect(after.names).toContain('10.0.0.6')
    expect(after.names).not.toContain('10.0.0.5')
    expect(after.fingerprint).toBe(before.fingerprint)
    expect(hosted.view.fingerprint).toBe(before.fingerprint)
  })
})
