/**
 * Every limit of wire protocol v1, in one place, each with its reason.
 * The hub enforces these; tests inject smaller values through the hub's options.
 */
export const LIMITS = {
  /** Largest WebSocket message the hub accepts (bytes). A chat of maxTextLength characters
   * of 4-byte UTF-8 plus the envelope fits; anything bigger is abuse. Also bounds the memory
   * one frame can make the hub allocate (ws's own default would be 100 MiB). */
  maxFrameBytes: 64 * 1024,
  /** Longest chat text (UTF-16 code units, as JavaScript counts). Long enough for a pasted
   * paragraph or a stack trace, short enough that history stays small. */
  maxTextLength: 4000,
  /** Longest display name, after trimming. Fits a member list row. */
  maxNameLength: 40,
  /** Longest room name, after trimming. Fits a list row and an mDNS TXT record. */
  maxRoomNameLength: 60,
  /** Client ids and message ids: opaque tokens of [A-Za-z0-9_-], bounded so that the dedupe
   * table and history cannot be bloated through them. */
  minClientIdLength: 8,
  maxClientIdLength: 64,
  maxMessageIdLength: 64,
  /** Chats per second per member (token bucket refill rate); a person types far slower. */
  chatsPerSecond: 10,
  /** Token bucket size: a short burst (pasting several lines) passes. */
  chatBurst: 20,
  /** Members in one room. Sized for a large LAN party; each member costs a socket and a
   * send buffer, so the bound keeps the hub's memory bounded too. */
  maxMembers: 1024,
  /** Messages kept and sent in `welcome`. */
  historySize: 500,
  /** How many recent (client id, message id) pairs the hub remembers to drop resends.
   * Larger than history so that a client's outbox cannot outlive the dedupe window. */
  dedupeWindow: 5000,
  /** Bytes a member may have waiting to be sent before it is closed as a slow consumer.
   * Keeps the hub's memory bounded whatever one member's network does. */
  maxBufferedBytes: 4 * 1024 * 1024,
  /** Connections that have not sent `hello` yet; more are refused with HTTP 503. They belong
   * to nobody yet, so they must not be able to pile up. */
  maxPendingConnections: 64,
  /** A connection must send `hello` within this time or it is closed. */
  helloTimeoutMs: 10_000,
  /** The hub pings every member this often; one that has not answered the previous ping by
   * the next one is removed. So a dead member is gone within 2 × this (about 30 s). */
  heartbeatIntervalMs: 15_000,
  /** A member's typing indicator is relayed at most this often. */
  typingThrottleMs: 2_000,
  /** A typing indicator expires by itself after this long without a refresh. */
  typingTimeoutMs: 6_000,
  /** Malformed frames tolerated from one connection before it is closed. Each one gets an
   * `error` frame; a peer that keeps sending garbage is not worth serving. */
  maxBadFrames: 20,
} as const

export type Limits = { -readonly [K in keyof typeof LIMITS]: number }
