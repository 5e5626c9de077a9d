import { EventEmitter } from 'node:events'
import { networkInterfaces } from 'node:os'
import type { Bonjour, Browser, Service } from 'bonjour-service'
import { z } from 'zod'
import {
  PROTOCOL_VERSION,
  SCHEMAS,
  SERVICE_TYPE,
  encodeTxt,
  txtSchema,
  type DirectoryRoom,
  type DirectoryState,
  type RoomTxt,
  type ScanState,
} from '../../shared/protocol'
import { BRIDGE_LIMITS } from '../../shared/bridge'
import { SILENT_LOGGER, type Logger } from '../hub/logger'
import { hubUrl, orderAddresses, type Interfaces } from './addresses'
import {
  AUTO_SELECTION,
  listInterfaces,
  multicastAddresses,
  onInterfaces,
  type InterfaceSelection,
  type LocalInterface,
} from './interfaces'
import { createBonjours, destroyBonjour } from './mdns'
import { fetchInfo } from './probe'
import type { ScannedHub } from './scan'

export interface DirectoryOptions {
  /** How often each listed room is checked through its /info. Default 2000 ms. */
  probeIntervalMs?: number
  /** How long one check may take. Default 1500 ms. */
  probeTimeoutMs?: number
  /** Failed checks in a row after which a room that said no goodbye is dropped. Default 2. */
  maxProbeFailures?: number
  /** How often the network is asked again for rooms (missed announcements). Default 10 s. */
  requeryIntervalMs?: number
  /** How long nothing may be found before the status says `quiet`. Default 5000 ms. */
  quietAfterMs?: number
  interfaces?: () => Interfaces
  /** The interfaces rooms are browsed on (the Interfaces setting). Default: auto. */
  selection?: InterfaceSelection
  /** The room /info fetcher; injectable for tests. */
  fetchInfo?: typeof fetchInfo
  logger?: Logger
}

interface Advertisement {
  fqdn: string
  txt: RoomTxt
  port: number
  addresses: string[]
  /** Made from a hub's /info that a scan found (scan.ts), not heard over mDNS. */
  scanned: boolean
}

/** What the directory reads of an advertisement; a scanned hub is turned into one too. */
type AdvertisedService = Pick<Service, 'fqdn' | 'txt' | 'port' | 'addresses' | 'referer'>

/** The fqdn a scanned hub is kept under: one per address and port, never a DNS-SD name. */
const SCAN_FQDN_PREFIX = 'scan:'

interface Health {
  failures: number
  members: number | null
  /** The certificate the room's /info connection presented, once probed. */
  presented: string | null
  /**
   * In the latest check that reached the room, two of its addresses answered as this room
   * with different certificates (or one with none): someone else claims to be it there.
   */
  conflicting: boolean
  probing: boolean
}

interface RoomEntry {
  ads: Advertisement[]
  latest: Advertisement
  /** The addresses advertised for the room that may reach it, the most likely first (at most
   * MAX_ENDPOINTS). */
  addresses: string[]
  endpoints: Array<{ address: string; port: number; tls: boolean }>
}

/** At most this many rooms are listed: a flood of advertisements cannot fill memory. */
const MAX_ROOMS = 256
/**
 * At most this many addresses of one room are probed, one after the other (never more than
 * one request per room at a time): all of them, not only until one answers, so that an
 * impostor advertising the room's id at another address is noticed whichever answers first.
 */
const MAX_PROBED_ADDRESSES = 4
/**
 * At most this many address and port pairs of one room are listed (and tried by a join), and
 * at most this many of its addresses: the bridge's bound for a room nearby.
 */
const MAX_ENDPOINTS = BRIDGE_LIMITS.roomAddresses

/** TXT of a room of another protocol version: only what is needed to show it greyed out. */
const foreignTxtSchema = z.object({
  v: z.string().max(6).regex(/^\d+$/).transform(Number),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: z.string().max(255).pipe(SCHEMAS.peerRoomName),
  host: z.string().max(255).pipe(SCHEMAS.peerDisplayName).optional().catch(undefined),
  pw: z
    .enum(['0', '1'])
    .optional()
    .catch(undefined)
    .transform((value) => value === '1'),
})

interface DirectoryEvents {
  change: [DirectoryState]
}

/**
 * The rooms nearby: browses `_lanroom._tcp` and emits the whole list on every change.
 *
 * A room is its id: advertisements with the same id (several interfaces, a renamed instance)
 * are one entry, and two rooms with the same name are two. Everything in an advertisement is
 * validated; what fails is ignored (and logged once). A room leaves the list when its host
 * says goodbye, or when its /info stops answering (a host that crashed).
 */
