import { DEFAULT_PORT, type DirectoryRoom } from '../shared/protocol'
import { verificationCode } from '../shared/security/verification-code'
import { roomCodeAt } from '../shared/protocol/room-code'
import { openPins } from './pins'
import { listedRoomTrust } from '../main/security/trust'
import { RoomDirectory } from '../main/discovery'
import { chooseInterfaces, listInterfaces } from '../main/discovery/interfaces'
import { scan, scanAddresses, type ScanProgress, type Subnet } from '../main/discovery/scan'
import { counted, secondsText } from './format'
import { selectionOf, unusedInterfaceLines } from './interface-lines'

export interface RoomsOptions {
  timeoutMs: number
  json: boolean
  /** Where the certificates of rooms joined before are pinned. */
  dataDir: string
  /** `--interface`: where rooms are browsed (and scanned); empty: the default ones. */
  interfaces?: readonly string[]
  /** `--scan`: ask every address of the chosen interfaces' private subnets. */
  scan?: boolean
  /** `--scan-port`: ports asked besides DEFAULT_PORT. */
  scanPorts?: readonly number[]
  /** `--watch`: hosts and subnets asked too, with or without --scan. */
  watch?: readonly Subnet[]
}

/**
 * Browses for `timeoutMs` and, meanwhile, runs the scan when one was asked for: the list is
 * read once both are done. Progress goes to stderr, redrawn in place on a terminal.
 */
async function findRooms(options: RoomsOptions): Promise<DirectoryRoom[]> {
  const selection = selectionOf(options.interfaces)
  const directory = new RoomDirectory({ selection })
  directory.start()
  try {
    const browsing = new Promise((resolve) => setTimeout(resolve, options.timeoutMs))
    const all = listInterfaces()
    const chosen = options.scan ? chooseInterfaces(all, selection) : []
    const addresses = scanAddresses({
      interfaces: chosen,
      ownAddresses: all.flatMap((i) => i.ipv4.map((a) => a.address)),
      watched: options.watch ?? [],
    })
    let scanning: Promise<unknown> = Promise.resolve()
    if (options.scan || (options.watch ?? []).length > 0) {
      const ports = [DEFAULT_PORT, ...(options.scanPorts ?? [])]
      const distinct = [...new Set(ports)]
      const tty = !options.json && process.stderr.isTTY
      if (!options.json)
        process.stderr.write(
          `Scanning ${counted(addresses.length, 'address', 'addresses')} on port${distinct.length > 1 ? 's' : ''} ${distinct.join(', ')}…\n`,
        )
      const show = (p: ScanProgress): void => {
        if (tty) process.stderr.write(`\r  ${p.probed}/${p.total} asked, ${p.found} found `)
      }
      scanning = scan({
        addresses,
        ports,
        onProgress: show,
        onFound: (hub) => directory.addScanned(hub),
      }).then((result) => {
        if (tty) process.stderr.write('\n')
        return result
      })
    }
    await Promise.all([browsing, scanning])
    // Scanned rooms are checked through their /info like advertised ones before they are
    // listed with the certificate they presented: give that check its moment.
    await new Promise((resolve) => setTimeout(resolve, 300))
    return directory.state.rooms
  } finally {
    await directory.stop()
  }
}

/** `lanroom rooms`: the rooms found within the timeout (and by the scan, when asked). */
export async function rooms(options: RoomsOptions): Promise<number> {
  if (!options.json)
    process.stderr.write(`Looking for rooms nearby for ${secondsText(options.timeoutMs)}…\n`)
  if (options.interfaces && options.interfaces.length > 0) {
    for (const line of unusedInterfaceLines(listInterfaces(), options.interfaces)) {
      process.stderr.write(`lanroom: ${line}\n`)
    }
  }
  const found = await findRooms(options)
  const pins = openPins(options.dataDir, process.stderr)
  const described = found.map((room) => {
    // The code of what the connection presented; until it is reached, the advertised one
    // (a hint, never shown as verified).
    const shown = room.presentedFingerprint ?? room.fingerprint ?? null
    // The code of its first IPv4 address: joining by it checks the certificate again, so an
    // advertised (not yet checked) fingerprint is safe to encode.
    const roomCode =
      room.addresses
        .map((address) => roomCodeAt(address, room.port, shown))
        .find((code) => code !== null) ?? null
    return {
      ...room,
      tls: shown !== null,
      certificateMismatch: room.certificateMismatch ?? false,
      verificationCode: shown ? verificationCode(shown) : null,
      roomCode,
      trust: listedRoomTrust(pins, room),
    }
  })
  if (options.json) {
    for (const room of described) process.stdout.write(JSON.stringify(room) + '\n')
    return 0
  }
  if (found.length === 0) {
    process.stdout.write(
      'No rooms found. Multicast may be blocked on this network (Wi-Fi client isolation, a VPN,\n' +
        'a firewall); ask the host for the address and use `lanroom join HOST:PORT`' +
        (options.scan ? '.\n' : ',\nor look harder with `lanroom rooms --scan`.\n'),
    )
    return 0
  }
  const TRUST = {
    verified: 'verified',
    unverified: 'not verified yet',
    changed: 'CERTIFICATE CHANGED since you joined: someone may be pretending to be this room',
    downgraded:
      'NOT ENCRYPTED any more since you joined: someone may be pretending to be this room',
    plain: 'not encrypted',
  } as const
  for (const room of described) {
    const members = room.members === null ? '' : `, ${room.members} here`
    const flags = [
      room.passphrase ? 'passphrase' : '',
      room.compatible ? '' : 'incompatible',
      room.scanned ? 'found by scan' : '',
    ]
      .filter(Boolean)
      .join(', ')
    const code = room.verificationCode
      ? `code ${room.verificationCode}${room.presentedFingerprint ? '' : ' (advertised, not checked yet)'}, `
      : ''
    process.stdout.write(
      `${room.name}  (host ${room.hostName}${members}${flags ? `, ${flags}` : ''})\n` +
        `    id ${room.id}  ${room.urls[0] ?? `${room.addresses[0] ?? '?'}:${room.port}`}\n` +
        `    ${code}${TRUST[room.trust]}\n` +
        (room.roomCode ? `    room code ${room.roomCode}\n` : '') +
        (room.certificateMismatch && room.trust !== 'changed'
          ? '    WARNING: its advertisements and its connection disagree about its certificate;\n' +
            '    someone may be pretending to be this room. Compare the code with the host.\n'
          : '') +
        (room.compatible ? '' : `    ${room.incompatibleReason ?? ''}\n`),
    )
  }
  return 0
}
