import { z } from 'zod'
import { LIMITS, type Limits } from './limits'
import { ERROR_CODES, type ErrorCode } from './codes'
import { clip, longerThan, moreBytesThan } from './lengths'
import { nameProblem, repairName } from './names'

/** Wire protocol version carried in `hello`, `welcome`, `/info` and the mDNS TXT record. */
export const PROTOCOL_VERSION = 1
/** WebSocket subprotocol a client must offer. */
export const SUBPROTOCOL = 'lanroom.v1'
/** Path of the WebSocket endpoint and of the room description. */
export const WS_PATH = '/ws'
export const INFO_PATH = '/info'
/** The hub's default port; when it is taken and no port was asked for, any free port is used. */
export const DEFAULT_PORT = 47_800

const TOKEN = /^[A-Za-z0-9_-]+$/
// Text may carry line breaks and tabs; no other control characters, and none of the
// bidirectional embeddings, overrides and isolates that can make text display as other text.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_TEXT_ALL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

// A UTF-16 surrogate without its pair: not text, and other languages' JSON decoders choke.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const LONE_SURROGATE_ALL = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** The first length problem of `value`, or null: bytes first (cheap), then graphemes. */
function lengthProblem(value: string, maxLength: number, maxBytes: number): string | null {
  if (moreBytesThan(value, maxBytes)) return `must be at most ${maxBytes} bytes of UTF-8`
  if (longerThan(value, maxLength)) return `must be at most ${maxLength} characters`
  return null
}

/** A string checked by `problem`, which names the first thing wrong with it (or null). */
function checked(problem: (value: string) => string | null): z.ZodType<string, string> {
  return z.string().superRefine((value, context) => {
    const message = problem(value)
    if (message !== null) context.addIssue({ code: 'custom', message })
  })
}

/** A name as people see it: trimmed, 1..maxLength characters and maxBytes bytes, and the
 * character rule of names.ts. */
const nameSchema = (maxLength: number, maxBytes: number): z.ZodType<string, string> =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(
      checked((name) => {
        if (name.length === 0) return 'must not be empty'
        return lengthProblem(name, maxLength, maxBytes) ?? nameProblem(name)
      }),
    )

/** A name from a peer: repaired (names.ts) before the same rule, so that a name written under an
 * earlier rule shows clean instead of making the whole message unreadable. Bounded first. */
const peerNameSchema = (maxLength: number, maxBytes: number): z.ZodType<string, string> =>
  z
    .string()
    // A valid name has at most maxBytes code units; twice that leaves room for what a repair
    // removes, and anything longer is refused before any work is spent on it.
    .refine((s) => s.length <= maxBytes * 2, {
      message: `must be at most ${maxBytes} bytes of UTF-8`,
      abort: true,
    })
    .transform(repairName)
    .pipe(nameSchema(maxLength, maxBytes))

