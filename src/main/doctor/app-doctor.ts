import { isIP } from 'node:net'
import type { DoctorCheckId, DoctorCheckResult } from '../../shared/bridge/doctor'
import type { DirectoryRoom } from '../../shared/protocol'
import { AUTO_SELECTION, type InterfaceSelection } from '../discovery/interfaces'
import type { PinStore } from '../security/pins'
import { CHECKS } from './checks'
import { doctorContext } from './context'
import { nearbyRoom } from './nearby-room'
import { DEFAULT_DOCTOR_TIMEOUT_MS, runCheck } from './run'
import { resolveAddress, resolveRoomCode, type TargetResolver } from './target'

export interface AppDoctorDeps {
  /** The rooms the app's directory lists now (it browses all the time: no wait). */
  rooms: () => readonly DirectoryRoom[]
  pins: PinStore | null
  /** The interfaces setting; default every private interface. */
  selection?: () => InterfaceSelection
  /** The port of the room this app hosts, if any: the firewall check looks for rules on it too. */
  hostedPort?: () => number | null
  /** Each check's bound; default DEFAULT_DOCTOR_TIMEOUT_MS. */
  timeoutMs?: number
}

/**
 * The app's doctor (the Network doctor panel, through the bridge's `runDoctorCheck`): one check
 * per call, so that the panel shows each as it finishes. A room is looked up among the rooms the
 * directory lists; an address as typed. The app's own mDNS browser shares port 5353, which the
 * mDNS port check says.
 */
export function createDoctorHandler(
  deps: AppDoctorDeps,
): (args: { check: DoctorCheckId; target?: string | undefined }) => Promise<DoctorCheckResult> {
  const resolve: TargetResolver = async (target, timeoutMs) => {
    const wanted = target.trim()
    const code = resolveRoomCode(wanted)
    if (code) return code
    // host:port, a URL or an IP address is an address; a bare word is a room's name or id
    // first, and a host name only when no room is called that.
    if (/[:/]/.test(wanted) || isIP(wanted) !== 0) {
      const address = await resolveAddress(wanted, timeoutMs)
      if (address) return address
    }
    const rooms = deps.rooms()
    try {
      return nearbyRoom(wanted, rooms, 'by this app')
    } catch (error) {
      const named = await resolveAddress(wanted, timeoutMs).catch(() => null)
      if (named) return named
      throw error
    }
  }
  return ({ check, target }) => {
    const context = doctorContext(Date.now() + (deps.timeoutMs ?? DEFAULT_DOCTOR_TIMEOUT_MS), {
      target: target ?? null,
      resolve,
      pins: deps.pins,
      selection: (deps.selection ?? (() => AUTO_SELECTION))(),
      ownResponder: true,
    })
    const hosted = deps.hostedPort?.() ?? null
    return runCheck(
      check,
      CHECKS,
      hosted === null
        ? context
        : { ...context, tcpPorts: [...new Set([...context.tcpPorts, hosted])] },
    )
  }
}
