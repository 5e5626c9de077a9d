import type { CommandResult } from '../../shared/bridge'
import { DEFAULT_PORT } from '../../shared/protocol'
import { verificationCode } from '../../shared/security/verification-code'
import { parseRoomAddress } from '../connection/address'
import type { PinStore } from '../security/pins'
import { ControllerError } from './errors'
import type { InspectedRoom } from './inspect'

/**
 * What the person typed as a room's address, as a hub URL. A typed host:port means "whatever
 * is there": TLS first. Only an explicit ws:// is plain. Throws APP_ERR_BAD_ADDRESS saying how
 * to type one.
 */
export function parseTypedAddress(address: string): URL {
  const url = parseRoomAddress(address, DEFAULT_PORT)
  if (!url) {
    throw new ControllerError(
      'APP_ERR_BAD_ADDRESS',
      `"${address.slice(0, 100)}" is not an address. Type it as host:port, for example 192.168.1.20:${DEFAULT_PORT}.`,
    )
  }
  if (!/^wss?:\/\//i.test(address.trim())) url.protocol = 'wss:'
  return url
}

/** Whether only plain ws is to be tried at a typed address (the person typed ws://). */
export function plainOnly(address: string): boolean {
  return /^ws:\/\//i.test(address.trim())
}

/**
 * What answers at a typed address, for the person to check before joining: which room, whether
 * it needs a passphrase, the verification code of the certificate it presented, and how that
 * compares with the pin of a room joined before.
 */
export function describeInspected(
  inspected: InspectedRoom,
  pins: PinStore,
): CommandResult<'inspectAddress'> {
  const { info, fingerprint } = inspected
  const pin = pins.get(info.roomId)
  return {
    address: inspected.url,
    roomId: info.roomId,
    name: info.name,
    hostName: info.hostName,
    passphrase: info.passphrase,
    encrypted: fingerprint !== null,
    fingerprint,
    verificationCode: fingerprint ? verificationCode(fingerprint) : null,
    pin: !pin
      ? 'new'
      : fingerprint === null
        ? 'downgraded'
        : pin.fingerprint === fingerprint
          ? 'match'
          : 'changed',
    pinnedCode: pin ? verificationCode(pin.fingerprint) : null,
  }
}
