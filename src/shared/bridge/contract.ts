/**
 * The bridge between the renderer and the main process, defined once.
 *
 * Main's handlers (src/main/bridge), the object the preload exposes as `window.lanroom`
 * (src/preload) and the renderer's calls (src/renderer/src/lib/bridge.ts) are all derived from
 * BRIDGE_CONTRACT, so a command or event added here is a type error everywhere it is not yet
 * handled. Main parses every argument with the schema below before a handler sees it: the
 * renderer shows content from other people on the network and is treated as untrusted.
 */
import { z } from 'zod'
import { INLINE_IMAGE_TYPES, LIMITS, SCHEMAS } from '../protocol'
import { FINGERPRINT_PATTERN } from '../security/verification-code'
import { DOCTOR_CHECK_IDS, DOCTOR_LIMITS, doctorCheckSchema } from './doctor'
import { LINK_LIMITS, parseJoinTarget } from '../lanroom-link'
import { updateStateSchema } from './update'

import {
  interfaceNameSchema,
  interfaceViewSchema,
  noticeSchema,
  notificationLevelSchema,
  themeSchema,
  timeFormatSchema,
  portSchema,
  preferencesSchema,
  languagePreferenceSchema,
  watchTargetSchema,
  BRIDGE_LIMITS,
  profileSchema,
  snapshotSchema,
  transferSchema,
  timelinePatchSchema,
  type Profile,
  type Situation,
  type Snapshot,
} from './model'

export { SITUATIONS } from './model'
export type { Profile, Situation, Snapshot }

const nothing = z.undefined()
const ok = z.object({ ok: z.literal(true) })
const messageRef = z.strictObject({ id: SCHEMAS.messageId })
/** A chat's place in the room (its hub seq). */
const seqArg = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)
/** A passphrase as typed: never trimmed (spaces may be part of it), never empty. */
const passphrase = z.string().min(1).max(1024)
const roomId = z.string().min(1).max(64)
/** A certificate's SHA-256 fingerprint, 64 lowercase hex digits. */
const fingerprint = z.string().regex(FINGERPRINT_PATTERN)
/** Ids main makes for staged files and transfers. */
const localId = z.string().min(1).max(64)
/** A lanroom://join/ link's target, as main read it (lanroom-link.ts): checked again here. */
const joinTarget = z
  .string()
  .max(LINK_LIMITS.maxLength)
  .refine((target) => parseJoinTarget(target).ok, 'not a room code or host:port')
const bytes = (max: number) =>
  z.instanceof(Uint8Array).refine((b) => b.byteLength <= max, `must be at most ${max} bytes`)
const imageSide = z.number().int().min(1).max(LIMITS.maxImageSide)
/**
 * One file as the preload hands it to main (stageFiles): never from the page itself, which
 * passes DOM File objects that the preload turns into a path (dropped or picked files) or, when
 * the File has none (a pasted image), its bytes. Main checks the path is a readable regular file.
 */
const stagedSource = z.strictObject({
  /** Absolute path from webUtils.getPathForFile. */
  path: z.string().min(1).max(4096).optional(),
  /** The File's bytes when it has no path. */
  bytes: bytes(BRIDGE_LIMITS.pastedFileBytes).optional(),
  /** The File's name (for bytes; for a path main uses the path's own name). */
  name: z.string().max(LIMITS.maxFileNameBytes),
  /** The File's type as the browser guessed it (advisory). */
  type: z.string().max(LIMITS.maxFileTypeLength),
  /** A thumbnail the window made (PNG, JPEG or WebP); main checks its header. */
  thumb: bytes(LIMITS.maxThumbBytes).optional(),
  width: imageSide.optional(),
  height: imageSide.optional(),
})
const stagedResult = z.object({
  staged: z
    .array(
      z.object({
        stageId: localId,
        name: z.string().max(LIMITS.maxFileNameBytes),
        size: z.number().int().min(0),
        type: z.string().max(LIMITS.maxFileTypeLength),
      }),
    )
    .max(BRIDGE_LIMITS.stagedFiles),
})
/**
 * Commands the preload exposes by hand instead of from the generic loop (api.ts): the page
 * calls them with something other than their IPC arguments.
 */
export const SPECIAL_COMMANDS = ['stageFiles'] as const