export class RoomDirectory extends EventEmitter<DirectoryEvents> {
  private bonjours: Bonjour[] | null = null
  private browsers: Browser[] = []
  /** Set when mDNS runs on some interfaces only: advertisements from elsewhere are ignored. */
  private browsedOn: LocalInterface[] | null = null
  private selection: InterfaceSelection
  private scan: ScanState | null = null
  /** Between start() and stop(): what a change of interfaces restarts. */
  private active = false
  private readonly ads = new Map<string, Advertisement>()
  private readonly health = new Map<string, Health>()
  private readonly rejected = new Set<string>()
  private own = new Set<string>()
  private probeTimer: NodeJS.Timeout | null = null
  private requeryTimer: NodeJS.Timeout | null = null
  private quietTimer: NodeJS.Timeout | null = null
  private emitScheduled = false
  private lastEmitted = ''
  private emptySince = Date.now()
  private error: string | null = null
  private errorReason: string | null = null
  private current: DirectoryState
  private readonly log: Logger
  private readonly interfaces: () => Interfaces
  private readonly fetch: typeof fetchInfo
  private readonly opts: Required<
    Pick<
      DirectoryOptions,
      | 'probeIntervalMs'
      | 'probeTimeoutMs'
      | 'maxProbeFailures'
      | 'requeryIntervalMs'
      | 'quietAfterMs'
    >
  >

  constructor(options: DirectoryOptions = {}) {
    super()
    this.opts = {
      probeIntervalMs: options.probeIntervalMs ?? 2_000,
      probeTimeoutMs: options.probeTimeoutMs ?? 1_500,
      maxProbeFailures: options.maxProbeFailures ?? 2,
      requeryIntervalMs: options.requeryIntervalMs ?? 10_000,
      quietAfterMs: options.quietAfterMs ?? 5_000,
    }
    this.log = options.logger ?? SILENT_LOGGER
    this.interfaces = options.interfaces ?? networkInterfaces
    this.fetch = options.fetchInfo ?? fetchInfo
    this.selection = options.selection ?? AUTO_SELECTION
    this.current = { status: 'searching', rooms: [], emptySince: this.emptySince, error: null }
  }

  get state(): DirectoryState {
    return this.current
  }

  /** Look harder's progress, shown with the list (look-harder.ts). */
  setScan(state: ScanState): void {
    this.scan = state
    this.scheduleEmit()
  }

  /** Browses on other interfaces from now on (the Interfaces setting). */
  setSelection(selection: InterfaceSelection): void {
    if (JSON.stringify(selection) === JSON.stringify(this.selection)) return
    this.selection = selection
    if (!this.bonjours) return
    // Started again only if nobody stopped the directory meanwhile (the app closing).
    void this.teardown().then(() => {
      if (this.active) this.start()
    })
  }

  /** Marks the rooms this app hosts, so the list can say "yours". */
  setOwnRooms(ids: Iterable<string>): void {
    this.own = new Set(ids)
    this.scheduleEmit()
  }

  start(): void {
    this.active = true
    if (this.bonjours) return
    this.emptySince = Date.now()
    const interfaces = listInterfaces({ interfaces: this.interfaces })
    const addresses = multicastAddresses(interfaces, this.selection)
    this.browsedOn =
      addresses === null
        ? null
        : interfaces.filter((i) => addresses.includes(i.ipv4[0]?.address ?? ''))
    this.bonjours = createBonjours(addresses, (error) => {
      this.error = `Rooms nearby cannot be searched for: ${error.message}`
      this.errorReason = error.message
      this.log.warn({ code: (error as NodeJS.ErrnoException).code }, `mDNS: ${error.message}`)
      this.scheduleEmit()
    })
    this.browse()
    this.probeTimer = setInterval(() => this.probeAll(), this.opts.probeIntervalMs)
    this.requeryTimer = setInterval(
      () => this.browsers.forEach((browser) => browser.update()),
      this.opts.requeryIntervalMs,
    )
    this.scheduleQuietCheck()
    this.scheduleEmit()
  }

  async stop(): Promise<void> {
    this.active = false
    await this.teardown()
  }

  private async teardown(): Promise<void> {
    for (const timer of [this.probeTimer, this.requeryTimer]) if (timer) clearInterval(timer)
    if (this.quietTimer) clearTimeout(this.quietTimer)
    this.probeTimer = this.requeryTimer = this.quietTimer = null
    this.browsers.forEach((browser) => browser.stop())
    this.browsers = []
    const bonjours = this.bonjours ?? []
    this.bonjours = null
    await Promise.all(bonjours.map(destroyBonjour))
  }

