/**
 * The app's updates (src/main/updates) as the window sees them: one state object, sent whole
 * as `onUpdate` whenever it changes and answered by `getUpdate`. Everything in it that came
 * from the release feed (the version, the release notes) is bounded here and made plain text
 * in main before it is sent (src/main/updates/release-notes.ts).
 */
import { z } from 'zod'

export const UPDATE_LIMITS = {
  /** Release notes as shown: longer ones are cut with an ellipsis (main cuts them first). */
  releaseNotesChars: 10_000,
  /** A version as written in the feed (`1.2.3-beta.4+build`); semver has no bound of its own. */
  versionChars: 64,
  /** The error sentence. */
  messageChars: 500,
} as const

/**
 * Where the update is:
 * idle: nothing checked yet (or checking is not possible: see `availability`);
 * checking: asking the release feed;
 * available: a newer version was found, its download about to start;
 * downloading: in the background, `progress` says how far;
 * ready: downloaded and verified, installed by "Restart to update" (or when the app quits);
 * up-to-date: the feed has nothing newer than this version;
 * error: the last check or download failed (`error`), the next check tries again.
 */
export const UPDATE_STATUSES = [
  'idle',
  'checking',
  'available',
  'downloading',
  'ready',
  'up-to-date',
  'error',
] as const
export type UpdateStatus = (typeof UPDATE_STATUSES)[number]

/**
 * Whether this copy can update itself:
 * automatic: it checks at start and every few hours;
 * off: the person turned automatic checks off (Check now still works);
 * development: an unpackaged build or a test run, which never checks;
 * package-manager: installed from a deb or rpm package, which the system's package manager
 * updates (the app never pretends to);
 * unsupported: a copy that cannot replace itself (a Linux build run from an unpacked folder).
 */
export const UPDATE_AVAILABILITIES = [
  'automatic',
  'off',
  'development',
  'package-manager',
  'unsupported',
] as const
export type UpdateAvailability = (typeof UPDATE_AVAILABILITIES)[number]

/** Errors of checks and downloads (`error.code`), and of the update commands. */
export const UPDATE_ERROR_CODES = {
  /** The release feed could not be reached (offline, DNS, proxy, timeout). */
  offline: 'UPDATE_ERR_OFFLINE',
  /** The feed answered with something unusable (no release, missing or invalid latest*.yml). */
  feed: 'UPDATE_ERR_FEED',
  /** The download failed or its checksum did not match. */
  download: 'UPDATE_ERR_DOWNLOAD',
  /** The new version's code signature was refused (Windows), or this app is unsigned (macOS). */
  signature: 'UPDATE_ERR_SIGNATURE',
  /** Anything else the updater reported. */
  failed: 'UPDATE_ERR_FAILED',
  /** Check now in a copy that cannot update itself (availability development, package-manager
   * or unsupported). */
  unavailable: 'UPDATE_ERR_UNAVAILABLE',
  /** Restart to update with no update downloaded. */
  notReady: 'UPDATE_ERR_NOT_READY',
  /** Restart to update while hosting, without the person's confirmation that the room ends. */
  hosting: 'UPDATE_ERR_HOSTING',
} as const
export type UpdateErrorCode = (typeof UPDATE_ERROR_CODES)[keyof typeof UPDATE_ERROR_CODES]

const version = z.string().min(1).max(UPDATE_LIMITS.versionChars)

export const updateStateSchema = z.object({
  status: z.enum(UPDATE_STATUSES),
  availability: z.enum(UPDATE_AVAILABILITIES),
  /** This copy's version (package.json's). */
  currentVersion: version,
  /** The newer version found (available, downloading, ready); null otherwise. */
  version: version.nullable(),
  /** Its release notes as plain text, at most releaseNotesChars; null when there are none. */
  releaseNotes: z.string().max(UPDATE_LIMITS.releaseNotesChars).nullable(),
  /** While downloading: whole percent, and bytes. */
  progress: z
    .object({
      percent: z.number().int().min(0).max(100),
      transferred: z.number().int().min(0),
      total: z.number().int().min(0),
    })
    .nullable(),
  /** When the feed last answered a check (ms since 1970), null before the first. */
  lastCheck: z.number().int().min(0).nullable(),
  /** The last failure (status error). */
  error: z
    .object({
      code: z.enum(Object.values(UPDATE_ERROR_CODES) as [UpdateErrorCode, ...UpdateErrorCode[]]),
      message: z.string().max(UPDATE_LIMITS.messageChars),
    })
    .nullable(),
})
export type UpdateState = z.output<typeof updateStateSchema>
