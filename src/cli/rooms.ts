import { join } from 'node:path'
import type { DirectoryRoom } from '../shared/protocol'
import { verificationCode } from '../shared/security/verification-code'
import { PinStore } from '../main/security/pins'
import { browseFor } from './resolve'

export interface RoomsOptions {
  timeoutMs: number
  json: boolean
  /** Where the certificates of rooms joined before are pinned. */
  dataDir: string
}

/**
 * How far a listed room is trusted: from the certificate its /info connection presented,
 * compared with the pinned one — never from the advertisement alone.
 */
function trustOf(
  room: DirectoryRoom,
  pins: PinStore,
): 'verified' | 'unverified' | 'changed' | 'plain' {
  const presented = room.presentedFingerprint ?? null
  if (!room.fingerprint && presented === null) return 'plain'
  const pin = pins.get(room.id)
  if (!pin || presented === null) return 'unverified'
  return pin.fingerprint === presented ? 'verified' : 'changed'
}

/** `lanroom rooms`: the rooms found within the timeout. */
export async function rooms(options: RoomsOptions): Promise<number> {
  if (!options.json)
    process.stderr.write(`Looking for rooms nearby for ${options.timeoutMs / 1000} s…\n`)
  const found = await browseFor(options.timeoutMs)
  const pins = new PinStore(join(options.dataDir, 'pins.json'))
  const described = found.map((room) => {
    const shown = room.presentedFingerprint ?? room.fingerprint ?? null
    return {
      ...room,
      verificationCode: shown ? verificationCode(shown) : null,
      trust: trustOf(room, pins),
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
    changed: 'CERTIFICATE CHANGED since you joined',
    plain: 'not encrypted',
  } as const
  for (const room of described) {
    const members = room.members === null ? '' : `, ${room.members} here`
    const flags = [room.passphrase ? 'passphrase' : '', room.compatible ? '' : 'incompatible']
      .filter(Boolean)
      .join(', ')
    const code = room.verificationCode ? `code ${room.verificationCode}, ` : ''
    process.stdout.write(
      `${room.name}  (host ${room.hostName}${members}${flags ? `, ${flags}` : ''})\n` +
        `    id ${room.id}  ${room.urls[0] ?? `${room.addresses[0] ?? '?'}:${room.port}`}\n` +
        `    ${code}${TRUST[room.trust]}\n` +
        (room.compatible ? '' : `    ${room.incompatibleReason ?? ''}\n`),
    )
  }
  return 0
}
