import type { DirectoryState } from '../../shared/protocol'
import type { Hub, HubOptions } from '../hub'
import type { Logger } from '../hub/logger'
import type { ClientIdentity } from '../security/identity'
import type { PinStore } from '../security/pins'
import type { TlsCredentials } from '../security/tls'
import type { SettingsStore } from '../settings/settings'
import type { HostedRoom } from './hosting'
import type { InspectedRoom } from './inspect'
import type { SessionFactory } from './session'

/** The directory as the controller uses it (RoomDirectory in the app, anything alike in tests). */
export interface Directory {
  /** A new object whenever it changes, never changed in place (the snapshot reuses its view). */
  readonly state: DirectoryState
  on(event: 'change', listener: (state: DirectoryState) => void): unknown
  setOwnRooms(ids: Iterable<string>): void
  start(): void
  stop(): Promise<void>
}

/** What a hosted room's advertisement says (mDNS). */
export interface AdvertisedRoom {
  roomId: string
  name: string
  hostName: string
  port: number
  passphrase: boolean
  fingerprint: string | null
}

export interface Advertiser {
  start(): void
  stop(): Promise<void>
}

export interface ControllerDeps {
  settings: SettingsStore
  /** The installation's key pair: who this person is in every room. */
  identity: ClientIdentity
  /**
   * The installation's TLS certificate, made on first use (hosting); with `names`, re-issued
   * with the same key to name exactly those (see TlsStore).
   */
  tlsCredentials: (names?: readonly string[]) => Promise<TlsCredentials>
  /** Certificates of rooms joined before (trust on first use). */
  pins: PinStore
  /** Reads a typed address's /info and the certificate it presents (see inspect.ts). */
  inspect: (address: URL, options: { plainOnly: boolean }) => Promise<InspectedRoom>
  /** Where hosted rooms keep their history (the app's user-data directory). */
  dataDir: string
  /** A name to suggest on first run. */
  suggestedName: string
  directory: Directory
  startHub: (options: HubOptions) => Promise<Hub>
  /**
   * Starts a room this installation hosts: HostedRoom.start in the app. A dependency rather than
   * an import so that the guest page, which refuses hosting, bundles none of hosting's Node-only
   * code (certificates, the machine's names).
   */
  hostRoom: typeof HostedRoom.start
  createAdvertiser: (room: AdvertisedRoom) => Advertiser
  connect: SessionFactory
  /** The addresses others can join a hub on `port` at, most useful first (host:port). */
  joinAddresses: (port: number) => string[]
  /** Port for hosting; default DEFAULT_PORT (with fallback to a free one). */
  hostPort?: number
  /** Interface to bind when hosting; default every interface. */
  hostBind?: string
  /** The built guest app that hosted rooms serve to browsers; null or omitted: none. */
  guestApp?: { dir: string } | null
  logger?: Logger
  /** The operating system, for advice that differs by platform; default process.platform (the
   * guest page, which has no process, passes its own guess). */
  platform?: NodeJS.Platform
}

/** What only the platform does for files (Electron's shell, dialog and app in the glue; tests
 * record it). */
export interface FilePlatform {
  /** The OS Downloads folder (app.getPath('downloads')). */
  downloadsDir(): string
  /** Where pasted files are copied before they are sent (a private temporary folder). */
  tempDir(): string
  showItemInFolder(path: string): void
  /** Opens with the default application; resolves with an error sentence, '' when it worked. */
  openPath(path: string): Promise<string>
  /** The native open dialog (several files); [] when cancelled. */
  pickFiles(): Promise<string[]>
  /** The native folder dialog; null when cancelled. */
  pickFolder(): Promise<string | null>
}
