/**
 * What the window shows, as main publishes it: one snapshot of the app (profile, rooms
 * nearby, the room you are in) and the room's timeline, sent as patches. Schemas, so that the
 * contract can check every payload main sends, and types derived from them.
 */
import { z } from 'zod'
import { LANGUAGES, PSEUDO_LANGUAGE } from '../i18n/languages'
import { LIMITS, SCHEMAS } from '../protocol'

export { EXECUTABLE_EXTENSIONS, isExecutableName } from '../file-kind'

const text = z.string().max(20_000)
const shortText = z.string().max(500)
/** A network interface's name as the OS gives it (Windows' names have spaces and brackets). */
export const interfaceNameSchema = z.string().regex(/^[\w.@:() -]{1,64}$/)
export const portSchema = z.number().int().min(1).max(65_535)
/** An IPv4 address or CIDR as typed; whether it is private and narrow enough is main's check. */
export const watchTargetSchema = z
  .string()
  .trim()
  .regex(/^[0-9.]{7,15}(\/\d{1,2})?$/)

/**
 * How long the lists main publishes may be. They are filled from what peers send (members,
 * typing, advertisements), so each has a bound: main clips to it before sending
 * (src/main/bridge), and the window never builds more rows than this.
 */
export const BRIDGE_LIMITS = {
  /** Rooms nearby: the directory lists at most this many. */
  rooms: 256,
  /** Addresses and URLs of one room nearby: the directory keeps at most this many. */
  roomAddresses: 16,
  /** Addresses the host shows to share (one per interface). */
  joinAddresses: 64,
  /** People in the room, and people typing: at most a full room, on all its hubs. */
  members: LIMITS.maxRoomMembers,
  /** Timeline entries in one patch: the app keeps at most this many. */
  timelineEntries: 10_000,
  /** Interfaces named in the Interfaces setting, and listed by listInterfaces. */
  interfaces: 32,
  /** Ports added for Look harder (the default one is always asked; the scan takes 8 at most). */
  scanPorts: 7,
  /** Watched hosts and subnets: each is asked again every half minute. */
  watched: 8,
  /** Muted rooms remembered (by room id); the oldest muted is forgotten first. */
  mutedRooms: 256,
  /** Files staged in the composer at once (dropped, pasted or picked), and files one stageFiles
   * call may hand over. */
  stagedFiles: 100,
  /** Bytes of one pasted file (a File without a path crosses as bytes): larger ones are refused
   * by the preload before anything is copied. */
  pastedFileBytes: 64 * 1024 * 1024,
  /** Bytes of pasted files staged at once, all together (they are copied to a temp file). */
  stagedPastedBytes: 256 * 1024 * 1024,
  /** Transfers listed in one `transfers` event (finished ones are dropped oldest first). */
  transfers: 200,
  /** Largest downloaded image readImage hands to the window (full-size view). */
  readImageBytes: 32 * 1024 * 1024,
} as const

export const profileSchema = z.object({
  name: SCHEMAS.displayName,
  clientId: z.string(),
})

export const directoryRoomSchema = z.object({
  id: z.string(),
  name: z.string(),
  hostName: z.string(),
  addresses: z.array(z.string()).max(BRIDGE_LIMITS.roomAddresses),
  port: z.number().int(),
  urls: z.array(z.string()).max(BRIDGE_LIMITS.roomAddresses),
  version: z.number().int(),
  passphrase: z.boolean(),
  compatible: z.boolean(),
  incompatibleReason: shortText.nullable(),
  own: z.boolean(),
  members: z.number().int().nullable(),
  /**
   * How far the room's certificate is trusted — from what its connection presented compared
   * with the pinned one, never from the advertisement alone:
   * verified (as pinned), unverified (never joined, or not reached yet), changed (another
   * certificate than the pinned one: someone may pretend to be it), downgraded (joined over TLS
   * before, unencrypted now), plain (no TLS).
   */
  trust: z.enum(['verified', 'unverified', 'changed', 'downgraded', 'plain']),
  /** The code of the certificate it presented (or advertises, until reached). */
  verificationCode: z.string().nullable(),
  /**
   * Advertisements of this room id disagree on the certificate, or the room presented another
   * certificate than it advertises: someone else may be claiming to be it.
   */
  certificateMismatch: z.boolean(),
  /** Found by Look harder or a watched host, not advertised over mDNS. */
  scanned: z.boolean(),
})