  /** (Re)starts browsing with a fresh browser, which asks the network for every room. */
  private browse(): void {
    if (!this.bonjours) return
    this.browsers.forEach((browser) => browser.stop())
    this.browsers = this.bonjours.map((bonjour) => {
      const browser = bonjour.find({ type: SERVICE_TYPE })
      browser.on('up', (service) => this.onHeard(service))
      browser.on('srv-update', (service) => this.onHeard(service))
      browser.on('txt-update', (service) => this.onHeard(service))
      browser.on('down', (service) => this.onGoodbye(service))
      return browser
    })
  }

  /**
   * An advertisement heard over mDNS. With some interfaces left out, a socket still hears
   * what arrives on every interface (Linux delivers a group's packets to each socket bound to
   * its port): what came from another subnet than the chosen ones is not listed.
   */
  private onHeard(service: Service): void {
    const source = service.referer?.address
    if (
      this.browsedOn !== null &&
      (typeof source !== 'string' || !onInterfaces(source, this.browsedOn))
    )
      return
    this.onAdvertisement(service)
  }

  /**
   * Lists a hub a scan (or a watched host) found, as if it had advertised itself: its /info
   * becomes a TXT record that goes through the same validation, and from then on it is
   * probed, and dropped when it stops answering, like any room. Advertised rooms of the same
   * id keep their advertised details; the scanned address is one more endpoint.
   */
  addScanned(hub: ScannedHub): void {
    this.onAdvertisement(
      {
        fqdn: `${SCAN_FQDN_PREFIX}${hub.address}:${hub.port}`,
        txt: encodeTxt({
          roomId: hub.info.roomId,
          name: hub.info.name,
          hostName: hub.info.hostName,
          passphrase: hub.info.passphrase,
          // The transport the scan used decides the scheme; the claim is checked against what
          // the connection presents, as an advertised fingerprint is.
          fingerprint: hub.tls ? (hub.info.fingerprint ?? hub.presented ?? '') : null,
        }),
        port: hub.port,
        addresses: [hub.address],
      },
      true,
    )
  }

  private onAdvertisement(service: AdvertisedService, scanned = false): void {
    const fqdn = String(service.fqdn)
    if (!scanned && fqdn.startsWith(SCAN_FQDN_PREFIX)) return
    const ad = this.validate(service, scanned)
    if (!ad) {
      this.dropAdvertisement(fqdn)
      this.scheduleEmit()
      return
    }
    const previous = this.ads.get(fqdn)
    if (!previous && this.ads.size >= MAX_ROOMS * 4) {
      this.reject(fqdn, 'too many advertisements')
      return
    }
    this.ads.set(fqdn, ad)
    // A TXT update may move the name to another room id: the one it leaves must give up its
    // place (before the bound below is checked), or MAX_ROOMS would count every id ever seen.
    if (previous && previous.txt.id !== ad.txt.id) this.forgetUnadvertised(previous.txt.id)
    if (!this.health.has(ad.txt.id)) {
      if (this.health.size >= MAX_ROOMS) {
        this.ads.delete(fqdn)
        this.reject(fqdn, `more than ${MAX_ROOMS} rooms advertised`)
        return
      }
      this.health.set(ad.txt.id, {
        failures: 0,
        members: null,
        presented: null,
        conflicting: false,
        probing: false,
      })
      void this.probe(ad.txt.id)
    }
    this.scheduleEmit()
  }

  private onGoodbye(service: Service): void {
    if (this.dropAdvertisement(String(service.fqdn))) this.scheduleEmit()
  }

  /** Forgets the advertisement under this name, and its room once nothing else advertises it. */
  private dropAdvertisement(fqdn: string): boolean {
    const ad = this.ads.get(fqdn)
    if (!ad) return false
    this.ads.delete(fqdn)
    this.forgetUnadvertised(ad.txt.id)
    return true
  }

  /**
   * Drops what is kept for a room id (its health, which MAX_ROOMS bounds) once no
   * advertisement carries it: the bound is on rooms listed at a time, not on ids ever heard.
   */
  private forgetUnadvertised(id: string): void {
    for (const ad of this.ads.values()) if (ad.txt.id === id) return
    this.health.delete(id)
  }

