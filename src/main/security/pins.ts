import { z } from 'zod'
import { FINGERPRINT_PATTERN } from '../../shared/security/verification-code'
import { SILENT_LOGGER, type Logger } from '../hub/logger'
import { textFileOf } from '../settings/disk-file'
import type { TextFile } from '../settings/text-file'
import { fingerprintOfSeenCertificate } from './tls-seen'

const pinSchema = z.object({
  fingerprint: z.string().regex(FINGERPRINT_PATTERN),
  /** The room's name when it was pinned, to say which room a warning is about. */
  name: z.string().max(200),
  pinnedAt: z.number().int(),
})
const fileSchema = z.object({ v: z.literal(1), rooms: z.record(z.string(), pinSchema) })
export type Pin = z.infer<typeof pinSchema>

/** How a certificate compares with what is pinned for its room. */
export type PinCheck =
  { status: 'new' } | { status: 'match'; pin: Pin } | { status: 'changed'; pin: Pin }

/**
 * Trust on first use: the certificate fingerprint each room (by id) showed the first time this
 * installation joined it. One JSON file, written atomically. A damaged file is kept aside as
 * `.bad` and pinning starts over — which means the next join of each room is a first use again;
 * the log says so.
 *
 * Older versions pinned the SHA-256 of the whole certificate; now the key's fingerprint is
 * pinned (see tls.ts). Such a pin is replaced, silently and once, as soon as a connection
 * presents the very certificate it names (`seenCertificate`: the key fingerprint of a
 * certificate a finished handshake presented, by its whole-certificate hash). Any other
 * certificate is compared with the old pin as always: a mismatch.
 */
export class PinStore {
  private rooms: Record<string, Pin>
  private readonly file: TextFile
  /** The file was damaged when this store read it, and was set aside (`.bad`): every room is
   * a first use again, which whoever joins must be told. */
  damaged = false

  /** `place`: a file's path, or another TextFile (localStorage in the guest page). */
  constructor(
    place: string | TextFile,
    private readonly log: Logger = SILENT_LOGGER,
    private readonly seenCertificate: (
      certificateHash: string,
    ) => string | null = fingerprintOfSeenCertificate,
  ) {
    this.file = textFileOf(place)
    this.rooms = this.load()
  }

  get(roomId: string): Pin | null {
    const pin = Object.hasOwn(this.rooms, roomId) ? (this.rooms[roomId] ?? null) : null
    const fingerprint = pin && this.seenCertificate(pin.fingerprint)
    if (!pin || !fingerprint || fingerprint === pin.fingerprint) return pin
    const upgraded = { ...pin, fingerprint }
    this.rooms = { ...this.rooms, [roomId]: upgraded }
    this.log.info({ roomId }, 'pinned certificate replaced by its key fingerprint')
    this.save()
    return upgraded
  }

  check(roomId: string, fingerprint: string): PinCheck {
    const pin = this.get(roomId)
    if (!pin) return { status: 'new' }
    return pin.fingerprint === fingerprint ? { status: 'match', pin } : { status: 'changed', pin }
  }

  /**
   * Pins (or re-pins, after the person accepted a new certificate) a room's fingerprint. Returns
   * null once it is saved (or was already), else why it could not be: the pin then holds for
   * this store only, and the next run takes the room's certificate on first use again, which
   * whoever pins must be told (the log says it too).
   */
  pin(roomId: string, fingerprint: string, name: string): Error | null {
    const current = this.get(roomId)
    if (current?.fingerprint === fingerprint && current.name === name) return null
    this.rooms = { ...this.rooms, [roomId]: { fingerprint, name, pinnedAt: Date.now() } }
    return this.save()
  }

  /** Where the pins are kept (a path, or the name of another TextFile). */
  get place(): string {
    return this.file.name
  }

  private load(): Record<string, Pin> {
    const raw = this.file.read()
    if (raw === null) return {}
    try {
      const json: unknown = JSON.parse(raw)
      const parsed = fileSchema.safeParse(json)
      if (parsed.success) {
        // Entries are taken from the JSON itself: zod rebuilds a record by assignment, which
        // turns a "__proto__" key (a room id the protocol allows) into a prototype, losing the pin.
        const rooms = Object.create(null) as Record<string, Pin>
        for (const [id, value] of Object.entries((json as { rooms: object }).rooms)) {
          const pin = pinSchema.safeParse(value)
          if (pin.success) rooms[id] = pin.data
        }
        return rooms
      }
    } catch {
      // Not JSON: as damaged.
    }
    this.log.warn({ path: this.file.name }, 'pinned certificates file damaged; starting over')
    this.damaged = true
    this.file.setAside()
    return {}
  }

  /** Null once written, else why not (logged). */
  private save(): Error | null {
    try {
      this.file.write(JSON.stringify({ v: 1, rooms: this.rooms }, null, 2))
      return null
    } catch (error) {
      this.log.error({ path: this.file.name }, `cannot save pinned certificates: ${String(error)}`)
      return error instanceof Error ? error : new Error(String(error))
    }
  }
}
