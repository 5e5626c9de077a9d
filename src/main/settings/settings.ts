import { z } from 'zod'
import { SCHEMAS } from '../../shared/protocol'
import { DEFAULT_PREFERENCES, preferencesSchema } from '../../shared/bridge/model'
import { SILENT_LOGGER, type Logger } from '../hub/logger'
import { textFileOf } from './disk-file'
import type { TextFile } from './text-file'

const windowBoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean(),
})
export type WindowBounds = z.output<typeof windowBoundsSchema>

const settingsSchema = z.object({
  v: z.literal(1),
  /** Null until the person has chosen a name (the first run asks). */
  // Repaired, not refused: a name saved before the name rule (with a zero-width space, say)
  // must not make the whole file count as damaged.
  name: SCHEMAS.peerDisplayName.nullable(),
  // No client id: it is derived from the installation's key (identity.pem, see
  // security/identity.ts). Files written before that still carry one; it is ignored.
  lastRoomName: SCHEMAS.roomName.nullable(),
  window: windowBoundsSchema.nullable(),
  /** Spell checking in text fields (settings/preferences.ts); files from before it: on. */
  spellcheck: z.boolean().default(true),
  /** The Interfaces setting (discovery/interfaces.ts); null: automatic. Files from before: null. */
  interfaces: preferencesSchema.shape.interfaces.default(null),
  /** Ports Look harder asks besides the default one. */
  scanPorts: preferencesSchema.shape.scanPorts.default([]),
  /** Watched hosts and subnets, as CIDR text (checked in settings/preferences.ts). */
  watched: preferencesSchema.shape.watched.default([]),
  /** Tell rooms how far you have read ("Seen by"); files from before it: on. */
  readReceipts: z.boolean().default(true),
  // Added with the settings panel (#14). Missing in older files: the defaults. A value this
  // version does not know (written by a newer one, or edited by hand) falls back to the default
  // instead of counting the whole file as damaged.
  theme: preferencesSchema.shape.theme.catch(DEFAULT_PREFERENCES.theme),
  timeFormat: preferencesSchema.shape.timeFormat.catch(DEFAULT_PREFERENCES.timeFormat),
  notifications: preferencesSchema.shape.notifications.catch(DEFAULT_PREFERENCES.notifications),
  notificationText: z.boolean().catch(DEFAULT_PREFERENCES.notificationText),
  sounds: z.boolean().catch(DEFAULT_PREFERENCES.sounds),
  /** Room ids, oldest muted first (the oldest is forgotten past the limit). */
  mutedRooms: preferencesSchema.shape.mutedRooms.catch(() => []),
  /** Where downloads are saved (chosen with the native folder dialog); null: the OS Downloads
   * folder. Files from before it: null. */
  downloadDir: z.string().max(4096).nullable().default(null),
  /** Hosted rooms take browser guests (#16); files from before it: yes. */
  allowGuests: z.boolean().catch(DEFAULT_PREFERENCES.allowGuests),
  /** Start in the tray at login (desktop/login-item.ts); files from before it: off. */
  startAtLogin: z.boolean().catch(DEFAULT_PREFERENCES.startAtLogin),
  /** The window was once closed to the tray and the person was told so (desktop/close-policy.ts):
   * they are not told again. Not a preference: nothing in Settings shows it. */
  trayExplained: z.boolean().catch(false),
  /** Automatic update checks (src/main/updates); files from before it: on. */
  checkForUpdates: z.boolean().catch(DEFAULT_PREFERENCES.checkForUpdates),
  /** The Language setting (docs/i18n.md); files from before it, or a language this version
   * does not ship: the system's. */
  language: preferencesSchema.shape.language.catch(DEFAULT_PREFERENCES.language),
})
export type Settings = z.output<typeof settingsSchema>

/**
 * The person's settings, in one JSON file in the app's data directory (a path), or any other
 * TextFile (localStorage in the guest page). A missing or damaged file is replaced by defaults
 * (the damaged one is kept beside it as `.bad`), never a crash. Writes are atomic (temporary
 * file, then rename).
 */
export class SettingsStore {
  private value: Settings
  private readonly file: TextFile

  constructor(
    place: string | TextFile,
    private readonly log: Logger = SILENT_LOGGER,
  ) {
    this.file = textFileOf(place)
    this.value = this.load()
  }

  get current(): Settings {
    return this.value
  }

  update(changes: Partial<Omit<Settings, 'v'>>): Settings {
    this.value = settingsSchema.parse({ ...this.value, ...changes })
    this.save()
    return this.value
  }

  private load(): Settings {
    const raw = this.file.read()
    if (raw === null) return this.fresh()
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(raw))
      if (parsed.success) return parsed.data
    } catch {
      // Not JSON: handled below like any other damage.
    }
    this.log.warn({ path: this.file.name }, 'settings file damaged; starting from defaults')
    this.file.setAside()
    return this.fresh()
  }

  private fresh(): Settings {
    this.value = settingsSchema.parse({ v: 1, name: null, lastRoomName: null, window: null })
    this.save()
    return this.value
  }

  private save(): void {
    try {
      this.file.write(JSON.stringify(this.value, null, 2))
    } catch (error) {
      this.log.error({ path: this.file.name }, `cannot save settings: ${String(error)}`)
    }
  }
}