/** Look harder's progress (shared/protocol ScanState). */
export const scanStateSchema = z.object({
  status: z.enum(['running', 'done', 'cancelled']),
  probed: z.number().int().min(0),
  total: z.number().int().min(0),
  found: z.number().int().min(0),
})

export const directorySchema = z.object({
  status: z.enum(['searching', 'found', 'quiet', 'unavailable']),
  rooms: z.array(directoryRoomSchema).max(BRIDGE_LIMITS.rooms),
  emptySince: z.number().nullable(),
  error: shortText.nullable(),
  /** The system's words inside `error`, for the window's translated sentence. */
  errorReason: shortText.nullable().optional(),
  /** Absent until the person has asked to look harder. */
  scan: scanStateSchema.optional(),
})

/**
 * The connection to the room, for the banner:
 * - connecting: first connection in progress;
 * - connected;
 * - reconnecting: lost, next try at `nextRetryAt` (ms epoch), attempt number `attempt`;
 * - closed: over, `reason` says why in words a person can read.
 */
export const connectionSchema = z.object({
  status: z.enum(['connecting', 'connected', 'reconnecting', 'closed']),
  attempt: z.number().int().min(0),
  nextRetryAt: z.number().nullable(),
  reason: shortText.nullable(),
  /** Closed because the host ended the room (absent otherwise). */
  ended: z.boolean().optional(),
})

export const memberSchema = z.object({
  clientId: z.string(),
  name: z.string(),
  host: z.boolean(),
  you: z.boolean(),
  /** Joined from a browser (the hub's guest app; `member.guest` in docs/protocol.md). */
  guest: z.boolean(),
})

export const roomViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  hostName: z.string(),
  /** True when this app hosts the room. */
  hosting: z.boolean(),
  /** For the host: the addresses others can type (host:port), most useful first. */
  joinAddresses: z.array(z.string()).max(BRIDGE_LIMITS.joinAddresses),
  /**
   * For the host: the room code of each shared IPv4 address (docs/room-code.md), in the order of
   * `joinAddresses`, the first the one to give; empty for a plain room.
   */
  roomCodes: z
    .array(z.object({ address: z.string(), code: z.string() }))
    .max(BRIDGE_LIMITS.joinAddresses),
  /**
   * For the host: the guest link, `https://HOST:PORT/#fp=…` at the first of `joinAddresses`
   * (docs/protocol.md, Guest app); null when guests are off, the room is plain, or not yours.
   */
  guestLink: z.string().max(512).nullable(),
  connection: connectionSchema,
  /** You first, then the host, then everyone else by name. */
  members: z.array(memberSchema).max(BRIDGE_LIMITS.members),
  /** Who is typing now (not you). */
  typing: z.array(z.object({ clientId: z.string(), name: z.string() })).max(BRIDGE_LIMITS.members),
  maxTextLength: z.number().int(),
  unread: z.number().int().min(0),
  /** What the room's hub does beyond plain chat (protocol FEATURES it listed). */
  features: z.array(z.string().max(LIMITS.maxFeatureLength)).max(LIMITS.maxFeatures).optional(),
  /** How far each member has read, for "Seen by" (not you; bounded by maxReadPositions). */
  reads: z
    .array(z.object({ clientId: z.string(), name: z.string(), seq: z.number().int().min(1) }))
    .max(LIMITS.maxReadPositions)
    .optional(),
  security: z.object({
    /** The connection is TLS. */
    encrypted: z.boolean(),
    /** The room certificate's code, for people to compare by eye; null when not encrypted. */
    verificationCode: z.string().nullable(),
    /** own (you host it), verified (the pinned certificate), first-use (pinned just now),
     * plain (not encrypted). */
    trust: z.enum(['own', 'verified', 'first-use', 'plain']),
    /** The room needs a passphrase. */
    passphrase: z.boolean(),
  }),
})

export const SITUATIONS = ['idle', 'hosting', 'joined'] as const

/**
 * Why a join failed, for the window to say it where the person acted:
 * - wrong_passphrase: shown as "Wrong passphrase" next to the passphrase field;
 * - passphrase_required: the room needs one (ask for it);
 * - throttled: too many wrong passphrases from this computer; `retryAt` says when to try again;
 * - certificate_changed / certificate_downgraded: the room is not the one pinned (see
 *   `certificateWarning`);
 * - certificate_unexpected: not the certificate the person confirmed by its code;
 * - other: anything else (unreachable, full, gone…), in `message`.
 */
