import { z } from 'zod'
import { LIMITS, type Limits } from './limits'
import { ERROR_CODES, type ErrorCode } from './codes'

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
// C0/C1 controls, and the bidirectional overrides that can make a name display as another.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
// Text may carry line breaks and tabs; no other control characters.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

// A UTF-16 surrogate without its pair: not text, and other languages' JSON decoders choke.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** A name as people see it: trimmed, 1..max characters, no control characters. */
const nameSchema = (max: number): z.ZodType<string, string> =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(max, `must be at most ${max} characters`)
        .refine((s) => !FORBIDDEN_IN_NAME.test(s), 'must not contain control characters')
        .refine((s) => !LONE_SURROGATE.test(s), 'must be well-formed text'),
    )

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
  const displayName = nameSchema(limits.maxNameLength)
  const roomName = nameSchema(limits.maxRoomNameLength)
  const text = z
    .string()
    // Windows line endings are line breaks too; the room stores one kind.
    .transform((s) => s.replace(/\r\n?/g, '\n'))
    .pipe(
      z
        .string()
        .max(limits.maxTextLength, `must be at most ${limits.maxTextLength} characters`)
        .refine((s) => s.trim().length > 0, 'must not be blank')
        .refine((s) => !FORBIDDEN_IN_TEXT.test(s), 'must not contain control characters')
        .refine((s) => !LONE_SURROGATE.test(s), 'must be well-formed text'),
    )
  const seq = z.number().int().min(0)
  const epoch = z.string().min(1).max(64).regex(TOKEN)

  /** base64url of n bytes, unpadded. */
  const base64url = (bytes: number) =>
    z
      .string()
      .length(Math.ceil((bytes * 4) / 3))
      .regex(TOKEN, 'must be base64url')
  /** An OPAQUE message (base64url); these are 86–600 characters. */
  const opaqueMessage = z.string().min(1).max(1024).regex(TOKEN, 'must be base64url')

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
  const member = z.object({ clientId, name: displayName, host: z.boolean() })
  const chatEvent = z.object({
    type: z.literal('chat'),
    seq: seq.min(1),
    id: messageId,
    from: clientId,
    name: displayName,
    text: z.string().max(limits.maxTextLength),
    ts: z.number().int(),
  })
  const room = z.object({
    id: epoch,
    name: roomName,
    hostName: displayName,
    epoch,
  })
  const welcome = z.object({
    type: z.literal('welcome'),
    v: z.number().int(),
    you: member,
    room,
    members: z.array(member),
    history: z.array(chatEvent),
    lastSeq: seq,
    resumed: z.boolean(),
    gap: z.boolean(),
    /** The room's limits, so that clients can pace and check before sending. */
    limits: z.object({
      maxTextLength: z.number().int().min(1),
      chatsPerSecond: z.number().min(0),
      chatBurst: z.number().int().min(1),
    }),
  })
  const joined = z.object({ type: z.literal('joined'), member })
  const renamed = z.object({ type: z.literal('renamed'), member })
  const left = z.object({
    type: z.literal('left'),
    clientId,
    name: displayName,
    reason: z.enum(['left', 'lost', 'removed']),
  })
  const typingEvent = z.object({
    type: z.literal('typing'),
    clientId,
    name: displayName,
    active: z.boolean(),
  })
  const error = z.object({
    type: z.literal('error'),
    code: z.enum(Object.values(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    id: messageId.optional(),
    retryAfterMs: z.number().int().min(0).optional(),
  })
  const closing = z.object({
    type: z.literal('closing'),
    reason: z.literal('host_stopped'),
    message: z.string(),
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
    protocol: z.string(),
    roomId: epoch,
    name: roomName,
    hostName: displayName,
    members: z.number().int().min(0),
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
    text,
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

/** One readable line for a failed parse, naming the field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ` : '') + issue.message)
    .join('; ')
}

/** The types a client may send, for `unknown_type` versus `invalid_message`. */
export const CLIENT_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  'hello',
  'login_finish',
  'chat',
  'typing',
])
export { ERROR_CODES }
