import type { DirectoryState } from '../../shared/protocol'
import type { ControllerDeps, Directory } from '../../main/controller/deps'
import { ControllerError } from '../../main/controller/errors'
import type { SessionFactory } from '../../main/controller/session'
import type { ClientIdentity } from '../../main/security/identity-core'
import { PinStore } from '../../main/security/pins'
import { SettingsStore } from '../../main/settings/settings'
import { localFile } from './local-file'
import { webInspect, type WebInspectOptions } from './web-inspect'

/** localStorage keys; the app's files of the same names hold the same JSON. */
export const SETTINGS_KEY = 'lanroom.settings'
export const PINS_KEY = 'lanroom.pins'

/** The code of every refusal of what a browser page cannot do (host, look for rooms, files). */
export const NOT_IN_BROWSER = 'APP_ERR_NOT_IN_BROWSER'

export function notInBrowser(what: string): ControllerError {
  return new ControllerError(
    NOT_IN_BROWSER,
    `${what} is not available in the browser yet: use the LAN Room app for it.`,
  )
}

/** A page finds no rooms nearby (no mDNS, no scanning): the lobby shows only this hub. */
function emptyDirectory(): Directory {
  const state: DirectoryState = { status: 'unavailable', rooms: [], emptySince: null, error: null }
  return { state, on: () => {}, setOwnRooms: () => {}, start: () => {}, stop: async () => {} }
}

/** The OS as the user agent says it, for advice that differs by platform. */
export function platformOf(userAgent: string): NodeJS.Platform {
  if (/iPhone|iPad|Macintosh|Mac OS X/.test(userAgent)) return 'darwin'
  if (/Windows/.test(userAgent)) return 'win32'
  if (/Android/.test(userAgent)) return 'android'
  if (/Linux|X11/.test(userAgent)) return 'linux'
  return 'android'
}

export interface WebDepsOptions extends WebInspectOptions {
  storage: Storage
  identity: ClientIdentity
  connect: SessionFactory
  userAgent: string
  /** Told the room's fingerprint each time /info is read (the socket's, when the link has none). */
  served?: (fingerprint: string | null) => void
}

/**
 * The controller's dependencies in a browser: settings and pinned certificates in
 * localStorage (read through the same schemas as the app's files), the page's identity,
 * no hosting and no discovery, and the one room a page can reach, the hub that served it.
 */
export function webDeps(options: WebDepsOptions): ControllerDeps {
  const inspect = webInspect(options)
  return {
    settings: new SettingsStore(localFile(options.storage, SETTINGS_KEY)),
    identity: options.identity,
    pins: new PinStore(localFile(options.storage, PINS_KEY)),
    inspect: async (address) => {
      const inspected = await inspect(address)
      options.served?.(inspected.fingerprint)
      return inspected
    },
    tlsCredentials: () => Promise.reject(notInBrowser('Hosting a room')),
    startHub: () => Promise.reject(notInBrowser('Hosting a room')),
    hostRoom: () => Promise.reject(notInBrowser('Hosting a room')),
    createAdvertiser: () => {
      throw notInBrowser('Hosting a room')
    },
    dataDir: '',
    suggestedName: 'Guest',
    directory: emptyDirectory(),
    connect: options.connect,
    joinAddresses: () => [],
    platform: platformOf(options.userAgent),
  }
}