/** Commands the renderer may call, and events main pushes to it. */
export const BRIDGE_CONTRACT = {
  commands: {
    /** Everything the window shows, for the first render; changes then arrive as events. */
    getSnapshot: { args: nothing, result: snapshotSchema },
    /** The whole timeline of the current room (confirmed and pending), for the first render. */
    getTimeline: { args: nothing, result: timelinePatchSchema },
    /** Sets the name other people see (trimmed); returns the profile as stored. */
    setProfile: {
      // Strict: an unexpected key means the renderer and main disagree, so it is refused.
      args: z.strictObject({ name: SCHEMAS.displayName }),
      result: profileSchema,
    },
    /** Starts hosting a room (and joins it, as everyone else does), with a passphrase or not. */
    hostRoom: {
      args: z.strictObject({ name: SCHEMAS.roomName, passphrase: passphrase.optional() }),
      result: ok,
    },
    /** Stops hosting: members are told the room ended. */
    stopHosting: { args: nothing, result: ok },
    /** Joins a room from the rooms nearby, by its id (with its passphrase, if it has one). */
    joinRoom: {
      args: z.strictObject({ roomId, passphrase: passphrase.optional() }),
      result: ok,
    },
    /**
     * Reads which room answers at a typed address, or which room a typed room code names, and
     * its verification code, before joining.
     */
    inspectAddress: {
      // An address (host:port, wss://… or ws://…) or a room code.
      args: z.strictObject({ address: z.string().trim().min(1).max(300) }),
      result: z.object({
        /** The URL to join it at. */
        address: z.string(),
        roomId: z.string(),
        name: z.string(),
        hostName: z.string(),
        passphrase: z.boolean(),
        encrypted: z.boolean(),
        fingerprint: fingerprint.nullable(),
        verificationCode: z.string().nullable(),
        /**
         * How it compares with the certificate pinned when this installation joined the room:
         * new (never joined), match (the same), changed (another one: joining leads to the
         * certificate warning), downgraded (pinned, and not encrypted now).
         */
        pin: z.enum(['new', 'match', 'changed', 'downgraded']),
        /** The pinned certificate's code (null when new). */
        pinnedCode: z.string().nullable(),
        /**
         * Typed as a room code (docs/room-code.md): the room whose certificate the code names,
         * so no code needs comparing. `codeAddress` is the address the code names;
         * `foundNearby`: the room was not there but found among the rooms nearby, `note`
         * saying why. Null for a typed address.
         */
        roomCode: z
          .object({
            code: z.string(),
            codeAddress: z.string(),
            foundNearby: z.boolean(),
            note: z.string().max(500).nullable(),
          })
          .nullable(),
      }),
    },
    /**
     * Joins by a typed address (host:port, wss://… or ws://…). `expectedFingerprint`: the
     * certificate the person confirmed after inspectAddress — the connection must present it.
     */
    joinAddress: {
      args: z.strictObject({
        address: z.string().trim().min(1).max(300),
        expectedFingerprint: fingerprint.optional(),
        passphrase: passphrase.optional(),
      }),
      result: ok,
    },
    /**
     * The person compared codes with the host: pins the certificate the last refused join
     * presented (snapshot.certificateWarning) and joins again the same way. Accepted only when
     * `fingerprint` is exactly that certificate, so the window can never pin a value of its own
     * (nor one it did not show); fails like the join commands otherwise.
     */
    trustNewCertificate: { args: z.strictObject({ roomId, fingerprint }), result: ok },
    /** Closes the certificate warning, trusting nothing. */
    dismissCertificateWarning: { args: nothing, result: ok },
    /** Leaves the room you joined. */
    leaveRoom: { args: nothing, result: ok },
    /** Sends a chat; it shows as pending until the hub confirms it. */
    sendChat: {
      args: z.strictObject({
        text: SCHEMAS.text,
        /** The seq of the chat this one answers. */
        replyTo: seqArg.optional(),
        /** Client ids of the people mentioned. */
        mentions: SCHEMAS.mentions.optional(),
        /** `@room`: notifies everyone present. */
        mentionsRoom: z.boolean().optional(),
      }),
      result: z.object({ id: z.string() }),
    },
    /** Adds your reaction (one emoji) to a chat; pending until the hub confirms it. */
    react: { args: z.strictObject({ seq: seqArg, emoji: SCHEMAS.emoji }), result: ok },
    /** Takes your reaction back. */
    unreact: { args: z.strictObject({ seq: seqArg, emoji: SCHEMAS.emoji }), result: ok },
    /** Changes the text of one of your chats. */
    editMessage: { args: z.strictObject({ seq: seqArg, text: SCHEMAS.text }), result: ok },
    /** Takes one of your chats back: everyone sees "message deleted". */
    deleteMessage: { args: z.strictObject({ seq: seqArg }), result: ok },
    /**
     * Loads a page of older messages before the first one shown (they arrive as `older` in a
     * timeline patch). `first`: the start of the history is reached.
     */
    loadOlder: {
      args: nothing,
      result: z.object({
        added: z.number().int().min(0),
        first: z.boolean(),
        trimmed: z.boolean(),
      }),
    },
    /** Searches the room's whole history (the hub answers), newest first. */
    search: {
      args: z.strictObject({
        /** What the hub takes: 1–200 characters, at most 800 UTF-8 bytes, no control ones. */
        text: SCHEMAS.search.shape.text,
        /** Continues an earlier search: matches older than this seq. */
        before: seqArg.optional(),
      }),
      result: z.object({
        matches: z.array(SCHEMAS.match).max(LIMITS.maxSearchResults),
        more: z.boolean(),
      }),
    },
    /** Loads the timeline back to the chat with this seq (for a search result or a quote), so
     * that the window can scroll to it. */
    openAt: { args: z.strictObject({ seq: seqArg }), result: ok },
    /** Sends a failed message again, same id. */
    retryMessage: { args: messageRef, result: ok },
    /** Drops a failed message. */
    discardMessage: { args: messageRef, result: ok },
    /** Says whether you are typing. */
    setTyping: { args: z.strictObject({ active: z.boolean() }), result: ok },
    /** Tries to reconnect now instead of waiting for the next attempt. */
    retryNow: { args: nothing, result: ok },
    /** The window shows the room and is focused: everything so far counts as read. */
    markRead: { args: nothing, result: ok },
    /** Copies text (an address to share) to the system clipboard. */
    copyText: { args: z.strictObject({ text: z.string().min(1).max(1_000) }), result: ok },
    /** The person's preferences (settings/preferences.ts), for the settings dialog. */
    getPreferences: { args: nothing, result: preferencesSchema },
    /** Changes the preferences given, keeps them, applies them at once; returns them all. */
    setPreferences: {
      args: z.strictObject({
        spellcheck: z.boolean().optional(),
        interfaces: z
          .array(interfaceNameSchema)
          .max(BRIDGE_LIMITS.interfaces)
          .nullable()
          .optional(),
        scanPorts: z.array(portSchema).max(BRIDGE_LIMITS.scanPorts).optional(),
        watched: z.array(watchTargetSchema).max(BRIDGE_LIMITS.watched).optional(),
        readReceipts: z.boolean().optional(),
        theme: themeSchema.optional(),
        timeFormat: timeFormatSchema.optional(),
        notifications: notificationLevelSchema.optional(),
        notificationText: z.boolean().optional(),
        sounds: z.boolean().optional(),
        /** Mutes or unmutes one room, by id (the settings dialog's switch for the room you are in). */
        muteRoom: z.strictObject({ roomId, muted: z.boolean() }).optional(),
        /** Only back to the default (the OS Downloads folder): a folder is chosen with
         * chooseDownloadDir, never named by the window. */
        downloadDir: z.null().optional(),
        allowGuests: z.boolean().optional(),
        startAtLogin: z.boolean().optional(),
        /** Check for updates automatically (src/main/updates). */
        checkForUpdates: z.boolean().optional(),
        language: languagePreferenceSchema.optional(),
      }),
      result: preferencesSchema,
    },
    /**
     * Runs one check of the network doctor (doctor.ts lists them); `target`, for the room check:
     * a room's name or id, a room code or an address. The panel runs them all at once and shows
     * each as it finishes. Each ends within its bound (src/main/doctor/run.ts).
     */
    runDoctorCheck: {
      args: z.strictObject({
        check: z.enum(DOCTOR_CHECK_IDS),
        target: z.string().trim().min(1).max(DOCTOR_LIMITS.target).optional(),
      }),
      result: doctorCheckSchema,
    },
    /** This computer's network interfaces, for the Interfaces setting. */
    listInterfaces: {
      args: nothing,
      result: z.array(interfaceViewSchema).max(BRIDGE_LIMITS.interfaces),
    },
    /**
     * Look harder: asks every address of this computer's private subnets (and the watched ones)
     * for a room; progress in snapshot.directory.scan, rooms found in the list. Only ever on
     * the person's request. Starting it again while it runs changes nothing.
     */
    lookHarder: { args: nothing, result: ok },
    /** Stops Look harder; rooms it found stay listed while they answer. */
    cancelLookHarder: { args: nothing, result: ok },
    /**
     * SPECIAL (SPECIAL_COMMANDS): the page calls `lanroom.stageFiles(files, extras?)` with DOM
     * File objects (and per file an optional thumbnail it made, with the image's size); the
     * preload turns each into a path or, without one, its bytes (≤ pastedFileBytes), so the page
     * can never name a path. Stages them for sending (bounded by stagedFiles and
     * stagedPastedBytes); the composer shows them until sendFiles or unstageFile.
     */
    stageFiles: {
      args: z.strictObject({
        files: z.array(stagedSource).min(1).max(BRIDGE_LIMITS.stagedFiles),
      }),
      result: stagedResult,
    },
    /** Shows the native open dialog (several files) and stages what the person picks. */
    pickFiles: { args: nothing, result: stagedResult },
    /** Takes a staged file out of the composer. */
    unstageFile: { args: z.strictObject({ stageId: localId }), result: ok },
    /**
     * Shares staged files with the room, each as its own file chat (the caption and the reply
     * go with the first); progress arrives as `transfers`.
     */
    sendFiles: {
      args: z.strictObject({
        stageIds: z.array(localId).min(1).max(BRIDGE_LIMITS.stagedFiles),
        caption: SCHEMAS.text.optional(),
        replyTo: seqArg.optional(),
      }),
      result: z.object({ transferIds: z.array(localId).max(BRIDGE_LIMITS.stagedFiles) }),
    },
    /** Downloads the file of the file chat `seq` to the download folder, verifying it. */
    downloadFile: {
      args: z.strictObject({ seq: seqArg }),
      result: z.object({ transferId: localId }),
    },
    /** Stops a transfer (a download's partial file is removed). */
    cancelTransfer: { args: z.strictObject({ transferId: localId }), result: ok },
    /** Starts a failed or cancelled transfer again, from where it stopped when it can. */
    resumeTransfer: { args: z.strictObject({ transferId: localId }), result: ok },
    /** Shows a finished download in the system's file manager. */
    showInFolder: { args: z.strictObject({ transferId: localId }), result: ok },
    /**
     * Opens a finished, verified download with the system's default application. An executable
     * (FileView.executable) is refused unless `confirmExecutable` says the person was warned.
     */
    openFile: {
      args: z.strictObject({ transferId: localId, confirmExecutable: z.boolean().optional() }),
      result: ok,
    },
    /**
     * The bytes of a finished, verified download of an inline image type (at most
     * readImageBytes), for the full-size view (the window makes a blob: URL).
     */
    readImage: {
      args: z.strictObject({ transferId: localId }),
      result: z.object({
        bytes: bytes(BRIDGE_LIMITS.readImageBytes),
        type: z.enum(INLINE_IMAGE_TYPES),
      }),
    },
    /** Shows the native folder dialog and keeps the choice as `downloadDir`. */
    chooseDownloadDir: {
      args: nothing,
      result: z.object({
        /** False when the person cancelled the dialog. */
        changed: z.boolean(),
        downloadDir: z.string().max(4096).nullable(),
      }),
    },
    /** Where the app's own update is (docs/updates.md), for the first render and Settings. */
    getUpdate: { args: nothing, result: updateStateSchema },
    /**
     * Check now: asks the release feed at once (also with automatic checks off), and resolves
     * with the state once it has answered; a newer version then downloads in the background.
     * UPDATE_ERR_UNAVAILABLE when this copy cannot update itself.
     */
    checkForUpdates: { args: nothing, result: updateStateSchema },
    /**
     * Restart to update: ends the session properly, quits, installs the downloaded version and
     * starts it. While hosting, refused (UPDATE_ERR_HOSTING) unless `endRoom` says the person
     * confirmed that the room ends for everyone. UPDATE_ERR_NOT_READY before a download is ready.
     */
    restartToUpdate: { args: z.strictObject({ endRoom: z.boolean().optional() }), result: ok },
  },
  events: {
    /** The snapshot changed. At most one per animation frame: the newest wins. */
    onSnapshot: { payload: snapshotSchema },
    /** The timeline changed. At most one per animation frame: patches are merged. */
    onTimeline: { payload: timelinePatchSchema },
    /** Something to tell the person (an error with a readable message). */
    onNotice: { payload: noticeSchema },
    /** A system notification was shown and sounds are on: the window plays the short sound. */
    onChime: { payload: z.strictObject({ mention: z.boolean() }) },
    /** Every current transfer (uploads and downloads), whenever one changes. */
    onTransfers: { payload: z.array(transferSchema).max(BRIDGE_LIMITS.transfers) },
    /**
     * A `lanroom://join/…` link reached the app (desktop/open-links.ts): the window opens the
     * join step with `join` (a room code as shown, or host:port) and looks it up. Nothing is
     * joined until the person clicks Join.
     */
    onOpenLink: { payload: z.strictObject({ join: joinTarget }) },
    /** The app's update state, whole, whenever it changes (download progress: per percent). */
    onUpdate: { payload: updateStateSchema },
  },
} as const satisfies {
  commands: Record<string, { args: z.ZodType; result: z.ZodType }>
  // Event names double as the exposed subscription functions (`lanroom.onSnapshot(listener)`).
  events: Record<`on${Capitalize<string>}`, { payload: z.ZodType }>
}

