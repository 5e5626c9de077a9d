/**
 * The messages both minimal comparison hubs (bench/baseline-hub.ts, bench/uws-hub.ts) build, so
 * that they send the same bytes and differ only in how they broadcast them.
 */
import { LIMITS, PROTOCOL_VERSION, type Member } from '../../src/shared/protocol'

/** A field of a parsed JSON object (the minimal hubs validate nothing). */
export function field(value: object, key: string): unknown {
  return (value as Record<string, unknown>)[key]
}

/** The welcome of a room `roomId` with no history and no rate limit. */
export function welcomeMessage(
  roomId: string,
  you: Member,
  members: readonly Member[],
  lastSeq: number,
): object {
  return {
    type: 'welcome',
    v: PROTOCOL_VERSION,
    you,
    room: { id: roomId, name: 'bench', hostName: 'bench', epoch: roomId },
    members,
    history: [],
    lastSeq,
    resumed: false,
    gap: false,
    limits: { maxTextLength: LIMITS.maxTextLength, chatsPerSecond: 0, chatBurst: 1 },
  }
}

/** The chat event `seq` of a chat message from `from`. */
export function chatEvent(message: object, from: Omit<Member, 'host'>, seq: number): object {
  return {
    type: 'chat',
    seq,
    id: field(message, 'id'),
    from: from.clientId,
    name: from.name,
    text: field(message, 'text'),
    ts: Date.now(),
  }
}