export const JOIN_FAILURE_KINDS = [
  'wrong_passphrase',
  'passphrase_required',
  'throttled',
  'certificate_changed',
  'certificate_downgraded',
  'certificate_unexpected',
  'other',
] as const

/** The error code a join command fails with, for each kind but `other` (which keeps its own:
 * APP_ERR_CONNECT, APP_ERR_ROOM_GONE…). One table, so main and the window cannot disagree. */
export const JOIN_ERROR_CODES = {
  wrong_passphrase: 'APP_ERR_WRONG_PASSPHRASE',
  passphrase_required: 'APP_ERR_PASSPHRASE_REQUIRED',
  throttled: 'APP_ERR_TOO_MANY_ATTEMPTS',
  certificate_changed: 'APP_ERR_CERTIFICATE_CHANGED',
  certificate_downgraded: 'APP_ERR_CERTIFICATE_DOWNGRADED',
  certificate_unexpected: 'APP_ERR_CERTIFICATE_UNEXPECTED',
} as const satisfies Record<Exclude<(typeof JOIN_FAILURE_KINDS)[number], 'other'>, string>

export const joinFailureSchema = z.object({
  kind: z.enum(JOIN_FAILURE_KINDS),
  /** The room it was about, when known (by address, it may never have answered). */
  roomId: z.string().nullable(),
  message: shortText,
  /** For `throttled`: when another attempt may succeed (ms epoch). */
  retryAt: z.number().nullable(),
})

export const snapshotSchema = z.object({
  /** False until the person has chosen a display name (first run). */
  profileSet: z.boolean(),
  profile: profileSchema,
  situation: z.enum(SITUATIONS),
  directory: directorySchema,
  room: roomViewSchema.nullable(),
  /** The last room name used for hosting, to prefill the form. */
  lastRoomName: z.string().nullable(),
  /** The operating system, for advice that differs by platform (firewall, permissions). */
  platform: z.enum(['windows', 'mac', 'linux', 'other']),
  /**
   * A join was refused because the room's certificate is not the pinned one: what the person
   * compares with the host before choosing to trust the new certificate (trustNewCertificate
   * with exactly `presentedFingerprint`) or not to join.
   */
  certificateWarning: z
    .object({
      /** changed: another certificate; downgraded: pinned, and now not encrypted at all. */
      kind: z.enum(['changed', 'downgraded']),
      roomId: z.string(),
      roomName: z.string(),
      pinnedCode: z.string().nullable(),
      presentedCode: z.string().nullable(),
      /** The certificate the refused connection presented; null when it was not encrypted. */
      presentedFingerprint: z.string().nullable(),
    })
    .nullable(),
  /** Why the last attempt to join failed; null once a join starts again or succeeds. */
  joinFailure: joinFailureSchema.nullable(),
  /**
   * Files in the room (feature `files`): `enabled` when the hub has file storage and gave a
   * credential, with the largest file it takes. Null (or absent) outside a room.
   */
  files: z
    .object({
      enabled: z.boolean(),
      maxFileBytes: z.number().int().min(0),
    })
    .nullable()
    .optional(),
  /** The Language preference (as in Preferences), so that the window speaks it from its first
   * screen on; absent from producers without one (the guest page follows the browser). */
  language: z.lazy(() => languagePreferenceSchema).optional(),
})

/** The chat a chat answers, as quoted above it. */
export const replyQuoteSchema = z.object({
  seq: z.number().int().min(1),
  /** Known: false while the original is being fetched, or when the hub no longer keeps it. */
  found: z.boolean(),
  name: z.string(),
  /** The original's current text, clipped for a quote; empty when not found or deleted. */
  text: shortText,
  deleted: z.boolean(),
})

/** One emoji's reactions on a chat. */
export const reactionViewSchema = z.object({
  emoji: z.string().max(LIMITS.maxEmojiBytes),
  count: z.number().int().min(1),
  /** You are among them. */
  mine: z.boolean(),
  /** Who reacted, by name, for hover and focus (at most 20; `count` says how many in all). */
  names: z.array(z.string()).max(20),
})

