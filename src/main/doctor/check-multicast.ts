import { randomBytes } from 'node:crypto'
import { createSocket, type Socket } from 'node:dgram'
import { remaining, type CheckOutcome, type DoctorContext } from './check'
import { chosenInterfaces, type ChosenAddress } from './chosen-interfaces'

export const MDNS_GROUP = '224.0.0.251'
export const MDNS_PORT = 5353

/** How long to wait for our own query to come back, when the run leaves that long. */
export const MULTICAST_WAIT_MS = 1_500
/** When, after the start, the query is sent again: one lost datagram is not a verdict. */
const RESENDS_MS = [0, 250, 700]

/**
 * An mDNS query (RFC 6762) for a TXT record of a name nobody has: `lanroom-doctor-<nonce>.local`.
 * Every responder ignores it; only we recognise it, byte for byte, when it comes back.
 */
export function doctorQuery(nonce: string): Buffer {
  const header = Buffer.alloc(12)
  header.writeUInt16BE(1, 4) // one question
  const labels = [`lanroom-doctor-${nonce}`, 'local'].map((label) =>
    Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'ascii')]),
  )
  const tail = Buffer.from([0, 0, 16, 0, 1]) // root label, TXT, class IN
  return Buffer.concat([header, ...labels, tail])
}

interface InterfaceResult {
  address: ChosenAddress
  back: boolean
  error: string | null
}

function bindShared(socket: Socket): Promise<string | null> {
  return new Promise((resolve) => {
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
    socket.bind({ port: MDNS_PORT, exclusive: false }, () => resolve(null))
  })
}

function sendFailureFix(
  platform: NodeJS.Platform,
  errors: string[],
): { fix: string; fixCode: string } {
  const text = errors.join(' ')
  if (platform === 'darwin' && /EHOSTUNREACH|EPERM/.test(text)) {
    return {
      fixCode: 'multicastMacPermissionFix',
      fix:
        'macOS blocks this app from the local network: open System Settings › Privacy & Security › ' +
        'Local Network and turn LAN Room on (for `lanroom`, the terminal app you run it from).',
    }
  }
  if (/EPERM|EACCES/.test(text)) {
    return {
      fixCode: 'multicastSendRefusedFix',
      fix:
        'A firewall on this machine refuses to send multicast (mDNS, UDP port 5353 to ' +
        '224.0.0.251): allow it, or join rooms by address or room code.',
    }
  }
  return {
    fixCode: 'multicastCannotSendFix',
    fix: 'This interface cannot send multicast; rooms can still be joined by address or room code.',
  }
}

/**
 * Whether our own multicast comes back to us: an mDNS query sent to 224.0.0.251:5353 on each
 * chosen interface, with multicast loopback on, must be received again by a socket on port 5353
 * that joined the group there. When it does not, this machine (its firewall, its routes) drops
 * mDNS, and no room can be seen or be seen. Also counts other machines heard meanwhile: proof
 * that the network carries multicast. Bounded by MULTICAST_WAIT_MS and the run's deadline.
 */
