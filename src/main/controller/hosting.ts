import type { Profile } from '../../shared/bridge'
import { roomCodeAt } from '../../shared/protocol/room-code'
import { guestLink } from '../../shared/protocol/guest-link'
import type { Hub } from '../hub'
import { HubError } from '../hub/hub-error'
import type { Logger } from '../hub/logger'
import { CertificateRenewal } from '../security/tls-renewal'
import { certificateNames, hostOfAddress } from '../security/tls-names'
import type { Advertiser, ControllerDeps } from './deps'
import { ControllerError } from './errors'
import type { SessionOptions } from './session'
import { sameItems } from './snapshot'

/** What the window shows of the room you host (see snapshot.ts). */
export interface OwnRoom {
  id: string
  name: string
  /** Your hub's certificate (null: plain, `--no-tls` in tests). */
  fingerprint: string | null
  passphrase: boolean
  /** Where others can join it (host:port), most useful first. */
  joinAddresses: string[]
  /** The room code of each of those that is an IPv4 address (none for a plain room). */
  roomCodes: Array<{ address: string; code: string }>
  /** The guest link (first address; null: guests off, plain, or no guest app). */
  guestLink: string | null
}

type HostingDeps = Pick<
  ControllerDeps,
  | 'startHub'
  | 'tlsCredentials'
  | 'dataDir'
  | 'hostBind'
  | 'hostPort'
  | 'settings'
  | 'createAdvertiser'
  | 'directory'
  | 'identity'
  | 'joinAddresses'
  | 'guestApp'
>

/**
 * A room this installation hosts: its hub, listening on the network, and its advertisement.
 * The host is a member of it like everyone else, through its own connection (`sessionOptions`).
 */
export class HostedRoom {
  private shown: OwnRoom | null = null

  private constructor(
    readonly hub: Hub,
    private readonly advertiser: Advertiser,
    private readonly deps: HostingDeps,
    private readonly renewal: CertificateRenewal | null,
  ) {}

  /**
   * Starts the hub with this installation's certificate, remembers the room's name for next
   * time, advertises it and marks it as your own in the rooms nearby. Rejects with a
   * ControllerError saying why the room could not be started.
   */
  static async start(
    deps: HostingDeps,
    log: Logger,
    room: {
      name: string
      host: Profile
      passphrase?: string
      /** The hub stopped by itself (the disk refused the room's history): see Hub's onFailure. */
      onFailure?: (error: Error) => void
    },
  ): Promise<HostedRoom> {
    const hosts = (): string[] => deps.joinAddresses(hub.port).map(hostOfAddress)
    // The certificate names where the room can be joined (browsers and scanners look).
    const names = certificateNames(deps.joinAddresses(0).map(hostOfAddress))
    let hub: Hub
    try {
      hub = await deps.startHub({
        roomName: room.name,
        hostName: room.host.name,
        dataDir: deps.dataDir,
        // The room's files live in its own directory (`<dataDir>/rooms/<id>/files`).
        files: {},
        hostClientId: room.host.clientId,
        tls: await deps.tlsCredentials(names),
        ...(room.passphrase !== undefined ? { passphrase: room.passphrase } : {}),
        bind: deps.hostBind ?? '0.0.0.0',
        guestApp: deps.guestApp ?? null,
        // Without a guest app there is no page to be a guest from.
        guests: Boolean(deps.guestApp) && deps.settings.current.allowGuests,
        ...(deps.hostPort !== undefined ? { port: deps.hostPort } : {}),
        logger: log,
        ...(room.onFailure ? { onFailure: room.onFailure } : {}),
      })
    } catch (error) {
      if (error instanceof HubError) {
        throw new ControllerError(error.code, `The room could not be started: ${error.message}`)
      }
      // Anything else (a data directory that cannot be written, say) is detailed in the log.
      log.error({}, `starting the hub: ${String(error)}`)
      throw new ControllerError(
        'HUB_ERR_START',
        'The room could not be started: its data could not be saved. The details are in the log.',
      )
    }
    deps.settings.update({ lastRoomName: hub.roomName })
    const advertiser = deps.createAdvertiser({
      roomId: hub.roomId,
      name: hub.roomName,
      hostName: room.host.name,
      port: hub.port,
      passphrase: hub.passphrase,
      fingerprint: hub.fingerprint,
    })
    advertiser.start()
    deps.directory.setOwnRooms([hub.roomId])
    const renewal = hub.fingerprint
      ? new CertificateRenewal({
          hosts,
          names,
          credentials: (current) => deps.tlsCredentials(current),
          apply: (credentials) => hub.setCertificate(credentials),
          logger: log,
        })
      : null
    renewal?.start()
    return new HostedRoom(hub, advertiser, deps, renewal)
  }

  /** How the host joins its own room: over loopback, to exactly its own hub's certificate. */
  sessionOptions(name: string, passphrase: string | undefined): SessionOptions {
    const hub = this.hub
    const own = hub.fingerprint
    return {
      urls: [`${hub.scheme}://127.0.0.1:${hub.port}/ws`],
      roomId: hub.roomId,
      name,
      identity: this.deps.identity,
      ...(passphrase !== undefined ? { passphrase } : {}),
      // Your own hub: exactly its certificate, nothing else that might answer on the port.
      verifyPeer: (peer) =>
        peer.fingerprint === own && peer.roomId === hub.roomId
          ? null
          : 'Something else answered at your room’s port.',
    }
  }

  /** What the window shows of it: the same object while the addresses to share are the same. */
  get view(): OwnRoom {
    const hub = this.hub
    // Looked up each time: the computer's addresses change as it moves between networks.
    const joinAddresses = this.deps.joinAddresses(hub.port)
    const shown = this.shown
    const first = joinAddresses[0]
    const link =
      hub.guests && hub.fingerprint && first !== undefined
        ? guestLink(first, hub.fingerprint)
        : null
    if (shown && sameItems(shown.joinAddresses, joinAddresses) && shown.guestLink === link) {
      return shown
    }
    this.shown = {
      guestLink: link,
      id: hub.roomId,
      name: hub.roomName,
      fingerprint: hub.fingerprint,
      passphrase: hub.passphrase,
      joinAddresses,
      roomCodes: joinAddresses.flatMap((address) => {
        const code = roomCodeAt(address.replace(/:\d+$/, ''), hub.port, hub.fingerprint)
        return code ? [{ address, code }] : []
      }),
    }
    return this.shown
  }

  /** Lets browser guests in from now on, or no longer (the Preferences switch). */
  setGuests(on: boolean): void {
    this.hub.setGuests(on && Boolean(this.deps.guestApp))
  }

  /** Goodbyes first (the room leaves every list at once), then the room ends for everyone. */
  async stop(): Promise<void> {
    await this.renewal?.stop()
    await this.advertiser.stop().catch(() => {})
    await this.hub.stop()
  }
}
