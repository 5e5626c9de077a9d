/**
 * The app's side of scanning: Look harder (a scan of this computer's own private subnets, on
 * the person's request only, with progress and a cancel) and watched hosts (asked again every
 * WATCH_INTERVAL_MS, quietly). What either finds is listed by the directory like an advertised
 * room (RoomDirectory.addScanned). The Interfaces setting is applied here too.
 */
import { networkInterfaces } from 'node:os'
import type { Preferences } from '../../shared/bridge'
import type { InterfaceView } from '../../shared/bridge/model'
import { DEFAULT_PORT, type ScanState } from '../../shared/protocol'
import { SILENT_LOGGER, type Logger } from '../hub/logger'
import type { Interfaces } from './addresses'
import {
  AUTO_SELECTION,
  chooseInterfaces,
  isDefaultInterface,
  listInterfaces,
  type InterfaceSelection,
} from './interfaces'
import type { requestInfo } from './probe'
import { parseWatchTarget, scan, scanAddresses, type ScannedHub, type Subnet } from './scan'

/** How long after one round of watched hosts the next starts. */
export const WATCH_INTERVAL_MS = 30_000

/** What Look harder needs of the directory. */
export interface ScanListing {
  addScanned(hub: ScannedHub): void
  setScan(state: ScanState): void
  setSelection(selection: InterfaceSelection): void
}

export interface LookHarderOptions {
  directory: ScanListing
  interfaces?: () => Interfaces
  /** The /info fetcher; injectable for tests. */
  request?: typeof requestInfo
  watchIntervalMs?: number
  logger?: Logger
}

type DiscoveryPreferences = Pick<Preferences, 'interfaces' | 'scanPorts' | 'watched'>

export function selectionOf(interfaces: Preferences['interfaces']): InterfaceSelection {
  return interfaces === null ? AUTO_SELECTION : { mode: 'names', names: interfaces }
}

export class LookHarder {
  private selection: InterfaceSelection = AUTO_SELECTION
  private ports: number[] = [DEFAULT_PORT]
  private watched: Subnet[] = []
  private running: AbortController | null = null
  private watchTimer: NodeJS.Timeout | null = null
  private watching: AbortController | null = null
  private readonly interfaces: () => Interfaces
  private readonly log: Logger

  constructor(private readonly options: LookHarderOptions) {
    this.interfaces = options.interfaces ?? networkInterfaces
    this.log = options.logger ?? SILENT_LOGGER
  }

  /** Applies the discovery preferences: where rooms are browsed, ports, watched hosts. */
  configure(preferences: DiscoveryPreferences): void {
    this.selection = selectionOf(preferences.interfaces)
    this.options.directory.setSelection(this.selection)
    this.ports = [DEFAULT_PORT, ...preferences.scanPorts]
    this.watched = preferences.watched.flatMap((text) => {
      const parsed = parseWatchTarget(text)
      return parsed.ok ? [parsed.subnet] : []
    })
    this.restartWatching()
  }

  /** The interfaces, marked with what the automatic choice and the current setting take. */
  describeInterfaces(): InterfaceView[] {
    const all = listInterfaces({ interfaces: this.interfaces })
    const chosen = new Set(chooseInterfaces(all, this.selection).map((i) => i.name))
    return all
      .filter((i) => !i.internal)
      .slice(0, 32)
      .map((i) => ({
        name: i.name.slice(0, 64),
        addresses: i.ipv4.slice(0, 16).map((a) => `${a.address}/${a.prefix}`),
        up: i.up,
        private: i.private,
        virtual: i.virtual,
        automatic: isDefaultInterface(i),
        chosen: chosen.has(i.name),
      }))
  }

  private addresses(withInterfaces: boolean): string[] {
    const all = listInterfaces({ interfaces: this.interfaces })
    return scanAddresses({
      interfaces: withInterfaces ? chooseInterfaces(all, this.selection) : [],
      ownAddresses: all.flatMap((i) => i.ipv4.map((a) => a.address)),
      watched: this.watched,
    })
  }

  /** Starts Look harder, unless it is running already. */
  start(): void {
    if (this.running) return
    const controller = new AbortController()
    this.running = controller
    const addresses = this.addresses(true)
    this.log.info({ addresses: addresses.length, ports: this.ports }, 'looking harder')
    void scan({
      addresses,
      ports: this.ports,
      signal: controller.signal,
      ...(this.options.request ? { request: this.options.request } : {}),
      onProgress: (progress) => this.options.directory.setScan({ status: 'running', ...progress }),
      onFound: (hub) => this.options.directory.addScanned(hub),
    }).then((result) => {
      if (this.running === controller) this.running = null
      const { probed, total, found } = result
      this.options.directory.setScan({
        status: result.cancelled ? 'cancelled' : 'done',
        probed,
        total,
        found,
      })
    })
  }

  cancel(): void {
    this.running?.abort()
  }

  /** Ends everything (the app is closing). */
  stop(): void {
    this.cancel()
    this.watching?.abort()
    if (this.watchTimer) clearTimeout(this.watchTimer)
    this.watchTimer = null
  }

  private restartWatching(): void {
    this.watching?.abort()
    this.watching = null
    if (this.watchTimer) clearTimeout(this.watchTimer)
    this.watchTimer = null
    if (this.watched.length > 0) this.watchRound()
  }

  /** One round over the watched hosts; the next starts WATCH_INTERVAL_MS after it ends. */
  private watchRound(): void {
    const controller = new AbortController()
    this.watching = controller
    void scan({
      addresses: this.addresses(false),
      ports: this.ports,
      signal: controller.signal,
      ...(this.options.request ? { request: this.options.request } : {}),
      onFound: (hub) => this.options.directory.addScanned(hub),
    }).then(() => {
      if (this.watching !== controller || controller.signal.aborted) return
      this.watchTimer = setTimeout(
        () => this.watchRound(),
        this.options.watchIntervalMs ?? WATCH_INTERVAL_MS,
      )
      this.watchTimer.unref()
    })
  }
}
