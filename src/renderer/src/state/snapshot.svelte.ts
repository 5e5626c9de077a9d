import {
  bridge,
  type ConnectionView,
  type DirectoryView,
  type LanRoomApi,
  type MemberView,
  type Profile,
  type RoomView,
  type Situation,
  type Snapshot,
} from '../lib/bridge'
import { jsonEqual } from '../lib/equal'
import { errorText } from '../lib/error-text'
import { applyLanguageChoice } from '../lib/language-choice'
import { collidingNames, namesById } from '../lib/names'

/** The room's fields that rarely change (its name, your role, the addresses to share). */
export type RoomInfo = Omit<RoomView, 'connection' | 'members' | 'typing' | 'unread' | 'reads'>
export type ReadsView = NonNullable<RoomView['reads']>
export type TypingView = RoomView['typing']

const NO_DIRECTORY: DirectoryView = {
  status: 'searching',
  rooms: [],
  emptySince: null,
  error: null,
}

/**
 * What the window knows about the app: a mirror of main's snapshot, split into fields that
 * change independently. Main sends a whole snapshot on every change (up to one a frame in a
 * busy room: the unread count moves with each chat), so a field whose value did not change
 * keeps its old object, and what shows it is not redrawn.
 */
export class SnapshotState {
  /** False until main has answered, so the window does not show a lobby too early. */
  loaded = $state(false)
  /** A sentence to show when main could not be asked. */
  error = $state<string | null>(null)

  profileSet = $state(false)
  profile = $state.raw<Profile>({ name: '', clientId: '' })
  situation = $state<Situation>('idle')
  directory = $state.raw<DirectoryView>(NO_DIRECTORY)
  lastRoomName = $state<string | null>(null)
  platform = $state<Snapshot['platform']>('other')
  /** A join refused for the room's certificate: what to show the person. */
  certificateWarning = $state.raw<Snapshot['certificateWarning']>(null)
  /** Why the last join failed (until the next one starts). */
  joinFailure = $state.raw<Snapshot['joinFailure']>(null)

  room = $state.raw<RoomInfo | null>(null)
  connection = $state.raw<ConnectionView | null>(null)
  members = $state.raw<MemberView[]>([])
  typing = $state.raw<TypingView>([])
  unread = $state(0)
  /** How far the others have read (for "Seen by"); changes apart from the rest. */
  reads = $state.raw<ReadsView>([])
  /** Files in this room (#15): null outside a room, or when its hub does not take them. */
  files = $state.raw<Snapshot['files']>(null)

  /** Whether the room's hub does this (protocol FEATURES); UI for what it lacks is hidden. */
  has(feature: string): boolean {
    return this.room?.features?.includes(feature) ?? false
  }

  /** Members' names by client id (for mentions). */
  memberNames = $derived(namesById(this.members))

  /** Names (as nameKey) two members share: those get a tag to tell them apart. */
  memberCollisions = $derived(collidingNames(this.members))

  readonly #bridge: LanRoomApi
  /** The language preference of the last snapshot, to apply only when it changes. */
  #language: Snapshot['language'] = undefined

  constructor(api: LanRoomApi) {
    this.#bridge = api
  }

  apply(next: Snapshot): void {
    // The language before the first screen, so it never shows in another one first; then
    // whenever main's choice changes, whoever changed it. Only a change counts: a snapshot sent
    // before the settings' own change carries the language the window already had.
    if (next.language !== undefined && next.language !== this.#language) {
      this.#language = next.language
      applyLanguageChoice(next.language)
    }
    this.loaded = true
    this.error = null
    this.profileSet = next.profileSet
    this.situation = next.situation
    this.lastRoomName = next.lastRoomName
    this.platform = next.platform
    this.certificateWarning = keep(this.certificateWarning, next.certificateWarning)
    this.joinFailure = keep(this.joinFailure, next.joinFailure)
    this.profile = keep(this.profile, next.profile)
    this.directory = keep(this.directory, next.directory)
    this.files = keep(this.files, next.files)
    if (next.room) {
      const { connection, members, typing, unread, reads, ...info } = next.room
      this.room = keep(this.room, info)
      this.connection = keep(this.connection, connection)
      this.members = keep(this.members, members)
      this.typing = keep(this.typing, typing)
      this.unread = unread
      this.reads = keep(this.reads, reads ?? [])
    } else {
      this.room = null
      this.connection = null
      this.members = []
      this.typing = []
      this.unread = 0
      this.reads = []
    }
  }

  /**
   * Subscribes before asking, so no change between the two is missed. A snapshot event that
   * was already on its way arrives after the answer, but it is never older: main sends the
   * newest snapshot each time.
   */
  async connect(): Promise<() => void> {
    const unsubscribe = this.#bridge.onSnapshot((next) => this.apply(next))
    const result = await this.#bridge.getSnapshot()
    if (result.ok) this.apply(result.value)
    else this.error = errorText(result.error)
    return unsubscribe
  }
}

function keep<T>(old: T, next: T): T {
  return jsonEqual(old, next) ? old : next
}

export const snapshot = new SnapshotState(bridge)