  /** Turns an advertisement into what the directory trusts, or null (logged once). */
  private validate(service: AdvertisedService, scanned: boolean): Advertisement | null {
    const fqdn = String(service.fqdn)
    const raw: unknown = service.txt ?? {}
    const port = Number(service.port)
    const reject = (why: string): null => this.reject(fqdn, why)
    if (!Number.isInteger(port) || port < 1 || port > 65_535) return reject('invalid port')
    // Trimmed here, so that the addresses orderAddresses keeps are found again in the set
    // each advertisement carries (see entries()). Loopback and other addresses that never
    // name another machine are dropped there, for the packet's source too.
    const addresses = (Array.isArray(service.addresses) ? service.addresses : [])
      .slice(0, 32)
      .filter((a): a is string => typeof a === 'string' && a.length <= 100)
      .map((a) => a.trim())
    const referer = service.referer?.address
    if (typeof referer === 'string' && referer.length <= 100) addresses.push(referer.trim())
    let txt: RoomTxt
    const version = foreignTxtSchema.shape.v.safeParse((raw as { v?: unknown }).v)
    if (version.success && version.data !== PROTOCOL_VERSION) {
      const foreign = foreignTxtSchema.safeParse(raw)
      if (!foreign.success) return reject('malformed TXT record')
      txt = { ...foreign.data, host: foreign.data.host ?? '?' }
    } else {
      const parsed = txtSchema.safeParse(raw)
      if (!parsed.success) return reject('malformed TXT record')
      txt = parsed.data
    }
    return { fqdn, txt, port, addresses, scanned }
  }

  /** Ignores an advertisement, saying why once. */
  private reject(fqdn: string, why: string): null {
    if (!this.rejected.has(fqdn + why)) {
      if (this.rejected.size > 1_000) this.rejected.clear()
      this.rejected.add(fqdn + why)
      this.log.warn({ fqdn: fqdn.slice(0, 300) }, `ignoring advertisement: ${why}`)
    }
    return null
  }

  private probeAll(): void {
    for (const id of this.health.keys()) void this.probe(id)
  }

  /** Checks that a room still answers; drops it after repeated failures. */
  private async probe(id: string): Promise<void> {
    const health = this.health.get(id)
    const entry = this.entries(this.interfaces(), id).get(id)
    if (!entry) {
      // Nothing to check, and nothing would ever count it as failing: whatever stopped
      // advertising the id should have forgotten it, and this makes sure.
      this.forgetUnadvertised(id)
      return
    }
    if (!health || health.probing) return
    health.probing = true
    let answered = false
    let presented: string | null = null
    let conflicting = false
    const compatible = entry.latest.txt.v === PROTOCOL_VERSION
    // An advertisement may list many addresses: a few are enough to tell whether it answers.
    // What the first that answers presented is the room's (a join tries them in this order);
    // any other answering as this room with another certificate is flagged.
    for (const endpoint of entry.endpoints.slice(0, MAX_PROBED_ADDRESSES)) {
      const { address, port, tls } = endpoint
      const answer = await this.fetch(address, port, this.opts.probeTimeoutMs, tls)
      if (answer === null) continue
      const parsed = SCHEMAS.info.safeParse(answer.info)
      if (compatible && (!parsed.success || parsed.data.roomId !== id)) continue
      if (!answered) {
        answered = true
        presented = answer.fingerprint
        health.members = parsed.success ? parsed.data.members : null
      } else if (answer.fingerprint !== presented) {
        conflicting = true
      }
    }
    health.probing = false
    if (this.health.get(id) !== health) return
    if (answered) {
      health.failures = 0
      health.presented = presented
      health.conflicting = conflicting
    } else if (++health.failures >= this.opts.maxProbeFailures) {
      this.log.info({ roomId: id }, 'room stopped answering; dropping it')
      this.health.delete(id)
      for (const [fqdn, ad] of this.ads) if (ad.txt.id === id) this.ads.delete(fqdn)
      // bonjour-service would still remember the service and not report it again if it came
      // back; a fresh browser forgets it.
      this.browse()
    }
    this.scheduleEmit()
  }

