import { createSocket } from 'node:dgram'
import { readdirSync, readlinkSync } from 'node:fs'
import { type CheckOutcome, type DoctorContext } from './check'
import { MDNS_PORT } from './check-multicast'

/** Binds UDP 5353 (shared or not), closes at once; null when it worked, else the error code. */
function tryBind(exclusive: boolean): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = createSocket({ type: 'udp4', reuseAddr: !exclusive })
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.close()
      resolve(error.code ?? error.message)
    })
    socket.bind({ port: MDNS_PORT, exclusive: true }, () => {
      socket.close()
      resolve(null)
    })
  })
}

/**
 * The socket inodes bound to local port `port` in a /proc/net/udp (or udp6) table:
 * `sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode ...`, the local
 * address as HEXADDR:HEXPORT.
 */
export function socketInodes(table: string, port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[1]?.split(':')[1]?.toUpperCase() === hexPort)
    .map((fields) => fields[9] ?? '')
    .filter((inode) => /^\d+$/.test(inode) && inode !== '0')
}

/** Most processes looked through for the socket's owner: enough for a desktop, and bounded. */
const MAX_PROCESSES = 4_000

/**
 * Linux: which programs hold UDP `port` (by their sockets' inodes in /proc/net/udp{,6}, then
 * /proc/PID/fd). Only processes this user may look into are found: others' are left out.
 */
export function linuxPortHolders(context: DoctorContext, port: number): string[] {
  const inodes = new Set(
    ['/proc/net/udp', '/proc/net/udp6'].flatMap((path) =>
      socketInodes(context.readFile(path) ?? '', port),
    ),
  )
  if (inodes.size === 0) return []
  const names = new Set<string>()
  let pids: string[]
  try {
    pids = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .slice(0, MAX_PROCESSES)
  } catch {
    return []
  }
  for (const pid of pids) {
    let fds: string[]
    try {
      fds = readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue
    }
    const holds = fds.some((fd) => {
      try {
        return inodes.has(
          /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? '',
        )
      } catch {
        return false
      }
    })
    if (!holds) continue
    const comm = context.readFile(`/proc/${pid}/comm`)?.trim() || 'unknown'
    names.add(Number(pid) === process.pid ? `${comm} (this process)` : `${comm} (pid ${pid})`)
  }
  return [...names]
}

/** The platforms NORMAL speaks of, as the codes of the shared-port finding name them. */
const PLATFORM_CODES: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'Linux',
  darwin: 'Mac',
  win32: 'Windows',
}

const NORMAL: Partial<Record<NodeJS.Platform, string>> = {
  linux:
    'On Linux that is usually avahi-daemon (or systemd-resolved): normal, and LAN Room shares ' +
    'the port with it (SO_REUSEADDR); both hear every mDNS message.',
  darwin: 'On macOS that is mDNSResponder, always there: normal, and LAN Room shares the port.',
  win32:
    'On Windows that is usually Windows’ own mDNS (the DNS Client service) or Bonjour: normal, ' +
    'and LAN Room shares the port.',
}

/**
 * Whether UDP port 5353 is taken by another mDNS responder. Shared (every holder allows reuse):
 * normal, said plainly. Held exclusively: LAN Room hears no mDNS at all.
 */
export async function checkMdnsPort(context: DoctorContext): Promise<CheckOutcome> {
  const exclusive = await tryBind(true)
  if (exclusive === null) {
    return {
      status: 'ok',
      code: 'mdnsFree',
      params: { port: MDNS_PORT },
      found: `free: no other mDNS responder listens on UDP port ${MDNS_PORT}`,
      fix: null,
    }
  }
  const holders = context.platform === 'linux' ? linuxPortHolders(context, MDNS_PORT) : []
  const details = holders.map((holder) => `held by ${holder}`)
  const who = holders.length > 0 ? ` (${holders.join(', ')})` : ''
  if (exclusive !== 'EADDRINUSE') {
    return {
      status: 'fail',
      code: 'mdnsForbidden',
      fixCode: 'mdnsForbiddenFix',
      params: { port: MDNS_PORT, reason: exclusive },
      found: `this program may not listen on UDP port ${MDNS_PORT} (${exclusive})`,
      fix: 'Security software or a policy keeps the app off the mDNS port: allow LAN Room.',
      details,
    }
  }
  const shared = await tryBind(false)
  if (shared === null) {
    const others = holders.filter((holder) => !holder.endsWith('(this process)'))
    if (context.ownResponder && holders.length > 0 && others.length === 0) {
      return {
        status: 'ok',
        code: 'mdnsOwnOnly',
        found: 'used by LAN Room’s own discovery only, shared with any other responder: normal',
        fix: null,
        details,
      }
    }
    const own = context.ownResponder ? ' LAN Room’s own discovery is one of them.' : ''
    return {
      status: 'ok',
      // The app's own finding (its discovery is one of the holders) is said in its language.
      ...(context.ownResponder
        ? { code: `mdnsSharedOwn${PLATFORM_CODES[context.platform] ?? 'Other'}`, params: { who } }
        : {}),
      found: `shared with another mDNS responder${who}.${own} ${NORMAL[context.platform] ?? 'That is normal: LAN Room shares the port.'}`,
      fix: null,
      details,
    }
  }
  return {
    status: 'fail',
    code: 'mdnsHeld',
    fixCode: 'mdnsHeldFix',
    params: { port: MDNS_PORT, who, reason: shared },
    found: `another program holds UDP port ${MDNS_PORT} for itself${who}: LAN Room cannot hear mDNS (${shared})`,
    fix:
      'Stop or reconfigure that program so it shares the port (most mDNS responders do), or ' +
      'join rooms by address or room code.',
    details,
  }
}