/** A shared file as a chat shows it (feature `files`). */
export const fileViewSchema = z.object({
  /** The file's id on the hub (for downloads). */
  id: z.string(),
  /** The name its sender declared (main makes its own safe name when it saves). */
  name: z.string().max(LIMITS.maxFileNameBytes),
  size: z.number().int().min(0),
  /** Advisory media type: never what decides how the file is shown or opened. */
  type: z.string().max(LIMITS.maxFileTypeLength),
  /** Empty (as `id` is) while your own file is still being hashed and uploaded. */
  sha256: z.string().regex(/^([0-9a-f]{64})?$/),
  width: z.number().int().min(1).optional(),
  height: z.number().int().min(1).optional(),
  /**
   * The sender's thumbnail, checked by main from its header (a PNG, JPEG or WebP of at most
   * maxThumbSide pixels a side): `data:image/png|jpeg|webp;base64,…`. Absent when it had none
   * or it failed the check.
   */
  thumb: z
    .object({
      dataUrl: z
        .string()
        .max(64 + Math.ceil((LIMITS.maxThumbBytes * 4) / 3))
        .regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+=*$/),
    })
    .optional(),
  /** The hub no longer has its bytes (the room's budget, or deleted by the host). */
  expired: z.boolean(),
  /** Shown inline as a picture: its declared type is a raster type (INLINE_IMAGE_TYPES) and it
   * has a checked thumbnail. */
  inlineImage: z.boolean(),
  /** Its name says it is a program or installer (EXECUTABLE_EXTENSIONS): opening it warns. */
  executable: z.boolean(),
})

/** A transfer's state: hashing → uploading → sending → done (up); downloading → verifying →
 * done (down); `paused` while the connection to the room is down (it continues by itself). */
export const TRANSFER_STATES = [
  'hashing',
  'uploading',
  'sending',
  'downloading',
  'verifying',
  'done',
  'failed',
  'cancelled',
  'paused',
] as const

/** One upload or download, for progress bars and the actions on a finished download. */
export const transferSchema = z.object({
  id: z.string().max(64),
  direction: z.enum(['up', 'down']),
  /** The file chat's seq: a download's, or an upload's once the hub confirmed its chat. */
  seq: z.number().int().min(1).nullable(),
  /** An upload's file chat id: its pending timeline row (the same key from the moment it is
   * sent) shows this transfer's progress. */
  chatId: z.string().max(64).optional(),
  name: z.string().max(LIMITS.maxFileNameBytes),
  size: z.number().int().min(0),
  /** Bytes hashed, sent or received so far. */
  done: z.number().int().min(0),
  state: z.enum(TRANSFER_STATES),
  /** Why it failed, in words a person can read. */
  error: shortText.nullable(),
  /** The failure's stable code, for the window to say it in the person's language (`errors.`
   * in the catalogue; `error` when it has none): `FILE_ERR_` + the file error's code upper-cased
   * (FILE_ERR_EXPIRED, FILE_ERR_CORRUPT…), or the bridge error's own code. Absent: no failure. */
  errorCode: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,63}$/)
    .optional(),
  /** Where a finished download was saved. */
  path: z.string().max(4096).nullable(),
})

/** One line of the timeline. `key` is stable for the life of the entry. */
export const timelineEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('chat'),
    key: z.string(),
    /** The hub's sequence number; null while the message is still only yours. */
    seq: z.number().int().nullable(),
    id: z.string(),
    from: z.string(),
    name: z.string(),
    text,
    ts: z.number(),
    own: z.boolean(),
    status: z.enum(['pending', 'sent', 'failed']),
    error: shortText.nullable(),
    /** Why it failed as a stable code, for the window to say it in the person's language
     * (`errors.<code>`; `error` when the catalogue has none): see chat-error-code.ts.
     * Absent: not failed, or a refusal without a code of its own. */
    errorCode: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,63}$/)
      .optional(),
    /** The chat this one answers (absent: not a reply). */
    replyTo: replyQuoteSchema.optional(),
    /** Client ids it mentions. */
    mentions: z.array(z.string()).max(LIMITS.maxMentions).optional(),
    /** It mentions you, or the whole room. */
    mentionsYou: z.boolean().optional(),
    mentionsRoom: z.boolean().optional(),
    /** Changed by its author after it was sent. */
    edited: z.boolean().optional(),
    /** Taken back by its author: `text` is empty. */
    deleted: z.boolean().optional(),
    reactions: z.array(reactionViewSchema).max(LIMITS.maxReactionEmoji).optional(),
    /** A shared file: `text` is then its caption, or the file's name when it has none (show a
     * caption only when text !== file.name). */
    file: fileViewSchema.optional(),
  }),
  z.object({
    kind: z.literal('notice'),
    key: z.string(),
    ts: z.number(),
    event: z.enum(['joined', 'left', 'renamed']),
    name: z.string(),
    /** English, for readers that do not translate; the window writes it from event, name and
     * reason in its own language. */
    text: shortText,
    /** Why someone left (`left` only): `lost` (their connection dropped), `removed` (the room
     * disconnected them); absent or null: they left, or it is not known. */
    reason: z.enum(['lost', 'removed']).nullable().optional(),
  }),
  z.object({
    kind: z.literal('gap'),
    key: z.string(),
    ts: z.number(),
    /** English, for readers that do not translate (the window uses `reason`). */
    text: shortText,
    /** `history`: more was missed than the room keeps; `epoch`: the room's numbering was reset. */
    reason: z.enum(['history', 'epoch']).optional(),
  }),
])

