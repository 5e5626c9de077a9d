import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Snapshot, TimelineEntry, TimelinePatch } from '../../shared/bridge'
import type { DirectoryRoom, DirectoryState } from '../../shared/protocol'
import { dispatchCommand } from '../bridge/dispatch'
import { Hub } from '../hub'
import { SettingsStore } from '../settings'
import { tempDir, waitFor } from '../../../test/support/ws-client'
import { Controller, type Advertiser, type Directory } from './controller'
import { createHandlers } from './handlers'
import { createRoomSession } from './room-session'
import { inspectRoom } from './inspect'
import { loadOrCreateIdentity } from '../security/identity'
import { PinStore } from '../security/pins'
import { createSelfSignedCredentials, type TlsCredentials } from '../security/tls'
import { verificationCode } from '../../shared/security/verification-code'
import { testTls } from '../../../test/support/tls'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** The directory's surface, fed by the test (real mDNS runs only in the netns e2e tests). */
class ListedRooms extends EventEmitter implements Directory {
  state: DirectoryState = { status: 'searching', rooms: [], emptySince: 0, error: null }
  own: string[] = []
  started = false
  setOwnRooms(ids: Iterable<string>): void {
    this.own = [...ids]
  }
  start(): void {
    this.started = true
  }
  async stop(): Promise<void> {}
  list(rooms: DirectoryRoom[]): void {
    this.state = {
      status: rooms.length > 0 ? 'found' : 'quiet',
      rooms,
      emptySince: null,
      error: null,
    }
    this.emit('change', this.state)
  }
}

class RecordingAdvertiser implements Advertiser {
  static all: RecordingAdvertiser[] = []
  running = false
  constructor(
    readonly room: {
      roomId: string
      name: string
      hostName: string
      port: number
      passphrase: boolean
      fingerprint: string | null
    },
  ) {
    RecordingAdvertiser.all.push(this)
  }
  start(): void {
    this.running = true
  }
  async stop(): Promise<void> {
    this.running = false
  }
}

interface TestApp {
  controller: Controller
  directory: ListedRooms
  snapshots: Snapshot[]
  timeline: TimelineEntry[]
  pending: TimelineEntry[]
  incoming: string[]
  latest: () => Snapshot
}

function app(name: string | null = null, tls: () => Promise<TlsCredentials> = testTls): TestApp {
  const dir = tempDir()
  cleanups.push(dir.remove)
  const settings = new SettingsStore(join(dir.path, 'settings.json'))
  if (name) settings.update({ name })
  const directory = new ListedRooms()
  const controller = new Controller({
    settings,
    identity: loadOrCreateIdentity(join(dir.path, 'identity.pem')),
    tlsCredentials: tls,
    pins: new PinStore(join(dir.path, 'pins.json')),
    inspect: (address, options) => inspectRoom(address, options),
    dataDir: dir.path,
    suggestedName: 'Suggested',
    directory,
    startHub: (options) => Hub.start(options),
    createAdvertiser: (room) => new RecordingAdvertiser(room),
    connect: createRoomSession,
    joinAddresses: (port) => [`10.0.0.5:${port}`],
    hostPort: 0,
    hostBind: '127.0.0.1',
  })
  const state: TestApp = {
    controller,
    directory,
    snapshots: [],
    timeline: [],
    pending: [],
    incoming: [],
    latest: () => controller.snapshot(),
  }
  controller.on('snapshot', (snapshot) => state.snapshots.push(snapshot))
  controller.on('timeline', (patch: TimelinePatch) => {
    if (patch.reset) state.timeline = [...patch.confirmed]
    else state.timeline.push(...patch.confirmed)
    state.pending = patch.pending
  })
  controller.on('incoming', ({ name: from, text }) => state.incoming.push(`${from}: ${text}`))
  controller.start()
  cleanups.push(() => controller.shutdown())
  return state
}

function chats(a: TestApp): string[] {
  return a.timeline.flatMap((e) => (e.kind === 'chat' ? [`${e.name}: ${e.text}`] : []))
}

async function hosting(name = 'Ada'): Promise<{ host: TestApp; address: string }> {
  const host = app(name)
  await host.controller.hostRoom('Lab')
  const address = host.latest().room?.joinAddresses[0] as string
  const port = address.split(':')[1]
  return { host, address: `127.0.0.1:${port}` }
}