/** Builds every schema of the protocol for a set of limits (tests inject smaller ones). */
export function createSchemas(limits: Limits = LIMITS) {
  const clientId = z
    .string()
    .min(limits.minClientIdLength)
    .max(limits.maxClientIdLength)
    .regex(TOKEN, 'must use only A-Z a-z 0-9 _ -')
  const messageId = z
    .string()
    .min(1)
    .max(limits.maxMessageIdLength)
    .regex(TOKEN, 'must use only A-Z a-z 0-9 _ -')
  const displayName = nameSchema(limits.maxNameLength, limits.maxNameBytes)
  const roomName = nameSchema(limits.maxRoomNameLength, limits.maxRoomNameBytes)
  const peerDisplayName = peerNameSchema(limits.maxNameLength, limits.maxNameBytes)
  const peerRoomName = peerNameSchema(limits.maxRoomNameLength, limits.maxRoomNameBytes)
  const text = z
    .string()
    // Windows line endings are line breaks too; the room stores one kind.
    .transform((s) => s.replace(/\r\n?/g, '\n'))
    .pipe(
      checked((s) => {
        const tooLong = lengthProblem(s, limits.maxTextLength, limits.maxTextBytes)
        if (tooLong !== null) return tooLong
        if (s.trim().length === 0) return 'must not be blank'
        if (FORBIDDEN_IN_TEXT.test(s)) return 'must not contain control characters'
        if (LONE_SURROGATE.test(s)) return 'must be well-formed text'
        return null
      }),
    )
  /** A sentence from the hub for people (`error.message`, `closing.message`): bounded, and
   * shown without the characters chat text may not carry. */
  const reason = checked((s) =>
    lengthProblem(s, limits.maxReasonLength, limits.maxReasonBytes),
  ).transform((s) => s.replace(FORBIDDEN_IN_TEXT_ALL, '').replace(LONE_SURROGATE_ALL, '\ufffd'))
  const seq = z.number().int().min(0)
  const epoch = z.string().min(1).max(limits.maxRoomIdLength).regex(TOKEN)

  /** base64url of n bytes, unpadded. */
  const base64url = (bytes: number) =>
    z
      .string()
      .length(Math.ceil((bytes * 4) / 3))
      .regex(TOKEN, 'must be base64url')
  /** An OPAQUE message (base64url); these are 86–600 characters. */
  const opaqueMessage = z
    .string()
    .min(1)
    .max(limits.maxLoginMessageLength)
    .regex(TOKEN, 'must be base64url')

  // ---- client → hub ----
  const hello = z.object({
    type: z.literal('hello'),
    v: z.number().int(),
    name: displayName,
    clientId,
    /** Ed25519 public key, raw 32 bytes; clientId must be derived from it. */
    key: base64url(32),
    /** Ed25519 signature of the hello transcript (docs/protocol.md, Identity). */
    sig: base64url(64),
    /** OPAQUE KE1, in a passphrase room. */
    login: opaqueMessage.optional(),
    resume: z.object({ epoch, lastSeq: seq }).optional(),
  })
  const loginFinish = z.object({ type: z.literal('login_finish'), finish: opaqueMessage })
  const chat = z.object({ type: z.literal('chat'), id: messageId, text })
  const typing = z.object({ type: z.literal('typing'), active: z.boolean() })
  const clientMessage = z.discriminatedUnion('type', [hello, loginFinish, chat, typing])

  // ---- hub → client ----
  const challenge = z.object({
    type: z.literal('challenge'),
    v: z.number().int(),
    /** 32 random bytes, new for every connection: what `hello.sig` signs. */
    nonce: base64url(32),
    roomId: epoch,
    /** Whether `hello` must carry a passphrase login. */
    passphrase: z.boolean(),
  })
  const login = z.object({ type: z.literal('login'), response: opaqueMessage })
  const member = z.object({ clientId, name: peerDisplayName, host: z.boolean() })
  /** A stamped chat, as the hub sends it and keeps it on disk: the same text rule as `chat`. */
  const chatEvent = z.object({
    type: z.literal('chat'),
    seq: seq.min(1),
    id: messageId,
    from: clientId,
    name: peerDisplayName,
    text,
    ts: z.number().int(),
  })
  const room = z.object({
    id: epoch,
    name: peerRoomName,
    hostName: peerDisplayName,
    epoch,
  })
  /** A number a client caps at its own limit rather than refusing the welcome over it. */
  const atMost = (max: number) => (n: number) => Math.min(n, max)
  const welcome = z.object({
    type: z.literal('welcome'),
    v: z.number().int(),
    you: member,
    room,
    members: z.array(member).max(limits.maxMembers),
    history: z.array(chatEvent).max(limits.historySize),
    lastSeq: seq,
    resumed: z.boolean(),
    gap: z.boolean(),
    /** The room's limits, so that clients can pace and check before sending. */
    limits: z.object({
      maxTextLength: z.number().int().min(1).transform(atMost(limits.maxTextLength)),
      chatsPerSecond: z.number().min(0).transform(atMost(limits.maxChatsPerSecond)),
      chatBurst: z.number().int().min(1).transform(atMost(limits.maxChatsPerSecond)),
    }),
  })
  const joined = z.object({ type: z.literal('joined'), member })
  const renamed = z.object({ type: z.literal('renamed'), member })
  const left = z.object({
    type: z.literal('left'),
    clientId,
    name: peerDisplayName,
    reason: z.enum(['left', 'lost', 'removed']),
  })
  const typingEvent = z.object({
    type: z.literal('typing'),
    clientId,
    name: peerDisplayName,
    active: z.boolean(),
  })
  const error = z.object({
    type: z.literal('error'),
    code: z.enum(Object.values(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
    message: reason,
    id: messageId.optional(),
    retryAfterMs: z.number().int().min(0).max(limits.maxRetryAfterMs).optional(),
  })
  const closing = z.object({
    type: z.literal('closing'),
    reason: z.literal('host_stopped'),
    message: reason,
  })
  const hubMessage = z.discriminatedUnion('type', [
    challenge,
    login,
    welcome,
    joined,
    renamed,
    left,
    chatEvent,
    typingEvent,
    error,
    closing,
  ])

  const info = z.object({
    v: z.number().int(),
    protocol: z.string().max(limits.maxProtocolNameLength),
    roomId: epoch,
    name: peerRoomName,
    hostName: peerDisplayName,
    members: z.number().int().min(0).max(limits.maxMembers),
    passphrase: z.boolean(),
    /** Whether the hub speaks TLS (https/wss). */
    tls: z.boolean(),
    /** SHA-256 of the hub's certificate, 64 lowercase hex digits; null without TLS. */
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
  })

  return {
    clientId,
    messageId,
    displayName,
    roomName,
    peerDisplayName,
    peerRoomName,
    text,
    reason,
    hello,
    loginFinish,
    chat,
    typing,
    clientMessage,
    challenge,
    login,
    member,
    chatEvent,
    welcome,
    joined,
    renamed,
    left,
    typingEvent,
    error,
    closing,
    hubMessage,
    info,
  }
}

export type Schemas = ReturnType<typeof createSchemas>
export const SCHEMAS: Schemas = createSchemas()

export type HelloMessage = z.infer<Schemas['hello']>
export type LoginFinishMessage = z.infer<Schemas['loginFinish']>
export type ChallengeMessage = z.infer<Schemas['challenge']>
export type LoginMessage = z.infer<Schemas['login']>
export type ChatMessage = z.infer<Schemas['chat']>
export type TypingMessage = z.infer<Schemas['typing']>
export type ClientMessage = z.infer<Schemas['clientMessage']>

export type Member = z.infer<Schemas['member']>
export type ChatEvent = z.infer<Schemas['chatEvent']>
export type WelcomeMessage = z.infer<Schemas['welcome']>
export type JoinedMessage = z.infer<Schemas['joined']>
export type RenamedMessage = z.infer<Schemas['renamed']>
export type LeftMessage = z.infer<Schemas['left']>
export type LeaveReason = LeftMessage['reason']
export type TypingEvent = z.infer<Schemas['typingEvent']>
export type ErrorMessage = z.infer<Schemas['error']>
export type ClosingMessage = z.infer<Schemas['closing']>
export type HubMessage = z.infer<Schemas['hubMessage']>
export type RoomInfo = z.infer<Schemas['info']>

/** How long describeIssues' line may be: room is left for a prefix such as "invalid hello: ",
 * so that every message made with it fits maxReasonLength and maxReasonBytes. */
export const ISSUES_MAX_LENGTH = LIMITS.maxReasonLength - 40
export const ISSUES_MAX_BYTES = LIMITS.maxReasonBytes - 100

/** One readable line for a failed parse, naming the field; clipped to ISSUES_MAX_LENGTH. */
export function describeIssues(error: z.ZodError): string {
  const line = error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ` : '') + issue.message)
    .join('; ')
  return clip(line, ISSUES_MAX_LENGTH, ISSUES_MAX_BYTES)
}

/** The types a client may send, for `unknown_type` versus `invalid_message`. */
export const CLIENT_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  'hello',
  'login_finish',
  'chat',
  'typing',
])
export { ERROR_CODES }
