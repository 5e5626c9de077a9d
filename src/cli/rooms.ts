import { join } from 'node:path'
import { verificationCode } from '../shared/security/verification-code'
import { PinStore } from '../main/security/pins'
import { listedRoomTrust } from '../main/security/trust'
import { browseFor } from './resolve'

export interface RoomsOptions {
  timeoutMs: number
  json: boolean
  /** Where the certificates of rooms joined before are pinned. */
  dataDir: string
}

/** `lanroom rooms`: the rooms found within the timeout. */
export async function rooms(options: RoomsOptions): Promise<number> {
  if (!options.json)
    process.stderr.write(`Looking for rooms nearby for ${options.timeoutMs / 1000} s…\n`)
  const found = await browseFor(options.timeoutMs)
  const pins = new PinStore(join(options.dataDir, 'pins.json'))
  const described = found.map((room) => {
    // The code of what the connection presented; until it is reached, the advertised one
    // (a hint, never shown as verified).
    const shown = room.presentedFingerprint ?? room.fingerprint ?? null
    return {
      ...room,
      tls: shown !== null,
      certificateMismatch: room.certificateMismatch ?? false,
      verificationCode: shown ? verificationCode(shown) : null,
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
        'a firewall); ask the host for the address and use `lanroom join HOST:PORT`.\n',
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
    const flags = [room.passphrase ? 'passphrase' : '', room.compatible ? '' : 'incompatible']
      .filter(Boolean)
      .join(', ')
    const code = room.verificationCode
      ? `code ${room.verificationCode}${room.presentedFingerprint ? '' : ' (advertised, not checked yet)'}, `
      : ''
    process.stdout.write(
      `${room.name}  (host ${room.hostName}${members}${flags ? `, ${flags}` : ''})\n` +
        `    id ${room.id}  ${room.urls[0] ?? `${room.addresses[0] ?? '?'}:${room.port}`}\n` +
        `    ${code}${TRUST[room.trust]}\n` +
        (room.certificateMismatch && room.trust !== 'changed'
          ? '    WARNING: its advertisements and its connection disagree about its certificate;\n' +
            '    someone may be pretending to be this room. Compare the code with the host.\n'
          : '') +
        (room.compatible ? '' : `    ${room.incompatibleReason ?? ''}\n`),
    )
  }
  return 0
}