type Contract = typeof BRIDGE_CONTRACT
type Commands = Contract['commands']
type Events = Contract['events']

export type CommandName = keyof Commands & string
export type EventName = keyof Events & string

/** What the renderer passes to a command. */
export type CommandArgs<K extends CommandName> = z.input<Commands[K]['args']>
/** What main's handler receives: the arguments after parsing (trimmed, defaults applied). */
export type HandlerArgs<K extends CommandName> = z.output<Commands[K]['args']>
/** The value a command produces when it succeeds. */
export type CommandResult<K extends CommandName> = z.output<Commands[K]['result']>
export type EventPayload<K extends EventName> = z.output<Events[K]['payload']>

export const COMMAND_NAMES = Object.keys(BRIDGE_CONTRACT.commands) as CommandName[]
export const EVENT_NAMES = Object.keys(BRIDGE_CONTRACT.events) as EventName[]

const CHANNEL_PREFIX = 'lanroom'

export type CommandChannel<K extends CommandName = CommandName> =
  `${typeof CHANNEL_PREFIX}:cmd:${K}`
export type EventChannel<K extends EventName = EventName> = `${typeof CHANNEL_PREFIX}:evt:${K}`

/** The IPC channel a command travels on. Only this bridge uses the `lanroom:` prefix. */
export function commandChannel<K extends CommandName>(name: K): CommandChannel<K> {
  return `${CHANNEL_PREFIX}:cmd:${name}`
}

export function eventChannel<K extends EventName>(name: K): EventChannel<K> {
  return `${CHANNEL_PREFIX}:evt:${name}`
}

// Seen through these mapped types, indexing with a generic name yields a schema of exactly
// that entry's types; indexing BRIDGE_CONTRACT directly yields a union TypeScript cannot
// narrow. The assignments are checked, so the views cannot drift from the contract.
const TYPED_COMMANDS: {
  readonly [K in CommandName]: {
    readonly args: z.ZodType<HandlerArgs<K>>
    readonly result: z.ZodType<CommandResult<K>>
  }
} = BRIDGE_CONTRACT.commands

const TYPED_EVENTS: {
  readonly [K in EventName]: { readonly payload: z.ZodType<EventPayload<K>> }
} = BRIDGE_CONTRACT.events

export function argsSchema<K extends CommandName>(name: K): z.ZodType<HandlerArgs<K>> {
  return TYPED_COMMANDS[name].args
}

export function resultSchema<K extends CommandName>(name: K): z.ZodType<CommandResult<K>> {
  return TYPED_COMMANDS[name].result
}

export function payloadSchema<K extends EventName>(name: K): z.ZodType<EventPayload<K>> {
  return TYPED_EVENTS[name].payload
}