/**
 * A change to the timeline. The timeline is `confirmed ++ pending`: `confirmed` entries are in
 * hub order and only ever appended to (after a `reset`); `pending` is the whole current list
 * of your messages not yet confirmed (pending or failed), which is short.
 */
export const timelinePatchSchema = z.object({
  reset: z.boolean(),
  /** With reset: the whole confirmed list; otherwise entries to append. */
  confirmed: z.array(timelineEntrySchema).max(BRIDGE_LIMITS.timelineEntries),
  pending: z.array(timelineEntrySchema).max(BRIDGE_LIMITS.timelineEntries),
  /** Older entries (a page of history) to put before the first confirmed one, in order. */
  older: z.array(timelineEntrySchema).max(BRIDGE_LIMITS.timelineEntries).optional(),
  /** Entries that changed (an edit, a delete, reactions, a reply's quote found): each replaces
   * the entry with the same key, wherever it is. */
  updated: z.array(timelineEntrySchema).max(BRIDGE_LIMITS.timelineEntries).optional(),
  /** The start of the room's history is loaded: nothing older to ask for. `trimmed`: the hub's
   * history budget dropped older messages. */
  start: z.object({ trimmed: z.boolean() }).optional(),
})

export const THEMES = ['system', 'light', 'dark'] as const
export const themeSchema = z.enum(THEMES)
export const TIME_FORMATS = ['system', '12h', '24h'] as const
export const timeFormatSchema = z.enum(TIME_FORMATS)
/** `all`: every message; `mentions`: only messages that mention you (or @room); `none`. */
/** `system`: the OS's languages (negotiateLanguage); else one of ours. The pseudo-locale is
 * accepted (developers, tests) but never listed in the settings. */
export const languagePreferenceSchema = z.enum(['system', ...LANGUAGES, PSEUDO_LANGUAGE])
export type LanguagePreference = z.output<typeof languagePreferenceSchema>
export const NOTIFICATION_LEVELS = ['all', 'mentions', 'none'] as const
export const notificationLevelSchema = z.enum(NOTIFICATION_LEVELS)
export const roomIdSchema = z.string().min(1).max(64)

/** The person's preferences: settings other than the profile, changed in the settings dialog. */
export const preferencesSchema = z.object({
  /**
   * Chromium's spell checker in text fields, with suggestions in the right-click menu. On
   * Windows and Linux its dictionaries are downloaded from Google's servers; macOS uses its own.
   */
  spellcheck: z.boolean(),
  /**
   * The network interfaces rooms are advertised, browsed and scanned on, by name; null: the
   * automatic choice (every private one that is up and not a VPN or virtual adapter).
   */
  interfaces: z.array(interfaceNameSchema).max(BRIDGE_LIMITS.interfaces).nullable(),
  /** Ports Look harder and watched hosts are asked on, besides the default 47800. */
  scanPorts: z.array(portSchema).max(BRIDGE_LIMITS.scanPorts),
  /** Hosts and subnets (private, at most a /22) asked for rooms every WATCH_INTERVAL. */
  watched: z.array(watchTargetSchema).max(BRIDGE_LIMITS.watched),
  /** Tell the room how far you have read ("Seen by"); off: your position is never sent. */
  readReceipts: z.boolean().optional(),
  /** Light or dark colours; `system` follows the operating system's choice. */
  theme: themeSchema,
  /** How times are written: `12h` (9:05 PM), `24h` (21:05), or the system locale's choice. */
  timeFormat: timeFormatSchema,
  /** Which messages raise a system notification while the window is not focused. */
  notifications: notificationLevelSchema,
  /** Notifications show the message's text; off: only who wrote ("New message from Ada"). */
  notificationText: z.boolean(),
  /** A short sound with each notification. */
  sounds: z.boolean(),
  /** Rooms (by id) whose messages do not notify; mentions of you still do. */
  mutedRooms: z.array(roomIdSchema).max(BRIDGE_LIMITS.mutedRooms),
  /** Where downloads are saved (chosen with chooseDownloadDir); null: the OS Downloads folder. */
  downloadDir: z.string().max(4096).nullable().optional(),
  /** Rooms you host let people join from a browser (the guest app and its link). */
  allowGuests: z.boolean(),
  /** LAN Room starts, in the tray, when the person logs in (the OS's login items). */
  startAtLogin: z.boolean(),
  /** Check for a new version of the app at start and every few hours (src/main/updates). */
  checkForUpdates: z.boolean(),
  /** The language of the window, notifications, the tray and dialogs (docs/i18n.md). */
  language: languagePreferenceSchema,
})

