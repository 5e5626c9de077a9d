import { networkInterfaces } from 'node:os'
import type { Bonjour, Service } from 'bonjour-service'
import { SERVICE_TYPE, encodeTxt } from '../../shared/protocol'
import { SILENT_LOGGER, type Logger } from '../hub/logger'
import { addressSignature, type Interfaces } from './addresses'
import {
  AUTO_SELECTION,
  listInterfaces,
  multicastAddresses,
  type InterfaceSelection,
} from './interfaces'
import { createBonjours, destroyBonjour } from './mdns'

export interface AdvertiserOptions {
  roomId: string
  name: string
  hostName: string
  port: number
  passphrase?: boolean
  /** SHA-256 of the hub's TLS certificate, advertised as a hint (TXT `fp`); null without TLS. */
  fingerprint?: string | null
  /** How often to look for changed network interfaces. Default 2000 ms. */
  watchIntervalMs?: number
  /** The machine's interfaces; injectable for tests. Default os.networkInterfaces. */
  interfaces?: () => Interfaces
  /** The interfaces the room is advertised on (the Interfaces setting). Default: auto. */
  selection?: InterfaceSelection
  logger?: Logger
}

/** A DNS label holds at most 63 bytes. */
function instanceName(name: string, roomId: string): string {
  const suffix = ` (${roomId.slice(0, 6)})`
  // Cut whole code points, so an emoji is never split into half a surrogate pair.
  const points = Array.from(name)
  while (points.length > 0 && Buffer.byteLength(points.join('') + suffix) > 63) points.pop()
  return points.join('') + suffix
}

/**
 * Advertises a hosted room as `_lanroom._tcp` over mDNS. The instance name carries part of
 * the room id, so two rooms with the same name never collide and no probing is needed: the
 * room is announced at once. When the machine's addresses change (another Wi-Fi, a VPN), the
 * room is announced again on the current ones. `stop()` sends goodbyes so the room leaves
 * other lists at once.
 */
export class RoomAdvertiser {
  private bonjours: Bonjour[] | null = null
  /** What the sockets were made for (multicastAddresses), to remake them when it changes. */
  private where = ''
  private services: Service[] = []
  private watch: NodeJS.Timeout | null = null
  private signature = ''
  private readonly interfaces: () => Interfaces
  private readonly log: Logger
  private txt: { name: string; hostName: string; passphrase: boolean }
  /** Times the room has been announced (1 after start); for tests and logs. */
  announcements = 0
  lastError: Error | null = null

  constructor(private readonly options: AdvertiserOptions) {
    this.interfaces = options.interfaces ?? networkInterfaces
    this.log = options.logger ?? SILENT_LOGGER
    this.txt = {
      name: options.name,
      hostName: options.hostName,
      passphrase: options.passphrase ?? false,
    }
  }

  start(): void {
    if (this.bonjours) return
    this.openSockets()
    this.signature = addressSignature(this.interfaces())
    this.publish()
    this.watch = setInterval(() => this.checkInterfaces(), this.options.watchIntervalMs ?? 2_000)
    this.watch.unref()
  }

  /** Changes what the advertisement says (room renamed, passphrase set) and re-announces. */
  update(changes: Partial<{ name: string; hostName: string; passphrase: boolean }>): Promise<void> {
    this.txt = { ...this.txt, ...changes }
    return this.republish('details changed')
  }

  private checkInterfaces(): void {
    const signature = addressSignature(this.interfaces())
    if (signature === this.signature) return
    this.signature = signature
    void this.republish('network interfaces changed')
  }

  private multicastAddresses(): string[] | null {
    const interfaces = listInterfaces({ interfaces: this.interfaces })
    return multicastAddresses(interfaces, this.options.selection ?? AUTO_SELECTION)
  }

  private openSockets(): void {
    const addresses = this.multicastAddresses()
    this.where = JSON.stringify(addresses)
    this.bonjours = createBonjours(addresses, (error) => {
      this.lastError = error
      this.log.warn({ code: (error as NodeJS.ErrnoException).code }, `mDNS: ${error.message}`)
    })
  }

  private async republish(why: string): Promise<void> {
    if (!this.bonjours) return
    this.log.info({ why }, 'announcing the room again')
    await this.unpublish()
    if (this.bonjours && JSON.stringify(this.multicastAddresses()) !== this.where) {
      const old = this.bonjours
      this.openSockets()
      await Promise.all(old.map(destroyBonjour))
    }
    this.publish()
  }

  private publish(): void {
    this.services = (this.bonjours ?? []).map((bonjour) => this.publishOn(bonjour))
    this.announcements += 1
  }

  private publishOn(bonjour: Bonjour): Service {
    return bonjour.publish({
      name: instanceName(this.txt.name, this.options.roomId),
      type: SERVICE_TYPE,
      port: this.options.port,
      txt: encodeTxt({
        roomId: this.options.roomId,
        fingerprint: this.options.fingerprint ?? null,
        ...this.txt,
      }),
      // The instance name is unique by construction (it carries the room id).
      probe: false,
    })
  }

  private async unpublish(): Promise<void> {
    const services = this.services
    this.services = []
    await Promise.all(
      services.map(
        (service) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 1_000)
            service.stop?.(() => {
              clearTimeout(timer)
              resolve()
            })
          }),
      ),
    )
  }

  /** Sends goodbyes (TTL 0) and closes the mDNS socket. */
  async stop(): Promise<void> {
    if (this.watch) clearInterval(this.watch)
    this.watch = null
    const bonjours = this.bonjours
    if (!bonjours) return
    await this.unpublish()
    this.bonjours = null
    await Promise.all(bonjours.map(destroyBonjour))
  }
}
