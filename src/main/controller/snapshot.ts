import type {
  DirectoryView,
  JoinFailure,
  LanguagePreference,
  Profile,
  RoomView,
  Snapshot,
} from '../../shared/bridge'
import type { DirectoryState } from '../../shared/protocol'
import { verificationCode } from '../../shared/security/verification-code'
import type { PinStore } from '../security/pins'
import { listedRoomTrust } from '../security/trust'
import type { Refused } from './certificate-warning'
import type { OwnRoom } from './hosting'
import type { SessionView } from './session'

/** How the room you are in is trusted. */
export type Trust = 'verified' | 'first-use' | 'plain'

/** The room you are in, as the controller knows it. */
export interface RoomState {
  /** What the session shows; a new object whenever anything in it changed. */
  view: SessionView
  /** The room you host (a new object when it changes); null when you joined someone else's. */
  own: OwnRoom | null
  /** How a joined room is trusted (null: not known yet). */
  trust: Trust | null
  /** Whether you joined it with a passphrase. */
  joinedWithPassphrase: boolean
  /** Chats from others since the window last marked them read. */
  unread: number
}

/** Everything a snapshot is made of. */
export interface SnapshotInput {
  /** The chosen name; null until the person has chosen one. */
  chosenName: string | null
  profile: Profile
  lastRoomName: string | null
  directory: DirectoryState
  pins: PinStore
  room: RoomState | null
  refused: Refused | null
  joinFailure: JoinFailure | null
  platform: NodeJS.Platform
  /** The Language preference (settings), for the window's first screen. */
  language?: LanguagePreference
}

/** The whole state the window shows, built from what the controller knows. */
export function buildSnapshot(input: SnapshotInput): Snapshot {
  return new SnapshotBuilder().build(input)
}

/**
 * Builds snapshots, reusing the parts that did not change since the last one: the rooms nearby
 * while the directory's state and the pins of its rooms are the same, the room while its session
 * view and the rest of what it shows are. A change in the room (someone typing) then costs a new
 * room view that shares its lists with the session, not a new directory.
 */
export class SnapshotBuilder {
  private directory: { state: DirectoryState; pins: unknown[]; view: DirectoryView } | null = null
  private room: { state: RoomState; hostName: string; view: RoomView } | null = null

  build(input: SnapshotInput): Snapshot {
    const { room } = input
    return {
      profileSet: input.chosenName !== null,
      profile: input.profile,
      situation: room ? (room.own ? 'hosting' : 'joined') : 'idle',
      directory: this.directoryView(input.directory, input.pins),
      room: room ? this.roomView(room, input.profile.name) : null,
      lastRoomName: input.lastRoomName,
      platform: platformName(input.platform),
      certificateWarning: certificateWarning(input.refused),
      joinFailure: input.joinFailure,
      ...(room && room.view.files !== undefined ? { files: room.view.files } : {}),
      ...(input.language !== undefined ? { language: input.language } : {}),
    }
  }

  private directoryView(state: DirectoryState, pins: PinStore): DirectoryView {
    // A pin is replaced, never changed in place: the same pin objects mean the same trust.
    const pinned = state.rooms.map((room) => pins.get(room.id))
    const last = this.directory
    if (last && last.state === state && sameItems(last.pins, pinned)) return last.view
    const view = directoryView(state, pins)
    this.directory = { state, pins: pinned, view }
    return view
  }

  private roomView(state: RoomState, hostName: string): RoomView {
    const last = this.room
    if (last && last.hostName === hostName && sameRoomState(last.state, state)) return last.view
    const view = roomView(state, hostName)
    this.room = { state, hostName, view }
    return view
  }
}

/** Whether two lists hold the same items (by identity), in the same order. */
export function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i])
}

function sameRoomState(a: RoomState, b: RoomState): boolean {
  return (
    a.view === b.view &&
    a.own === b.own &&
    a.trust === b.trust &&
    a.joinedWithPassphrase === b.joinedWithPassphrase &&
    a.unread === b.unread
  )
}

/** The rooms nearby, each rated by the certificate it presented against the pin. */
export function directoryView(state: DirectoryState, pins: PinStore): DirectoryView {
  return {
    ...state,
    rooms: state.rooms.map((room) => {
      const presented = room.presentedFingerprint ?? null
      const advertised = room.fingerprint ?? null
      // From the certificate the room's connection presented, against the pin: never from
      // the advertisement alone (see security/trust.ts).
      const trust = listedRoomTrust(pins, room)
      const shown = presented ?? advertised
      return {
        ...room,
        trust,
        verificationCode: shown ? verificationCode(shown) : null,
        certificateMismatch: room.certificateMismatch ?? false,
        scanned: room.scanned ?? false,
      }
    }),
  }
}

/** The room you are in; `hostName` is yours, for your own room before its welcome. */
export function roomView(state: RoomState, hostName: string): RoomView {
  const { view, own } = state
  const fallback = own
    ? { id: own.id, name: own.name, hostName }
    : { id: '', name: 'Connecting…', hostName: '' }
  const room = view.room ?? fallback
  const fingerprint = own ? own.fingerprint : view.fingerprint
  return {
    ...room,
    security: {
      encrypted: fingerprint !== null,
      verificationCode: fingerprint ? verificationCode(fingerprint) : null,
      trust: own ? 'own' : (state.trust ?? 'first-use'),
      passphrase: own ? own.passphrase : state.joinedWithPassphrase,
    },
    hosting: own !== null,
    joinAddresses: own ? own.joinAddresses : [],
    roomCodes: own ? own.roomCodes : [],
    guestLink: own ? own.guestLink : null,
    connection: view.connection,
    members: view.members,
    typing: view.typing,
    maxTextLength: view.maxTextLength,
    unread: state.unread,
    features: view.features,
    reads: view.reads,
  }
}

/** A refused certificate, as the person compares it with the host. */
export function certificateWarning(refused: Refused | null): Snapshot['certificateWarning'] {
  if (!refused) return null
  return {
    kind: refused.kind,
    roomId: refused.roomId,
    roomName: refused.roomName,
    pinnedCode: refused.pinned ? verificationCode(refused.pinned) : null,
    presentedCode: refused.presented ? verificationCode(refused.presented) : null,
    presentedFingerprint: refused.presented,
  }
}

function platformName(platform: NodeJS.Platform): Snapshot['platform'] {
  if (platform === 'win32') return 'windows'
  if (platform === 'darwin') return 'mac'
  if (platform === 'linux') return 'linux'
  return 'other'
}
