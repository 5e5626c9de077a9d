/** Stable error codes sent in `error` frames. Documented in docs/protocol.md. */
export const ERROR_CODES = {
  /** The frame is not valid JSON. */
  invalidJson: 'invalid_json',
  /** Valid JSON, but not a valid message (wrong or missing fields, values out of range). */
  invalidMessage: 'invalid_message',
  /** A `type` this hub does not know. */
  unknownType: 'unknown_type',
  /** A message other than `hello` arrived before `hello`. */
  helloRequired: 'hello_required',
  /** `hello` arrived twice on one connection. */
  alreadyJoined: 'already_joined',
  /** The member sends chats faster than the room allows; the chat was dropped, resend it later. */
  rateLimited: 'rate_limited',
  /** Binary frames are not part of the protocol. */
  binaryUnsupported: 'binary_unsupported',
  /** The room has reached its member limit. */
  roomFull: 'room_full',
  /** The client speaks a protocol version this hub does not. */
  incompatibleVersion: 'incompatible_version',
  /** `hello` did not prove its client id: no key, an id not derived from the key, or a
   * signature that does not match the hub's nonce. */
  identityUnproven: 'identity_unproven',
  /** The room has a passphrase and `hello` carried no login. */
  passphraseRequired: 'passphrase_required',
  /** The passphrase login failed (the client's proof did not verify). */
  wrongPassphrase: 'wrong_passphrase',
  /** Too many passphrase attempts from this address; `retryAfterMs` says when to try again. */
  tooManyAttempts: 'too_many_attempts',
  /** An edit or delete of a message this client did not send (the proven client id). */
  notAuthor: 'not_author',
  /** `target` or `replyTo` names no chat the room keeps (or a deleted one, where that matters). */
  unknownTarget: 'unknown_target',
  /** The op would change nothing (a reaction already there, an unreact of none, a second
   * delete); it was not stamped. */
  noChange: 'no_change',
  /** The message has as many reactions as it may carry (LIMITS.maxReactionEmoji,
   * LIMITS.maxReactionsPerMessage). */
  tooManyReactions: 'too_many_reactions',
  /** `mentionsRoom` came sooner than LIMITS.roomMentionIntervalMs after the last: the chat was
   * stamped without it. */
  mentionLimited: 'mention_limited',
  /** Too many `history` or `search` requests (or a search already running, or one that failed
   * in the hub); retry after `retryAfterMs`. */
  requestLimited: 'request_limited',
  /** A file chat's `file.id` is no finished, verified upload of this member that is not yet
   * shared (unknown, unfinished, another member's, or already shared). Never resend it. */
  unknownUpload: 'unknown_upload',
  /** A file chat's `size` or `sha256` is not what was uploaded. Never resend it. */
  fileMismatch: 'file_mismatch',
} as const
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES]

/**
 * WebSocket close codes the hub uses. 1000–1011 are the standard ones (RFC 6455);
 * 4000–4999 are ours.
 */
export const CLOSE_CODES = {
  /** The hub is shutting down (the host stopped the room). Do not reconnect. */
  goingAway: 1001,
  /** A binary frame arrived; the protocol is text only. */
  unsupportedData: 1003,
  /** A text frame was not valid UTF-8 (closed by the WebSocket layer). */
  invalidPayload: 1007,
  /** A frame was larger than LIMITS.maxFrameBytes (closed by the WebSocket layer). */
  messageTooBig: 1009,
  /** Another connection proved the same client id; this one is replaced. Do not reconnect. */
  replaced: 4001,
  /** No `hello` within LIMITS.helloTimeoutMs. */
  helloTimeout: 4002,
  /** The room is full. */
  roomFull: 4003,
  /** Protocol version mismatch. */
  incompatibleVersion: 4004,
  /** The member could not keep up: more than LIMITS.maxBufferedBytes waited to be sent. */
  slowConsumer: 4005,
  /** The `hello` was invalid (bad name, bad client id, ...). */
  badHello: 4006,
  /** Too many malformed frames (LIMITS.maxBadFrames). */
  tooManyErrors: 4007,
  /** Reserved: a member that stops answering pings is dropped without a close frame (it would
   * not read one), so clients see 1006. */
  heartbeatTimeout: 4008,
  /** `hello` did not prove the client id it claims. */
  identityUnproven: 4009,
  /** The room needs a passphrase, and none or a wrong one was given. */
  passphrase: 4010,
  /** Too many passphrase attempts from this address. */
  tooManyAttempts: 4011,
  /** This hub of a clustered room has LIMITS.maxMembers members of its own; the room is not
   * full, and another of its hubs may take the member. Not final: try the room's other
   * addresses. */
  hubFull: 4012,
} as const
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES]

/** Close codes after which a client must not reconnect on its own. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set<number>([
  CLOSE_CODES.goingAway,
  CLOSE_CODES.replaced,
  CLOSE_CODES.roomFull,
  CLOSE_CODES.incompatibleVersion,
  CLOSE_CODES.badHello,
  CLOSE_CODES.identityUnproven,
  CLOSE_CODES.passphrase,
  CLOSE_CODES.tooManyAttempts,
])
