import { JOIN_ERROR_CODES, type JoinFailure } from '../../shared/bridge'
import type { DirectoryRoom, DirectoryState } from '../../shared/protocol'
import type { ClosedState } from '../connection'
import { clipMessage } from '../connection/close-reason'
import { checkPeer } from '../security/trust'
import type { Refusal } from './certificate-warning'
import type { ControllerDeps } from './deps'
import type { RoomSession } from './session'
import type { Trust } from './snapshot'

/** How to join a room: kept with a refusal, so that "trust the new certificate" joins again. */
export interface JoinTarget {
  urls: string[]
  /** The room the person chose (rooms nearby, or the one inspected at a typed address); null
   * for an address nobody looked at first. */
  roomId: string | null
  roomName: string
  /** The certificate the person confirmed by its code (join by address). */
  expectedFingerprint: string | null
  passphrase: string | null
  /**
   * `expectedFingerprint` is the one a room code named (docs/room-code.md): as good as a code
   * compared with the host, so the room is verified and its certificate may replace a pin.
   */
  confirmedByCode?: boolean
}

/** A room joined: its session, and how far it is trusted. */
export interface Joined {
  session: RoomSession
  trust: Trust
  passphrase: boolean
}

/** What every join failure carries: a code for the window, a sentence, and the kind. */
export class JoinError extends Error {
  constructor(
    readonly failure: JoinFailure,
    readonly code: string,
  ) {
    super(failure.message)
  }
}

type JoiningDeps = Pick<ControllerDeps, 'connect' | 'identity' | 'pins' | 'directory'>

/** Told of each certificate refused for a room, on the first connection or any reconnect. */
export type RefusalListener = (roomId: string, roomName: string, check: Refusal) => void

export function findRoom(state: DirectoryState, id: string): DirectoryRoom | undefined {
  return state.rooms.find((room) => room.id === id)
}

/**
 * Joins the room of `target` as `name`. Before anything is sent on a connection (the first and
 * every reconnect), the room that answers and its certificate are checked by the
 * trust-on-first-use rule: pins are looked up by the room the person chose, else by the room
 * that answered first. Either way the session is held to that one room: another answering at
 * its address on a reconnect is refused. Resolves once the room has let us in (its certificate
 * then pinned); rejects with a JoinError saying why not.
 */
export async function joinRoom(
  deps: JoiningDeps,
  target: JoinTarget,
  name: string,
  refused: RefusalListener,
): Promise<Joined> {
  const pins = deps.pins
  let pinnedBefore: boolean | null = null
  /** The last certificate refused, with the room id it was checked against. */
  let refusal: { roomId: string; check: Refusal } | null = null
  /** The room this session is for: the one chosen, else the first that was accepted. */
  let chosen = target.roomId
  /** Its name, as its welcome says (for a room joined by an address nobody inspected). */
  let welcomedName = ''
  const session = deps.connect({
    urls: target.urls,
    roomId: target.roomId,
    name,
    identity: deps.identity,
    ...(target.passphrase ? { passphrase: target.passphrase } : {}),
    verifyPeer: (peer) => {
      const roomId = chosen ?? peer.roomId
      const roomName =
        target.roomName ||
        welcomedName ||
        findRoom(deps.directory.state, roomId)?.name ||
        pins.get(roomId)?.name ||
        ''
      const check = checkPeer(pins, {
        roomId,
        answeringRoomId: peer.roomId,
        fingerprint: peer.fingerprint,
        expectedFingerprint: target.expectedFingerprint,
        acceptChanged: target.confirmedByCode ? target.expectedFingerprint : null,
        roomName,
      })
      if (!check.ok) {
        refusal = { roomId, check }
        refused(roomId, roomName, check)
        return check.message
      }
      pinnedBefore ??= check.status === 'match'
      chosen = roomId
      return null
    },
    resolveCandidates: async (id) => findRoom(deps.directory.state, id)?.urls ?? target.urls,
  })
  try {
    await session.ready
  } catch (error) {
    await session.close().catch(() => {})
    throw joinError(session.ended, error as Error, refusal, target)
  }
  const view = session.view
  welcomedName = view.room?.name ?? ''
  const fingerprint = view.fingerprint
  if (view.room && fingerprint) pins.pin(view.room.id, fingerprint, view.room.name)
  return {
    session,
    trust:
      fingerprint === null
        ? 'plain'
        : pinnedBefore || target.confirmedByCode
          ? 'verified'
          : 'first-use',
    passphrase: target.passphrase !== null,
  }
}

/** A join that failed, as a code the window acts on, a sentence and the kind of failure. */
export function joinError(
  ended: ClosedState | null,
  error: Error,
  refusal: { roomId: string; check: Refusal } | null,
  target: JoinTarget,
): JoinError {
  const roomId = refusal?.roomId ?? target.roomId
  const fail = (kind: JoinFailure['kind'], code: string, message: string, retryAt?: number) =>
    new JoinError({ kind, roomId, message: clipMessage(message), retryAt: retryAt ?? null }, code)
  switch (ended?.reason) {
    case 'untrusted': {
      const refusedKind = refusal?.check.kind
      if (!refusedKind || refusedKind === 'another-room') {
        return fail('other', 'APP_ERR_CONNECT', ended.message)
      }
      const kind = `certificate_${refusedKind}` as const
      return fail(kind, JOIN_ERROR_CODES[kind], ended.message)
    }
    case 'passphrase':
      return ended.errorCode === 'wrong_passphrase'
        ? fail('wrong_passphrase', JOIN_ERROR_CODES.wrong_passphrase, 'Wrong passphrase.')
        : fail(
            'passphrase_required',
            JOIN_ERROR_CODES.passphrase_required,
            'This room needs a passphrase.',
          )
    case 'throttled': {
      const waitMs = ended.retryAfterMs ?? 10_000
      const seconds = Math.ceil(waitMs / 1000)
      return fail(
        'throttled',
        JOIN_ERROR_CODES.throttled,
        `Too many wrong passphrases from this computer. Try again in ${seconds} s.`,
        Date.now() + waitMs,
      )
    }
    default:
      return fail('other', 'APP_ERR_CONNECT', error.message)
  }
}
