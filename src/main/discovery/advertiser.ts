import { networkInterfaces } from 'node:os'
import type { Bonjour, Service } from 'bonjour-service'
import { SERVICE_TYPE, encodeTxt } from '../../shared/protocol'
import { SILENT_LOGGER, type Logger } from '../hub/logger'
import { addressSignature, type Interfaces } from './addresses'
import { createBonjour, destroyBonjour } from './mdns'

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
  private bonjour: Bonjour | null = null
  private service: Service | null = null
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
    if (this.bonjour) return
    this.bonjour = createBonjour((error) => {
      this.lastError = error
      this.log.warn({ code: (error as NodeJS.ErrnoException).code }, `mDNS: ${error.message}`)
    })
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

  private async republish(why: string): Promise<void> {
    if (!this.bonjour) return
    this.log.info({ why }, 'announcing the room again')
    await this.unpublish()
    this.publish()
  }

  private publish(): void {
    if (!this.bonjour) return
    this.service = this.bonjour.publish({
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
    this.announcements += 1
  }

  private unpublish(): Promise<void> {
    const service = this.service
    this.service = null
    if (!service) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 1_000)
      service.stop?.(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  }

  /** Sends goodbyes (TTL 0) and closes the mDNS socket. */
  async stop(): Promise<void> {
    if (this.watch) clearInterval(this.watch)
    this.watch = null
    const bonjour = this.bonjour
    if (!bonjour) return
    await this.unpublish()
    this.bonjour = null
    await destroyBonjour(bonjour)
  }
}