/** A network interface as the Interfaces setting lists it (discovery/interfaces.ts). */
export const interfaceViewSchema = z.object({
  name: z.string().max(64),
  /** IPv4 addresses with their prefix (`192.168.1.23/24`). */
  addresses: z.array(z.string().max(18)).max(16),
  up: z.boolean(),
  private: z.boolean(),
  virtual: z.enum(['vpn', 'container', 'vm']).nullable(),
  /** The automatic choice takes it. */
  automatic: z.boolean(),
  /** Rooms use it now (with the current setting). */
  chosen: z.boolean(),
})

/**
 * The values a notice's catalogue sentence (`errors.<code>`) takes: a count, or the key of one
 * of our own names (`op`: `errorOps.<op>`). Few and short; never the network's text.
 */
export const noticeParamsSchema = z
  .record(
    z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/),
    z.union([z.string().max(64), z.number().finite()]),
  )
  .refine((params) => Object.keys(params).length <= 4)

export const noticeSchema = z.object({
  level: z.enum(['info', 'error']),
  code: z.string(),
  /** Main's English sentence: shown in English, and when the catalogue has no `code`. */
  message: shortText,
  params: noticeParamsSchema.optional(),
})

export type Profile = z.output<typeof profileSchema>
export type DirectoryView = z.output<typeof directorySchema>
export type DirectoryRoomView = z.output<typeof directoryRoomSchema>
export type ConnectionView = z.output<typeof connectionSchema>
export type MemberView = z.output<typeof memberSchema>
export type RoomView = z.output<typeof roomViewSchema>
export type Situation = (typeof SITUATIONS)[number]
export type Snapshot = z.output<typeof snapshotSchema>
export type TimelineEntry = z.output<typeof timelineEntrySchema>
export type ReplyQuote = z.output<typeof replyQuoteSchema>
export type ReactionView = z.output<typeof reactionViewSchema>
export type TimelinePatch = z.output<typeof timelinePatchSchema>
export type Notice = z.output<typeof noticeSchema>
export type NoticeParams = z.output<typeof noticeParamsSchema>
export type Preferences = z.output<typeof preferencesSchema>

/** What a fresh installation starts with; settings files from before a preference existed get
 * its value here (src/main/settings/settings.ts). */
export const DEFAULT_PREFERENCES = {
  spellcheck: true,
  interfaces: null,
  scanPorts: [],
  watched: [],
  readReceipts: true,
  theme: 'system',
  timeFormat: 'system',
  notifications: 'all',
  notificationText: true,
  sounds: true,
  mutedRooms: [],
  allowGuests: true,
  startAtLogin: false,
  checkForUpdates: true,
  language: 'system',
} as const satisfies Preferences
export type Theme = z.output<typeof themeSchema>
export type TimeFormat = z.output<typeof timeFormatSchema>
export type NotificationLevel = z.output<typeof notificationLevelSchema>
export type InterfaceView = z.output<typeof interfaceViewSchema>
export type ScanStateView = z.output<typeof scanStateSchema>
export type JoinFailure = z.output<typeof joinFailureSchema>
export type JoinFailureKind = JoinFailure['kind']
export type FileView = z.output<typeof fileViewSchema>
export type Transfer = z.output<typeof transferSchema>
export type TransferState = (typeof TRANSFER_STATES)[number]
export type FilesView = NonNullable<Snapshot['files']>
