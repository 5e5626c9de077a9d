/**
 * Every limit of wire protocol v1, in one place, each with its reason.
 * The hub enforces these; tests inject smaller values through the hub's options. The client's
 * schemas bound what a hub sends by the same values (see docs/protocol.md, Limits).
 *
 * Lengths ("characters") are what a person sees: extended grapheme clusters (Unicode UAX #29,
 * `Intl.Segmenter` with granularity 'grapheme'), so that "👩‍💻" or "é" written as e + ◌́ is one.
 * Every length comes with a bound in UTF-8 bytes, because one grapheme can be made of any
 * number of code points (a letter with a hundred combining marks is one grapheme).
 */
export const LIMITS = {
  /** Largest WebSocket message the hub accepts (bytes). A chat of maxTextLength characters
   * of 4-byte UTF-8 plus the envelope fits; anything bigger is abuse. Also bounds the memory
   * one frame can make the hub allocate (ws's own default would be 100 MiB). */
  maxFrameBytes: 64 * 1024,
  /** Largest WebSocket message a client must accept from a hub (bytes). The largest a hub
   * sends is a `welcome` at every limit: historySize chats of maxTextBytes (plus one JSON
   * escape per grapheme at most) and maxRoomMembers members, about 22 MB; a test builds it. */
  maxHubFrameBytes: 32 * 1024 * 1024,
  /** Objects, arrays and commas (as maxJsonTokens) a client takes in a frame before its
   * `welcome` (challenge, login, welcome): a welcome at every limit has about 240,000 (500
   * chats of every field, reactions and mentions; 8192 members; the resume's events). More is
   * refused unparsed: 31 MiB of `[[],[],…]` would cost a client 6 s and 800 MB to parse. */
  maxWelcomeTokens: 1024 * 1024,
  /** The same after the welcome: the largest frame then is a history page of pageLimit chats
   * at every limit, about 70,000. */
  maxHubFrameTokens: 256 * 1024,
  /** Objects, arrays and commas one message may contain, counted before it is parsed. v1
   * messages have fewer than 20. JSON made of many small values (`[[[[…`, `[0,0,0,…`) costs
   * up to a hundred times more to parse per byte than text, so frames with more are refused
   * unparsed (`invalid_message`); what is parsed then costs about what its size says. */
  maxJsonTokens: 256,
  /** Longest chat text, in characters as people count them (graphemes). Long enough for a
   * pasted paragraph or a stack trace, short enough that history stays small. */
  maxTextLength: 4000,
  /** Longest chat text in UTF-8 bytes. maxTextLength graphemes of up to 8 bytes each fit (any
   * script, and emoji with a skin tone or a flag); what does not is a text of long emoji
   * sequences or stacked combining marks. Bounds what one chat costs in memory, on disk and in
   * every frame: a chat of both maxima still fits maxFrameBytes. */
  maxTextBytes: 32 * 1024,
  /** Longest display name after trimming, in graphemes. Fits a member list row. */
  maxNameLength: 40,
  /** Longest display name in UTF-8 bytes: 6 per grapheme on average, so that every script and
   * single emoji fit at full length; it fits an mDNS TXT value (`host=` + 240 < 255 bytes). */
  maxNameBytes: 240,
  /** Longest room name after trimming, in graphemes. Fits a list row. */
  maxRoomNameLength: 60,
  /** Longest room name in UTF-8 bytes: it must fit an mDNS TXT value (`name=` + 240 < 255). */
  maxRoomNameBytes: 240,
  /** Longest readable sentence a hub sends (`error.message`, `closing.message`), in graphemes.
   * Every message the hub makes fits; a client shows it, so a hub cannot flood the window. */
  maxReasonLength: 200,
  /** The same sentence in UTF-8 bytes: at most what the app's bridge takes for a message (500
   * characters; a code point is at least one byte, so 500 bytes are at most 500). */
  maxReasonBytes: 500,
  /** Room ids and epochs: opaque tokens of [A-Za-z0-9_-] made by the hub (16 today). */
  maxRoomIdLength: 64,
  /** The `protocol` field of /info (`lanroom.v1`). */
  maxProtocolNameLength: 32,
  /** OPAQUE messages in base64url (`hello.login`, `login.response`, `login_finish.finish`); they
   * are 86–427 characters. */
  maxLoginMessageLength: 1024,
  /** Longest wait a hub may ask for in `retryAfterMs`. The hub asks for at most 1/rate seconds
   * (a chat), 1 s (an op refused for now), 1/requestsPerSecond (a request), roomMentionIntervalMs
   * (`@room`: 30 s) or 1/passphraseAttemptsPerSecond (a guess: 10 s); an hour is far above all
   * of them, and a client can wait it with one timer (JavaScript timers fire at once past 2^31
   * ms). */
  maxRetryAfterMs: 3_600_000,
  /** Latest time a hub may stamp (`ts`, ms since the Unix epoch): the end of what a
   * JavaScript Date holds (year 275760). Past it a client that shows the time would fail on
   * it (`new Date(ts).toISOString()` throws); no clock gets there. */
  maxTimestampMs: 8_640_000_000_000_000,
  /** Client ids and message ids: opaque tokens of [A-Za-z0-9_-], bounded so that the dedupe
   * table and history cannot be bloated through them. */
  minClientIdLength: 8,
  maxClientIdLength: 64,
  maxMessageIdLength: 64,
  /** Chats per second per member (token bucket refill rate); a person types far slower.
   * Counted per client id, not per connection: a member that reconnects keeps its bucket. */
  chatsPerSecond: 10,
  /** Highest chat rate a host may set (`--rate-limit`), and so the highest `chatsPerSecond` and
   * `chatBurst` a client takes from `welcome.limits`. */
  maxChatsPerSecond: 100_000,
  /** Token bucket size: a short burst (pasting several lines) passes. */
  chatBurst: 20,
  /** Members on one hub: all of a room of one hub, one hub's own share of a clustered room.
   * Sized for a large LAN party; each member costs a socket and a send buffer, so the bound
   * keeps the hub's memory bounded too. */
  maxMembers: 1024,
  /** Members of one room across all its hubs (a clustered room, docs/cluster.md): what a
   * welcome's member list, /info `members` and a client's own list of who is here are bounded
   * by. A room of one hub never has more than maxMembers. Eight full hubs: a school or a
   * conference; a member costs every hub of the room about 150 bytes of presence and list,
   * and a welcome of a full room about 1 MB of member list shared by every welcome. */
  maxRoomMembers: 8192,
  /** Messages kept and sent in `welcome`. */
  historySize: 500,
  /** How many recent (client id, message id) pairs the hub remembers to drop resends.
   * Larger than history so that a client's outbox cannot outlive the dedupe window. */
  dedupeWindow: 5000,
  /** Bytes a member may have waiting to be sent before it is closed as a slow consumer.
   * Keeps the hub's memory bounded whatever one member's network does. */
  maxBufferedBytes: 4 * 1024 * 1024,
  /** Bytes waiting to be sent that were made for one member alone (its error replies, the
   * head of its welcome, repeated acknowledgements of old chats), all members together.
   * Frames shared by every member (broadcasts, and the member list and history in welcomes) are
   * bounded by maxBufferedBytes; these are not shared, so without this bound each member could
   * make the hub hold up to maxBufferedBytes of its own: 4 GiB for 1024. Past it, the members
   * holding the most are closed as slow consumers. 32 MiB is hundreds of welcomes of a full
   * room in flight at once. */
  maxTotalUniqueBytes: 32 * 1024 * 1024,
  /** Connections that have not sent `hello` yet; more are refused with HTTP 503. They belong
   * to nobody yet, so they must not be able to pile up. */
  maxPendingConnections: 64,
  /** Connections still speaking plain HTTP (in their TLS handshake or HTTP request, not
   * upgraded to a WebSocket). When one more arrives, it takes the place of the oldest if that
   * one has been at it for setupGraceMs (a request takes milliseconds on a LAN, so the old
   * ones are idle, and newcomers still get in while someone holds connections open on
   * purpose); otherwise it is answered 503 with Retry-After (at most this many more wait for
   * that answer; past them, it is closed at once). See hub/setup-sockets.ts. */
  maxHttpConnections: 128,
  /** How long a connection being set up is safe from a newcomer, and how long one told to
   * wait for its 503 may stay without sending a byte. A LAN request takes milliseconds, a
   * busy hub's TLS handshake a few hundred: closing younger ones under a storm of
   * connections would close the ones about to finish, without an answer. */
  setupGraceMs: 1_000,
  /** Every socket at once: members, connections waiting for hello, plain HTTP and closing
   * ones. The last bound on file descriptors and per-socket memory, whatever mix a peer
   * tries; past it, new TCP connections are closed at once. Above maxMembers +
   * maxPendingConnections + 2 × maxHttpConnections, so ordinary use never meets it. */
  maxConnections: 2048,
  /** A connection must complete its HTTP request (an upgrade or GET /info) within this time
   * of connecting, or of its previous request, or it is closed. A request is a few hundred
   * bytes sent at once; without a bound, idle or dribbling (slowloris) connections would
   * stay forever (Node's own defaults are 60 s, checked every 30 s). */
  httpRequestTimeoutMs: 10_000,
  /** Largest HTTP request head (request line and headers) in bytes; an upgrade is a few
   * hundred. Larger requests get 400. (Node's default is 16 KiB.) */
  maxHeaderBytes: 8 * 1024,
  /** A peer the hub closes has this long to answer the close frame before its socket is
   * dropped: closing peers must not linger (ws's own default is 30 s). */
  closeTimeoutMs: 2_000,
  /** A connection must be in the room (`hello`, and the passphrase login when there is one)
   * within this time or it is closed. */
  helloTimeoutMs: 10_000,
  /** A clustered hub that has not yet read the room's stream as far as a member resumes from
   * (it reads a little behind another hub at times) waits this long at most before the
   * welcome: inside a client's connect timeout (5 s in ours) and helloTimeoutMs. */
  resumeCatchUpMs: 3_000,
  /** A member's ops that may wait behind its file chat while the hub checks the upload (after a
   * restart) or puts it into a clustered room's file store; a round of resends is about 20. */
  maxBehindFile: 64,
  /** Passphrase guesses one address may make at once; each login that starts takes one, a
   * right passphrase gives it back. Bounds online guessing, the only kind OPAQUE leaves. */
  passphraseAttemptBurst: 5,
  /** How fast an address earns guesses back: one every 10 s (360 an hour from one address). */
  passphraseAttemptsPerSecond: 0.1,
  /** Addresses whose guesses are remembered at once; beyond it, the fullest buckets (which
   * have forgotten nothing) are dropped first. */
  maxTrackedAddresses: 4096,
  /** The hub pings every member this often; one that has not answered the previous ping by
   * the next one is removed. So a dead member is gone within 2 × this (about 30 s). */
  heartbeatIntervalMs: 15_000,
  /** A member's typing indicator is relayed at most this often. */
  typingThrottleMs: 2_000,
  /** A typing indicator expires by itself after this long without a refresh. */
  typingTimeoutMs: 6_000,
  /** Typing messages per second per member (token bucket refill rate); beyond it they are
   * ignored (a lost `active: false` still ends by typingTimeoutMs). A person changes typing
   * state a few times a second at most; without a bound, one member toggling it could make
   * the hub send every other member thousands of frames a second. */
  typingPerSecond: 5,
  /** Typing token bucket size. */
  typingBurst: 10,
  /** Client ids one chat may mention (`chat.mentions`). A message that names more people than
   * this is addressed to the room (`mentionsRoom`). */
  maxMentions: 20,
  /** A member may notify the whole room (`mentionsRoom`) once per this long; past it the chat
   * is still stamped, without the flag (nothing is lost), and the sender is told. */
  roomMentionIntervalMs: 30_000,
  /** A reaction is one grapheme of at most this many UTF-8 bytes: the longest emoji sequences
   * (families, couples with skin tones) are about 35. */
  maxEmojiBytes: 64,
  /** Distinct emoji on one message. */
  maxReactionEmoji: 20,
  /** (member, emoji) pairs on one message, all emoji together: bounds what one chat costs in
   * every welcome and page (a materialized chat lists who reacted). */
  maxReactionsPerMessage: 256,
  /** Read positions (`read`) per second per member (token bucket refill rate); beyond it the
   * latest position is kept and relayed with the next batch. */
  readsPerSecond: 2,
  /** Read token bucket size. */
  readBurst: 4,
  /** Read positions are relayed to the room in batches (`reads`), at most this often. */
  readRelayMs: 1_000,
  /** Read positions remembered and sent in one `welcome.reads` or `reads` (most recent first). */
  maxReadPositions: 1024,
  /** Largest `limit` of a `history` request (chats per page). */
  pageLimit: 200,
  /** `history` and `search` requests per second per member (token bucket refill rate). */
  requestsPerSecond: 5,
  /** Request token bucket size: a person scrolling back fast pages a few times at once. */
  requestBurst: 20,
  /** Longest search text, in graphemes, and in UTF-8 bytes. */
  maxSearchLength: 200,
  maxSearchBytes: 800,
  /** Matches in one `results` message. */
  maxSearchResults: 50,
  /** Longest snippet of a search match, in graphemes. */
  maxSnippetLength: 240,
  /** Highlighted ranges in one snippet. */
  maxHighlights: 20,
  /** Searches running at once in one room; one per member. */
  maxConcurrentSearches: 2,
  /** Timeline events other than chats (reactions, edits, deletes) a resuming `welcome` carries
   * in `events`; a member that missed more gets `gap: true`. */
  maxResumeEvents: 2_000,
  /** Events the history file keeps (all kinds), by default; the host may set it
   * (`--history-events`). Past it, the oldest are dropped and pages say `trimmed`. */
  historyBudgetEvents: 200_000,
  /** Bytes the history file may take, by default (`--history-mb`); whichever budget is met
   * first applies. */
  historyBudgetBytes: 512 * 1024 * 1024,
  /** Largest file a member may share, by default (`lanroom host --max-file-mb`); a hub says
   * its own in `welcome.files.maxFileBytes`. A film or a disk image is not what a room is for. */
  maxFileBytes: 1024 * 1024 * 1024,
  /** Disk a room's files may take, by default (`--files-mb`). Past it, the oldest files expire
   * (unfinished uploads count with their declared length). */
  filesBudgetBytes: 2 * 1024 * 1024 * 1024,
  /** Each stored file counts at least this much against the budget: 10,000 tiny files cost
   * what their directory entries and index records cost, not nothing. */
  fileChargeBytes: 4096,
  /** Files a room keeps; past it, the oldest expire as for the budget. */
  maxFilesPerRoom: 10_000,
  /** Longest file name, in graphemes and in UTF-8 bytes (what file systems take: 255 bytes on
   * most; the receiver shortens further when it saves). */
  maxFileNameLength: 255,
  maxFileNameBytes: 1024,
  /** Longest advisory media type (`type/subtype`, ASCII). */
  maxFileTypeLength: 127,
  /** Largest thumbnail (PNG, JPEG or WebP, decoded bytes), and its longest side in pixels, read
   * from its header before anything decodes it: a thumbnail is in every welcome and page. */
  maxThumbBytes: 8 * 1024,
  maxThumbSide: 320,
  /** Largest image width or height a file may declare. */
  maxImageSide: 65_535,
  /** Uploads one member may have unfinished at once; more are refused (HTTP 429). */
  maxParallelUploads: 4,
  /** Uploads started per second per member (token bucket refill rate), and the bucket size. */
  uploadsPerSecond: 1,
  uploadBurst: 20,
  /** Unfinished uploads a room holds, all members together. */
  maxUnfinishedUploads: 64,
  /** An unfinished upload untouched this long is removed (a laptop asleep overnight resumes). */
  unfinishedUploadTtlMs: 24 * 60 * 60 * 1000,
  /** An upload or download request that moves no byte for this long is closed (slowloris). */
  fileIdleTimeoutMs: 30_000,
  /** A file credential stays valid this long after the connection it was given on ends, so
   * that a transfer survives a brief drop; a new welcome gives a new one. */
  fileTokenGraceMs: 120_000,
  /** File seqs one `expired` message lists. */
  maxExpiredPerMessage: 100,
  /** Join URLs of a clustered room's other hubs one `welcome.hubs` (or `/info` `hubs`) may
   * list: a client tries them when its hub dies. Two for each of eight hubs, or one each of
   * sixteen: more than a member needs to find a live hub, and a welcome stays small (~5 KB). */
  maxHubUrls: 16,
  /** Longest such URL: a 253-character DNS name with `wss://`, a port and `/ws` fits; the same
   * bound as a typed address (the app's join-by-address) and a `lanroom://` link. */
  maxHubUrlLength: 300,
  /** Feature names one `welcome.features` may list, and their length. */
  maxFeatures: 32,
  maxFeatureLength: 32,
  /** Malformed frames tolerated from one connection before it is closed. Each one gets an
   * `error` frame; a peer that keeps sending garbage is not worth serving. */
  maxBadFrames: 20,
} as const

export type Limits = { -readonly [K in keyof typeof LIMITS]: number }