export async function checkMulticast(context: DoctorContext): Promise<CheckOutcome> {
  const chosen = chosenInterfaces(context)
  if (chosen.length === 0) {
    return {
      status: 'fail',
      code: 'multicastNoInterface',
      fixCode: 'multicastNoInterfaceFix',
      found:
        'no interface to send multicast on: no interface is used for rooms (see the interfaces check)',
      fix:
        'Connect to a network (Wi-Fi or cable), or choose interfaces in Settings › Network › ' +
        'Network interfaces (on the command line: lanroom host --interface NAME).',
    }
  }
  const socket = createSocket({ type: 'udp4', reuseAddr: true })
  const bindError = await bindShared(socket)
  if (bindError !== null) {
    socket.close()
    return {
      status: 'fail',
      code: 'multicastCannotListen',
      fixCode: 'multicastCannotListenFix',
      params: { port: MDNS_PORT, reason: bindError },
      found: `cannot listen on UDP port ${MDNS_PORT} to hear it come back (${bindError})`,
      fix: 'See the mDNS port check: another program holds the port for itself.',
    }
  }
  const nonce = randomBytes(6).toString('hex')
  const results: InterfaceResult[] = chosen.map((address) => ({
    address,
    back: false,
    error: null,
  }))
  const queries = results.map((_, index) => doctorQuery(`${nonce}-${index}`))
  const others = new Set<string>()
  const ours = new Set(chosen.map((entry) => entry.address))
  socket.on('error', () => {})
  socket.on('message', (message, from) => {
    const index = queries.findIndex((query) => query.equals(message))
    const result = results[index]
    if (result) result.back = true
    else if (!ours.has(from.address)) others.add(from.address)
  })
  for (const result of results) {
    try {
      socket.addMembership(MDNS_GROUP, result.address.address)
    } catch (error) {
      result.error = `cannot join the mDNS group (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`
    }
  }
  socket.setMulticastLoopback(true)
  socket.setMulticastTTL(255)

  const wait = Math.min(MULTICAST_WAIT_MS, remaining(context.deadline - 100, 1))
  await new Promise<void>((resolve) => {
    const timers = RESENDS_MS.filter((at) => at < wait).map((at) =>
      setTimeout(() => {
        results.forEach((result, index) => {
          if (result.back || result.error !== null) return
          try {
            socket.setMulticastInterface(result.address.address)
          } catch {
            // Reported by the send below.
          }
          socket.send(queries[index] as Buffer, MDNS_PORT, MDNS_GROUP, (error) => {
            if (error)
              result.error = `cannot send (${(error as NodeJS.ErrnoException).code ?? error.message})`
          })
        })
      }, at),
    )
    const done = setTimeout(finish, wait)
    const poll = setInterval(() => {
      if (results.every((result) => result.back || result.error !== null)) finish()
    }, 20)
    function finish(): void {
      for (const timer of timers) clearTimeout(timer)
      clearTimeout(done)
      clearInterval(poll)
      resolve()
    }
  })
  socket.close()

  const details = results.map(
    ({ address, back, error }) =>
      `${address.name} ${address.address}: ${back ? 'came back' : (error ?? `did not come back within ${wait} ms`)}`,
  )
  if (others.size > 0) details.push(`heard mDNS from ${others.size} other device(s) meanwhile`)
  const back = results.filter((result) => result.back)
  const names = (list: InterfaceResult[]): string => list.map((r) => r.address.name).join(', ')
  if (back.length === results.length) {
    return {
      status: 'ok',
      ...(others.size > 0
        ? { code: 'multicastOkOthers', params: { names: names(back), count: others.size } }
        : { code: 'multicastOk', params: { names: names(back) } }),
      found: `our mDNS query came back on ${names(back)}${others.size > 0 ? `, and ${others.size} other device(s) were heard` : ''}`,
      fix: null,
      details,
    }
  }
  const lost = results.filter((result) => !result.back)
  const errors = lost.flatMap((result) => (result.error ? [result.error] : []))
  const fix =
    errors.length > 0
      ? sendFailureFix(context.platform, errors)
      : {
          fixCode: 'multicastDroppedFix',
          fix:
            'A firewall on this machine drops incoming mDNS (UDP port 5353, multicast 224.0.0.251): ' +
            'allow it (Linux: look for a drop rule in `sudo nft list ruleset`; Windows: allow LAN Room ' +
            'on Private networks). Until then, join rooms by address or room code.',
        }
  return {
    status: back.length === 0 ? 'fail' : 'warn',
    ...(back.length === 0
      ? { code: 'multicastLost', params: { names: names(lost) } }
      : { code: 'multicastPartly', params: { names: names(back), lost: names(lost) } }),
    found:
      back.length === 0
        ? `our own mDNS query did not come back on ${names(lost)}: rooms cannot be found or be seen from here`
        : `our mDNS query came back on ${names(back)} but not on ${names(lost)}`,
    ...fix,
    details,
  }
}
