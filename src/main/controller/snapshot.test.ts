import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DirectoryRoom } from '../../shared/protocol'
import { encodeRoomCode } from '../../shared/protocol/room-code'
import { verificationCode } from '../../shared/security/verification-code'
import { tempDir } from '../../../test/support/ws-client'
import { PinStore } from '../security/pins'
import type { SessionView } from './session'
import { SnapshotBuilder, buildSnapshot, type RoomState, type SnapshotInput } from './snapshot'

const cleanups: Array<() => unknown> = []
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.()
})

const A = 'a1'.repeat(32)
const B = 'b2'.repeat(32)

function pins(): PinStore {
  const dir = tempDir()
  cleanups.push(dir.remove)
  return new PinStore(join(dir.path, 'pins.json'))
}

function input(extra: Partial<SnapshotInput> = {}): SnapshotInput {
  return {
    chosenName: 'Ada',
    profile: { name: 'Ada', clientId: 'client-ada' },
    lastRoomName: null,
    directory: { status: 'searching', rooms: [], emptySince: 0, error: null },
    pins: pins(),
    room: null,
    refused: null,
    joinFailure: null,
    platform: 'linux',
    ...extra,
  }
}

const VIEW: SessionView = {
  room: null,
  connection: { status: 'connecting', attempt: 0, nextRetryAt: null, reason: null },
  members: [],
  typing: [],
  maxTextLength: 4000,
  fingerprint: null,
  features: [],
  reads: [],
}

function inRoom(extra: Partial<RoomState> = {}): RoomState {
  return {
    view: VIEW,
    own: null,
    trust: null,
    joinedWithPassphrase: false,
    unread: 0,
    ...extra,
  }
}

describe('buildSnapshot', () => {
  it('carries the Language setting when it has one, for the window’s first screen', () => {
    expect(buildSnapshot(input({ language: 'ar' })).language).toBe('ar')
    expect(buildSnapshot(input()).language).toBeUndefined()
  })

  it('is idle in the lobby, and names the platform', () => {
    const snapshot = buildSnapshot(input({ chosenName: null, platform: 'win32' }))
    expect(snapshot).toMatchObject({
      profileSet: false,
      situation: 'idle',
      room: null,
      platform: 'windows',
      certificateWarning: null,
      joinFailure: null,
    })
    expect(buildSnapshot(input({ platform: 'darwin' })).platform).toBe('mac')
    expect(buildSnapshot(input({ platform: 'freebsd' })).platform).toBe('other')
  })

  it('shows your own room as hosted, with its certificate, before its welcome too', () => {
    const roomCodes = [
      {
        address: '10.0.0.5:1',
        code: encodeRoomCode({ address: '10.0.0.5', port: 1, fingerprint: A }),
      },
    ]
    const own = {
      id: 'r1',
      name: 'Lab',
      fingerprint: A,
      passphrase: true,
      joinAddresses: ['x:1', '10.0.0.5:1'],
      roomCodes,
      guestLink: `https://x:1/#fp=${A}`,
    }
    const snapshot = buildSnapshot(input({ room: inRoom({ own, unread: 2 }) }))
    expect(snapshot.situation).toBe('hosting')
    expect(snapshot.room).toMatchObject({
      id: 'r1',
      name: 'Lab',
      hostName: 'Ada',
      hosting: true,
      joinAddresses: ['x:1', '10.0.0.5:1'],
      roomCodes,
      guestLink: `https://x:1/#fp=${A}`,
      unread: 2,
      security: {
        encrypted: true,
        verificationCode: verificationCode(A),
        trust: 'own',
        passphrase: true,
      },
    })
  })

  it('shows a joined room as its connection and trust say', () => {
    const connecting = buildSnapshot(input({ room: inRoom() })).room
    expect(connecting).toMatchObject({
      id: '',
      name: 'Connecting…',
      hosting: false,
      joinAddresses: [],
      roomCodes: [],
      security: { encrypted: false, verificationCode: null, trust: 'first-use' },
    })
    const view = { ...VIEW, room: { id: 'r2', name: 'Den', hostName: 'Bo' }, fingerprint: B }
    const joined = buildSnapshot(
      input({ room: inRoom({ view, trust: 'verified', joinedWithPassphrase: true }) }),
    )
    expect(joined.situation).toBe('joined')
    expect(joined.room).toMatchObject({
      id: 'r2',
      hostName: 'Bo',
      security: { encrypted: true, trust: 'verified', passphrase: true },
    })
  })

  it('rates the rooms nearby by what they presented, and shows a refused certificate by its codes', () => {
    const store = pins()
    store.pin('r1', A, 'Lab')
    const listed = { id: 'r1', fingerprint: A, presentedFingerprint: B } as DirectoryRoom
    const snapshot = buildSnapshot(
      input({
        pins: store,
        directory: { status: 'found', rooms: [listed], emptySince: null, error: null },
        refused: {
          kind: 'changed',
          roomId: 'r1',
          roomName: 'Lab',
          pinned: A,
          presented: B,
          target: {
            urls: [],
            roomId: 'r1',
            roomName: 'Lab',
            expectedFingerprint: null,
            passphrase: null,
          },
        },
      }),
    )
    expect(snapshot.directory.rooms[0]).toMatchObject({
      trust: 'changed',
      verificationCode: verificationCode(B),
      certificateMismatch: false,
    })
    expect(snapshot.certificateWarning).toEqual({
      kind: 'changed',
      roomId: 'r1',
      roomName: 'Lab',
      pinnedCode: verificationCode(A),
      presentedCode: verificationCode(B),
      presentedFingerprint: B,
    })
  })

  it('reuses the views of what did not change: the rooms nearby, and the room', () => {
    const builder = new SnapshotBuilder()
    const store = pins()
    const listed = { id: 'r1', fingerprint: A, presentedFingerprint: A } as DirectoryRoom
    const directory = { status: 'found' as const, rooms: [listed], emptySince: null, error: null }
    const room = inRoom()
    const base = input({ pins: store, directory, room })
    const first = builder.build(base)
    expect(first.directory.rooms[0]?.trust).toBe('unverified')

    // Someone typing: a new session view; the rooms nearby are the same.
    const typing = { ...VIEW, typing: [{ clientId: 'c1', name: 'Bo' }] }
    const second = builder.build({ ...base, room: { ...room, view: typing } })
    expect(second.directory).toBe(first.directory)
    expect(second.room).not.toBe(first.room)
    expect(second.room?.typing).toBe(typing.typing)
    expect(second.room?.members).toBe(VIEW.members)

    // A directory change leaves the room as it was; the state object is new, so its view is.
    const state = { ...directory }
    const third = builder.build({ ...base, room: { ...room, view: typing }, directory: state })
    expect(third.room).toBe(second.room)
    expect(third.directory).not.toBe(second.directory)
    expect(builder.build({ ...base, directory: state }).directory).toBe(third.directory)

    // A listed room pinned (joined meanwhile): its trust changes with the directory state as it was.
    store.pin('r1', A, 'Lab')
    const pinned = builder.build({ ...base, room: { ...room, unread: 1 }, directory: state })
    expect(pinned.directory.rooms[0]?.trust).toBe('verified')
    expect(pinned.room?.unread).toBe(1)
    const again = builder.build({ ...base, room: { ...room, unread: 1 }, directory: state })
    expect(again.room).toBe(pinned.room)
    expect(again.directory).toBe(pinned.directory)
  })
})
