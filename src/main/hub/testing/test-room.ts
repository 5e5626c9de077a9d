import {
  LIMITS,
  createSchemas,
  type HelloMessage,
  type Limits,
  type TimelineEvent,
} from '../../../shared/protocol'
import type { RoomFiles } from '../files/hub-files'
import { SILENT_LOGGER } from '../logger'
import { Room, type MemberLink, type RoomOptions, type Seat } from '../room'
import { memoryTimeline } from './memory-store'
import { RecordingLink } from './recording-link'

/** A member's connection without a socket: it keeps what the room sends it. */
export class Seated extends RecordingLink implements MemberLink {
  seat: Seat | null = null
}

export const TEST_ROOM = { id: 'room-1', name: 'Room', hostName: 'Host', epoch: 'epoch-1' }

/**
 * A room for tests of its rules, on a timeline in memory, broadcasting to its links at once:
 * `options` as given, LIMITS and the room's chat rate otherwise. `log`: the events appended to
 * the timeline, as JSON.
 */
export function testRoom<L extends MemberLink = Seated>(
  options: Partial<Omit<RoomOptions<L>, 'limits'>> & {
    limits?: Partial<Limits>
    loaded?: TimelineEvent[]
  } = {},
): { room: Room<L>; log: string[] } {
  const limits = { ...LIMITS, ...options.limits }
  const { store, states, appended: log } = memoryTimeline(options.loaded, limits)
  const room = new Room<L>({
    room: TEST_ROOM,
    store,
    states,
    rateLimit: limits.chatsPerSecond,
    schemas: createSchemas(limits),
    log: SILENT_LOGGER,
    broadcaster: {
      broadcast: (frame, to, except) => {
        for (const link of to) if (link !== except) link.send(frame, true)
      },
    },
    ...options,
    limits,
  })
  return { room, log }
}

/** A hello the room takes as proven (the room itself checks no proof). */
export function testHello(name: string, clientId = `client-${name.toLowerCase()}`): HelloMessage {
  return { type: 'hello', v: 1, name, clientId, key: 'k', sig: 's' }
}

/** What a room's file store says when it cannot take a file right now. */
export const STORE_REFUSAL = {
  code: 'rate_limited',
  message: 'the store cannot take it now',
  retryAfterMs: 1_000,
} as const

/** The room's files for tests of its rules: every file chat taken, with no upload check,
 * unless `refusal` or `verifying` say otherwise. */
export function testFiles(
  parts: Partial<Pick<RoomFiles, 'refusal' | 'verifying'>> = {},
): RoomFiles {
  return {
    welcome: () => ({ token: 't'.repeat(43), maxFileBytes: 1_000 }),
    ended: () => {},
    refusal: () => null,
    verifying: () => null,
    shared: () => [],
    available: () => true,
    deleted: () => {},
    ...parts,
  }
}