  /**
   * The advertisements of each room id, and where to reach it: each advertised address with
   * the port and scheme of the advertisement that carried it — the most likely address first,
   * and for an address several advertisements carry, the latest first; at most
   * MAX_ENDPOINTS, so that a flood of advertisements for one id cannot make a join try
   * endlessly.
   */
  private entries(interfaces: Interfaces, onlyId?: string): Map<string, RoomEntry> {
    const byId = new Map<string, Advertisement[]>()
    for (const ad of this.ads.values()) {
      if (onlyId !== undefined && ad.txt.id !== onlyId) continue
      const list = byId.get(ad.txt.id) ?? []
      list.push(ad)
      byId.set(ad.txt.id, list)
    }
    const entries = new Map<string, RoomEntry>()
    for (const [id, ads] of byId) {
      const latest = ads[ads.length - 1] as Advertisement
      const newestFirst = [...ads].reverse()
      const endpoints: RoomEntry['endpoints'] = []
      const seen = new Set<string>()
      const addresses = orderAddresses(
        ads.flatMap((ad) => ad.addresses),
        interfaces,
      )
      const carried = new Map(newestFirst.map((ad) => [ad, new Set(ad.addresses)]))
      for (const address of addresses) {
        if (endpoints.length >= MAX_ENDPOINTS) break
        // orderAddresses may add a scope (%iface) to a link-local address.
        const bare = address.split('%')[0] ?? address
        for (const ad of newestFirst) {
          const set = carried.get(ad)
          if (!set?.has(address) && !set?.has(bare)) continue
          const tls = ad.txt.fp !== undefined
          const key = `${address} ${ad.port} ${tls}`
          if (seen.has(key)) continue
          seen.add(key)
          endpoints.push({ address, port: ad.port, tls })
          if (endpoints.length >= MAX_ENDPOINTS) break
        }
      }
      entries.set(id, { ads, latest, addresses: addresses.slice(0, MAX_ENDPOINTS), endpoints })
    }
    return entries
  }

  private rooms(): DirectoryRoom[] {
    const rooms: DirectoryRoom[] = []
    for (const [id, { ads, latest, addresses, endpoints }] of this.entries(this.interfaces())) {
      if (endpoints.length === 0) continue
      const compatible = latest.txt.v === PROTOCOL_VERSION
      const advertised = latest.txt.fp ?? null
      const health = this.health.get(id)
      const presented = health?.presented ?? null
      rooms.push({
        id,
        name: latest.txt.name,
        hostName: latest.txt.host,
        addresses,
        port: latest.port,
        urls: endpoints.flatMap((e) => hubUrl(e.address, e.port, e.tls ? 'wss' : 'ws') ?? []),
        version: latest.txt.v,
        passphrase: latest.txt.pw,
        compatible,
        incompatibleReason: compatible
          ? null
          : `This room uses protocol version ${latest.txt.v}; this app speaks version ${PROTOCOL_VERSION}. Update the app that is older.`,
        own: this.own.has(id),
        members: health?.members ?? null,
        fingerprint: advertised,
        presentedFingerprint: presented,
        // Advertisements of this id that disagree on the certificate, a connection that
        // presents another one than advertised, or two of its addresses that present different
        // ones: someone else claims to be this room.
        scanned: ads.every((ad) => ad.scanned),
        certificateMismatch:
          new Set(ads.map((ad) => ad.txt.fp ?? null)).size > 1 ||
          (presented !== null && presented !== advertised) ||
          (health?.conflicting ?? false),
      })
    }
    return rooms.sort(
      (a, b) =>
        a.name.localeCompare(b.name) ||
        a.hostName.localeCompare(b.hostName) ||
        a.id.localeCompare(b.id),
    )
  }

  private scheduleQuietCheck(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer)
    if (!this.bonjours) return
    const wait = Math.max(0, this.emptySince + this.opts.quietAfterMs - Date.now()) + 10
    this.quietTimer = setTimeout(() => this.scheduleEmit(), wait)
    this.quietTimer.unref()
  }

  private scheduleEmit(): void {
    if (this.emitScheduled) return
    this.emitScheduled = true
    setImmediate(() => {
      this.emitScheduled = false
      const rooms = this.rooms()
      const wasEmpty = this.current.rooms.length === 0
      if (rooms.length > 0) this.emptySince = 0
      else if (!wasEmpty || this.emptySince === 0) {
        this.emptySince = Date.now()
        this.scheduleQuietCheck()
      }
      let status: DirectoryState['status'] = 'searching'
      if (this.error) status = 'unavailable'
      else if (rooms.length > 0) status = 'found'
      else if (Date.now() - this.emptySince >= this.opts.quietAfterMs) status = 'quiet'
      const state: DirectoryState = {
        status,
        rooms,
        emptySince: rooms.length > 0 ? null : this.emptySince,
        error: this.error,
        ...(this.errorReason ? { errorReason: this.errorReason } : {}),
        ...(this.scan ? { scan: this.scan } : {}),
      }
      this.current = state
      const key = JSON.stringify(state)
      if (key === this.lastEmitted) return
      this.lastEmitted = key
      this.emit('change', state)
    })
  }
}