describe('Controller', () => {
  it('starts idle, asks for a name once, and remembers it', () => {
    const a = app()
    expect(a.latest()).toMatchObject({
      profileSet: false,
      situation: 'idle',
      room: null,
      profile: { name: 'Suggested' },
    })
    expect(a.directory.started).toBe(true)
    expect(a.controller.setProfile('  Grace ')).toMatchObject({ name: 'Grace' })
    expect(a.latest()).toMatchObject({ profileSet: true, profile: { name: 'Grace' } })
  })

  it('hosts a room it is a member of, advertises it and marks it as its own', async () => {
    const { host } = await hosting()
    const snapshot = host.latest()
    expect(snapshot.situation).toBe('hosting')
    expect(snapshot.room).toMatchObject({
      name: 'Lab',
      hostName: 'Ada',
      hosting: true,
      connection: { status: 'connected' },
    })
    expect(snapshot.room?.members).toEqual([
      expect.objectContaining({ name: 'Ada', host: true, you: true }),
    ])
    expect(snapshot.room?.joinAddresses[0]).toMatch(/^10\.0\.0\.5:\d+$/)
    expect(snapshot.lastRoomName).toBe('Lab')
    const advertiser = RecordingAdvertiser.all.at(-1) as RecordingAdvertiser
    expect(advertiser.running).toBe(true)
    expect(host.directory.own).toEqual([snapshot.room?.id])
    await expect(host.controller.hostRoom('Again')).rejects.toMatchObject({ code: 'APP_ERR_BUSY' })
    await expect(host.controller.joinAddress('127.0.0.1:1')).rejects.toMatchObject({
      code: 'APP_ERR_BUSY',
    })
  })

  it('joins by address, chats both ways, shows typing, and counts unread', async () => {
    const { host, address } = await hosting()
    const guest = app('Brian')
    await guest.controller.joinAddress(address)
    expect(guest.latest()).toMatchObject({
      situation: 'joined',
      room: { name: 'Lab', hosting: false, joinAddresses: [] },
    })
    await waitFor(() => host.latest().room?.members.length === 2, 5_000, 'host to see the guest')
    expect(guest.latest().room?.members.map((m) => [m.name, m.you, m.host])).toEqual([
      ['Brian', true, false],
      ['Ada', false, true],
    ])

    const { id } = guest.controller.sendChat('hello Ada')
    expect(guest.pending.map((e) => e.kind === 'chat' && e.id)).toEqual([id])
    await waitFor(() => chats(host).includes('Brian: hello Ada'), 5_000, 'host to get it')
    await waitFor(
      () => guest.pending.length === 0 && chats(guest).includes('Brian: hello Ada'),
      5_000,
      'ack',
    )
    const own = guest.timeline.find((e) => e.kind === 'chat' && e.id === id)
    expect(own).toMatchObject({ own: true, status: 'sent' })
    expect(host.incoming).toEqual(['Brian: hello Ada'])
    expect(host.latest().room?.unread).toBe(1)
    host.controller.markRead()
    expect(host.latest().room?.unread).toBe(0)

    host.controller.sendChat('hi Brian')
    await waitFor(() => chats(guest).includes('Ada: hi Brian'), 5_000, 'guest to get it')
    expect(guest.timeline.some((e) => e.kind === 'notice' && e.text === 'Brian joined')).toBe(false)
    expect(host.timeline.some((e) => e.kind === 'notice' && e.text === 'Brian joined')).toBe(true)

    guest.controller.setTyping(true)
    await waitFor(
      () => host.latest().room?.typing.some((t) => t.name === 'Brian') ?? false,
      5_000,
      'typing',
    )
    guest.controller.sendChat('done typing')
    await waitFor(
      () => host.latest().room?.typing.length === 0,
      5_000,
      'typing to end with the chat',
    )
  })

  it('joins from the rooms nearby by id, and refuses incompatible or vanished rooms', async () => {
    const { host, address } = await hosting()
    const room = host.latest().room
    const guest = app('Cleo')
    const listed: DirectoryRoom = {
      id: room?.id as string,
      name: 'Lab',
      hostName: 'Ada',
      addresses: ['127.0.0.1'],
      port: Number(address.split(':')[1]),
      urls: [`wss://${address}/ws`],
      version: 1,
      passphrase: false,
      compatible: true,
      incompatibleReason: null,
      own: false,
      members: 1,
    }
    guest.directory.list([
      listed,
      {
        ...listed,
        id: 'future',
        compatible: false,
        version: 2,
        incompatibleReason: 'This room uses protocol version 2.',
      },
    ])
    await expect(guest.controller.joinRoom('future')).rejects.toMatchObject({
      code: 'APP_ERR_INCOMPATIBLE',
      message: 'This room uses protocol version 2.',
    })
    await expect(guest.controller.joinRoom('nowhere')).rejects.toMatchObject({
      code: 'APP_ERR_ROOM_GONE',
    })
    await guest.controller.joinRoom(listed.id)
    expect(guest.latest().room).toMatchObject({
      id: listed.id,
      connection: { status: 'connected' },
    })
  })

  it('says why it cannot join by address, and stays in the lobby', async () => {
    const guest = app('Dan')
    await expect(guest.controller.joinAddress('not an address!')).rejects.toMatchObject({
      code: 'APP_ERR_BAD_ADDRESS',
    })
    const unreachable = guest.controller.joinAddress('127.0.0.1:1')
    await expect(unreachable).rejects.toMatchObject({ code: 'APP_ERR_CONNECT' })
    await expect(unreachable).rejects.toThrow(/ECONNREFUSED|reach/)
    expect(guest.latest()).toMatchObject({ situation: 'idle', room: null })
  })

  it('ends the room for everyone when the host stops, and leaves cleanly', async () => {
    const { host, address } = await hosting()
    const guest = app('Eve')
    await guest.controller.joinAddress(address)
    const leaver = app('Finn')
    await leaver.controller.joinAddress(address)
    await waitFor(() => host.latest().room?.members.length === 3, 5_000, 'three members')
    await leaver.controller.leaveRoom()
    expect(leaver.latest()).toMatchObject({ situation: 'idle', room: null })
    await waitFor(
      () => host.timeline.some((e) => e.kind === 'notice' && e.text === 'Finn left'),
      5_000,
      'left notice',
    )

    await host.controller.stopHosting()
    expect(host.latest()).toMatchObject({ situation: 'idle', room: null })
    expect(RecordingAdvertiser.all.at(-1)?.running).toBe(false)
    expect(host.directory.own).toEqual([])
    await waitFor(
      () => guest.latest().room?.connection.status === 'closed',
      5_000,
      'guest to see the end',
    )
    expect(guest.latest().room?.connection.reason).toMatch(/host closed the room/i)
    await expect(host.controller.stopHosting()).rejects.toMatchObject({
      code: 'APP_ERR_NOT_HOSTING',
    })
    await guest.controller.leaveRoom()
    expect(guest.latest().situation).toBe('idle')
  })

  it('serves the bridge: typed errors for refused commands, valid results', async () => {
    const a = app('Gus')
    const handlers = createHandlers(a.controller, { copyText: () => {} })
    const call = (name: Parameters<typeof dispatchCommand>[0], args: unknown) =>
      dispatchCommand(name, handlers, { frameUrl: 'app://ok' }, [args], {
        isTrustedSender: () => true,
        log: () => {},
      })
    expect(await call('leaveRoom', undefined)).toEqual({
      ok: false,
      error: { code: 'APP_ERR_NOT_IN_ROOM', message: 'You are not in a room.' },
    })
    expect(await call('sendChat', { text: '' })).toMatchObject({
      ok: false,
      error: { code: 'BRIDGE_ERR_INVALID_ARGS' },
    })
    expect(await call('joinAddress', { address: 'x'.repeat(400) })).toMatchObject({
      ok: false,
      error: { code: 'BRIDGE_ERR_INVALID_ARGS' },
    })
    const snapshot = await call('getSnapshot', undefined)
    expect(snapshot).toMatchObject({
      ok: true,
      value: { situation: 'idle', profile: { name: 'Gus' } },
    })
  })
})

