import { z } from 'zod'
import { LIMITS, type Limits } from './limits'
import { ERROR_CODES, type ErrorCode } from './codes'
import { clip, graphemeLength, longerThan, moreBytesThan } from './lengths'
import { fileNameProblem, MEDIA_TYPE } from './files'
import { hubUrlsSchema } from './hub-urls'
import { nameProblem, repairName } from './names'
import type { ChatEvent } from './message-types'

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

/**
 * `words` from a hub (or anything else on the network) made safe to show or print: without
 * the characters chat text may not carry (controls but line breaks and tabs, bidi overrides:
 * what a terminal would act on, or what makes text show as other text), lone surrogates
 * replaced. What the schemas do to `error.message` and `closing.message`, for the words that
 * arrive elsewhere: a close frame's reason, an HTTP error's body.
 */
export function safeWords(words: string): string {
  return words.replace(FORBIDDEN_IN_TEXT_ALL, '').replace(LONE_SURROGATE_ALL, '\ufffd')
}

/** `words` as safeWords makes them, on one line: every run of white space one space. */
export function safeLine(words: string): string {
  return safeWords(words).replace(/\s+/g, ' ').trim()
}

/** What makes a grapheme an emoji: a pictographic code point, a flag (two regional indicators)
 * or a keycap (a digit, `#` or `*` with U+20E3). */
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}{2}|\u20e3/u

/** What a deleted chat's `text` is, wherever the hub sends it: clients that do not know
 * deletes show this, and the hub no longer has the original. */
export const DELETED_TEXT = 'message deleted'

/**
 * A chat as it stands once deleted: DELETED_TEXT and `deleted: true`; its file (name and
 * thumbnail), reactions and edit mark go, its reply and mentions stay, in their key order.
 */
export function deletedChat(chat: ChatEvent): ChatEvent {
  const out: ChatEvent = { ...chat, text: DELETED_TEXT, deleted: true }
  delete out.file
  delete out.reactions
  delete out.edited
  return out
}