describe('Controller security', () => {
  it('hosts with a passphrase; a guest gets "Wrong passphrase" for a wrong one and joins with the right one', async () => {
    const host = app('Ada')
    await host.controller.hostRoom('Private', 'open sesame')
    const hostRoom = host.latest().room
    expect(hostRoom?.security).toEqual({
      encrypted: true,
      verificationCode: verificationCode((await testTls()).fingerprint),
      trust: 'own',
      passphrase: true,
    })
    const port = (hostRoom?.joinAddresses[0] as string).split(':')[1]
    const guest = app('Cleo')
    const inspected = await guest.controller.inspectAddress(`127.0.0.1:${port}`)
    expect(inspected).toMatchObject({
      name: 'Private',
      passphrase: true,
      encrypted: true,
      verificationCode: hostRoom?.security.verificationCode,
      pin: 'new',
    })
    await expect(guest.controller.joinAddress(`127.0.0.1:${port}`)).rejects.toMatchObject({
      code: 'APP_ERR_PASSPHRASE_REQUIRED',
    })
    await expect(
      guest.controller.joinAddress(`127.0.0.1:${port}`, { passphrase: 'open sesame!' }),
    ).rejects.toMatchObject({ code: 'APP_ERR_WRONG_PASSPHRASE', message: 'Wrong passphrase.' })
    expect(guest.latest().situation).toBe('idle')
    await guest.controller.joinAddress(`127.0.0.1:${port}`, {
      passphrase: 'open sesame',
      expectedFingerprint: inspected.fingerprint as string,
    })
    expect(guest.latest().room?.security).toMatchObject({
      encrypted: true,
      trust: 'first-use',
      verificationCode: hostRoom?.security.verificationCode,
    })
  })

  it('pins on first use, shows verified next time, and refuses a changed certificate until trusted', async () => {
    let credentials = await createSelfSignedCredentials()
    const host = app('Ada', () => Promise.resolve(credentials))
    await host.controller.hostRoom('Lab')
    const port = (host.latest().room?.joinAddresses[0] as string).split(':')[1]
    const address = `127.0.0.1:${port}`
    const guest = app('Cleo')
    await guest.controller.joinAddress(address)
    expect(guest.latest().room?.security.trust).toBe('first-use')
    await guest.controller.leaveRoom()
    await guest.controller.joinAddress(address)
    expect(guest.latest().room?.security.trust).toBe('verified')
    await guest.controller.leaveRoom()

    // The host's certificate changes (same room, same id): the guest refuses and explains.
    const oldCode = verificationCode(credentials.fingerprint)
    await host.controller.stopHosting()
    credentials = await createSelfSignedCredentials()
    const newCode = verificationCode(credentials.fingerprint)
    ;(host.controller as unknown as { deps: { hostPort: number } }).deps.hostPort = Number(port)
    await host.controller.hostRoom('Lab')
    expect(host.latest().room?.security.verificationCode).toBe(newCode)
    expect((await guest.controller.inspectAddress(address)).pin).toBe('changed')
    const refused = guest.controller.joinAddress(address)
    await expect(refused).rejects.toMatchObject({ code: 'APP_ERR_CERTIFICATE' })
    await expect(refused).rejects.toThrow(new RegExp(`was ${oldCode} and is now ${newCode}`))
    expect(guest.latest().situation).toBe('idle')
    expect(guest.latest().certificateWarning).toMatchObject({
      pinnedCode: oldCode,
      presentedCode: newCode,
    })
    // Only the refused connection's certificate can be trusted, for that room only.
    const roomId = guest.latest().certificateWarning?.roomId as string
    expect(() => guest.controller.trustNewCertificate('another-room')).toThrow(
      /no changed certificate/,
    )
    guest.controller.trustNewCertificate(roomId)
    expect(guest.latest().certificateWarning).toBeNull()
    await guest.controller.joinAddress(address)
    expect(guest.latest().room?.security).toMatchObject({
      trust: 'verified',
      verificationCode: newCode,
    })
  })

  it('refuses a room that presents another certificate than the one the person confirmed', async () => {
    const { address } = await hosting()
    const guest = app('Cleo')
    await expect(
      guest.controller.joinAddress(address, { expectedFingerprint: 'ab'.repeat(32) }),
    ).rejects.toMatchObject({ code: 'APP_ERR_CERTIFICATE' })
  })
})