/** Features a hub lists in `welcome.features`; a client ignores names it does not know. */
export const FEATURES = [
  'reply',
  'reactions',
  'edit',
  'delete',
  'mentions',
  'read',
  'history',
  'search',
  'files',
] as const
export type Feature = (typeof FEATURES)[number]

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
  ).transform(safeWords)
  const seq = z.number().int().min(0)
  /** When a hub stamped an op: ms since the Unix epoch, within what a Date holds. */
  const timestamp = z.number().int().min(0).max(limits.maxTimestampMs)
  /** A timeline event's place in the room: a seq of an event that exists. */
  const target = z.number().int().min(1)
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
  /** Client ids a chat mentions: unique, bounded. */
  const mentions = z
    .array(clientId)
    .max(limits.maxMentions)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a client id')
  /** One emoji: one grapheme, bounded in bytes, pictographic, without control characters. */
  const emoji = checked((s) => {
    if (moreBytesThan(s, limits.maxEmojiBytes))
      return `must be at most ${limits.maxEmojiBytes} bytes`
    if (graphemeLength(s, 2) !== 1) return 'must be exactly one character'
    if (FORBIDDEN_IN_TEXT.test(s) || LONE_SURROGATE.test(s)) return 'must be an emoji'
    if (!EMOJI.test(s)) return 'must be an emoji'
    return null
  })
  /** A file a member shares (feature `files`): the upload it finished, as it declares it.
   * See docs/protocol.md, Files. */
  const fileName = z.string().pipe(checked((s) => fileNameProblem(s, limits)))
  const imageSide = z.number().int().min(1).max(limits.maxImageSide)
  const file = z.object({
    /** The upload's id (the last part of its tus URL); once shared, the file's id. */
    id: messageId,
    name: fileName,
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /** Advisory media type; a receiver never trusts it to open or show the file. */
    type: z.string().max(limits.maxFileTypeLength).regex(MEDIA_TYPE, 'must be type/subtype'),
    /** SHA-256 of the bytes, lowercase hex. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
    /** An image's size in pixels, as the sender read it. */
    width: imageSide.optional(),
    height: imageSide.optional(),
    /** A small preview made by the sender: base64url (unpadded) of a PNG, JPEG or WebP of at
     * most maxThumbBytes whose header says at most maxThumbSide pixels a side. */
    thumb: z
      .string()
      .min(1)
      .max(Math.ceil((limits.maxThumbBytes * 4) / 3))
      .regex(TOKEN, 'must be base64url')
      .optional(),
  })
  const chat = z.object({
    type: z.literal('chat'),
    id: messageId,
    text,
    /** A shared file; `text` is then its caption, or the file's name when it has none. */
    file: file.optional(),
    /** The seq of the chat this one answers. */
    replyTo: target.optional(),
    mentions: mentions.optional(),
    /** Notifies everyone present (`@room`); rate-limited (LIMITS.roomMentionIntervalMs). */
    mentionsRoom: z.literal(true).optional(),
  })
  const typing = z.object({ type: z.literal('typing'), active: z.boolean() })
  const react = z.object({ type: z.literal('react'), id: messageId, target, emoji })
  const unreact = z.object({ type: z.literal('unreact'), id: messageId, target, emoji })
  const edit = z.object({ type: z.literal('edit'), id: messageId, target, text })
  const del = z.object({ type: z.literal('delete'), id: messageId, target })
  const read = z.object({ type: z.literal('read'), seq: target })
  const history = z
    .object({
      type: z.literal('history'),
      id: messageId,
      before: target.optional(),
      after: seq.optional(),
      limit: z.number().int().min(1).max(limits.pageLimit),
    })
    .refine((m) => (m.before === undefined) !== (m.after === undefined), {
      message: 'must have exactly one of before and after',
    })
  const searchText = z
    .string()
    .transform((s) => s.trim())
    .pipe(
      checked((s) => {
        if (s.length === 0) return 'must not be blank'
        const tooLong = lengthProblem(s, limits.maxSearchLength, limits.maxSearchBytes)
        if (tooLong !== null) return tooLong
        if (FORBIDDEN_IN_TEXT.test(s)) return 'must not contain control characters'
        if (LONE_SURROGATE.test(s)) return 'must be well-formed text'
        return null
      }),
    )
  const search = z.object({
    type: z.literal('search'),
    id: messageId,
    text: searchText,
    before: target.optional(),
    limit: z.number().int().min(1).max(limits.maxSearchResults).optional(),
  })
  const clientMessage = z.discriminatedUnion('type', [
    hello,
    loginFinish,
    chat,
    typing,
    react,
    unreact,
    edit,
    del,
    read,
    history,
    search,
  ])

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
  const member = z.object({
    clientId,
    name: peerDisplayName,
    host: z.boolean(),
    /** Present only for a member that joined from the hub's own page (a browser guest). */
    guest: z.literal(true).optional(),
  })
  /** Who reacted with one emoji to a chat. */
  const reaction = z.object({
    emoji,
    from: z.array(clientId).min(1).max(limits.maxReactionsPerMessage),
  })
  /**
   * A stamped chat, as the hub sends it and keeps it on disk: the same text rule as `chat`.
   * `edited`, `deleted` and `reactions` appear only on a chat "materialized" (its state when
   * the hub sent it: in `welcome.history` and in pages), never on a live broadcast.
   */
  const chatEvent = z.object({
    type: z.literal('chat'),
    seq: seq.min(1),
    id: messageId,
    from: clientId,
    name: peerDisplayName,
    text,
    ts: timestamp,
    replyTo: target.optional(),
    mentions: mentions.optional(),
    mentionsRoom: z.literal(true).optional(),
    /** A shared file; `expired` once the hub no longer has its bytes (budget, or the host). */
    file: file.extend({ expired: z.literal(true).optional() }).optional(),
    edited: z.literal(true).optional(),
    deleted: z.literal(true).optional(),
    reactions: z
      .array(reaction)
      .max(limits.maxReactionEmoji)
      .refine(
        (list) => list.reduce((n, r) => n + r.from.length, 0) <= limits.maxReactionsPerMessage,
        `must list at most ${limits.maxReactionsPerMessage} reactions`,
      )
      .optional(),
  })
  /** What every stamped op other than a chat carries. */
  const stamped = {
    seq: seq.min(1),
    id: messageId,
    from: clientId,
    name: peerDisplayName,
    target,
    ts: timestamp,
  }
  const reactEvent = z.object({ type: z.literal('react'), ...stamped, emoji })
  const unreactEvent = z.object({ type: z.literal('unreact'), ...stamped, emoji })
  const editEvent = z.object({ type: z.literal('edit'), ...stamped, text })
  const deleteEvent = z.object({ type: z.literal('delete'), ...stamped })
  /** A timeline event other than a chat: what `welcome.events` carries. */
  const opEvent = z.discriminatedUnion('type', [reactEvent, unreactEvent, editEvent, deleteEvent])
  const readPosition = z.object({ clientId, seq: target })
  const readPositions = z.array(readPosition).max(limits.maxReadPositions)
  const room = z.object({
    id: epoch,
    name: peerRoomName,
    hostName: peerDisplayName,
    epoch,
  })
  /** A clustered room's other live hubs, where to go when this one dies (hub-urls.ts). */
  const hubs = hubUrlsSchema(limits)
  /** A number a client caps at its own limit rather than refusing the welcome over it. */
  const atMost = (max: number) => (n: number) => Math.min(n, max)
  const welcome = z.object({
    type: z.literal('welcome'),
    v: z.number().int(),
    you: member,
    room,
    members: z.array(member).max(limits.maxRoomMembers),
    history: z.array(chatEvent).max(limits.historySize),
    lastSeq: seq,
    resumed: z.boolean(),
    gap: z.boolean(),
    /** What this hub does beyond plain chat (FEATURES); unknown names are kept and ignored. */
    features: z.array(z.string().max(limits.maxFeatureLength)).max(limits.maxFeatures).optional(),
    /** When resuming: the reactions, edits and deletes missed, ascending seq. */
    events: z.array(opEvent).max(limits.maxResumeEvents).optional(),
    /** Read positions the hub knows. */
    reads: readPositions.optional(),
    hubs: hubs.optional(),
    /** Feature `files`: this member's file credential (a bearer token for the HTTP file
     * endpoints, bound to its proven client id) and the room's largest file. */
    files: z
      .object({
        token: z.string().min(32).max(64).regex(TOKEN, 'must be base64url'),
        maxFileBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      })
      .optional(),
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
  const reads = z.object({ type: z.literal('reads'), positions: readPositions })
  /** Files whose bytes the hub no longer has (the budget, or the room's file limit): not a
   * timeline event (no seq); pages and welcomes say `file.expired` from then on. */
  const expired = z.object({
    type: z.literal('expired'),
    targets: z.array(target).min(1).max(limits.maxExpiredPerMessage),
  })
  const page = z.object({
    type: z.literal('page'),
    id: messageId,
    chats: z.array(chatEvent).max(limits.pageLimit),
    /** No older chat is kept: this page reaches the start of what the hub has. */
    first: z.boolean(),
    /** No newer chat exists (for `after`). */
    last: z.boolean(),
    /** The history budget dropped older chats: the start is not the room's first message. */
    trimmed: z.boolean(),
  })
  const highlight = z
    .tuple([z.number().int().min(0), z.number().int().min(0)])
    .refine(([start, end]) => end > start, 'must end after it starts')
  const match = z.object({
    seq: target,
    from: clientId,
    name: peerDisplayName,
    ts: timestamp,
    /** Part of the chat's current text around the match ("…" where cut). */
    snippet: checked((s) =>
      lengthProblem(s, limits.maxSnippetLength + 2, (limits.maxSnippetLength + 2) * 8),
    ),
    /** Matched words in `snippet`, as UTF-16 offsets [start, end). */
    highlights: z.array(highlight).max(limits.maxHighlights),
  })
  const results = z.object({
    type: z.literal('results'),
    id: messageId,
    matches: z.array(match).max(limits.maxSearchResults),
    /** Older matches may exist: search again with `before` = the last match's seq. */
    more: z.boolean(),
  })
  const hubMessage = z.discriminatedUnion('type', [
    challenge,
    login,
    welcome,
    joined,
    renamed,
    left,
    chatEvent,
    reactEvent,
    unreactEvent,
    editEvent,
    deleteEvent,
    typingEvent,
    error,
    closing,
    reads,
    page,
    results,
    expired,
  ])

  const info = z.object({
    v: z.number().int(),
    protocol: z.string().max(limits.maxProtocolNameLength),
    roomId: epoch,
    name: peerRoomName,
    hostName: peerDisplayName,
    members: z.number().int().min(0).max(limits.maxRoomMembers),
    passphrase: z.boolean(),
    /** Whether the hub speaks TLS (https/wss). */
    tls: z.boolean(),
    /** SHA-256 of the hub's certificate, 64 lowercase hex digits; null without TLS. */
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    /** Whether browser guests may come in (the page at `/`); absent from hubs before it. */
    guests: z.boolean().optional(),
    hubs: hubs.optional(),
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
    emoji,
    mentions,
    react,
    unreact,
    edit,
    delete: del,
    read,
    history,
    search,
    clientMessage,
    challenge,
    login,
    member,
    chatEvent,
    reaction,
    reactEvent,
    unreactEvent,
    editEvent,
    deleteEvent,
    opEvent,
    readPosition,
    welcome,
    joined,
    renamed,
    left,
    typingEvent,
    error,
    closing,
    reads,
    page,
    match,
    results,
    expired,
    file,
    hubMessage,
    info,
  }
}

export type Schemas = ReturnType<typeof createSchemas>
export const SCHEMAS: Schemas = createSchemas()

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
  'react',
  'unreact',
  'edit',
  'delete',
  'read',
  'history',
  'search',
])
export { ERROR_CODES }
