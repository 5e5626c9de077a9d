import type { NetworkInterfaceInfo } from 'node:os'
import type {
  DoctorCheckId,
  DoctorParams,
  DoctorStatus,
  DoctorStepResult,
} from '../../shared/bridge/doctor'
import type { RunCommand } from './run-command'
import type { TargetResolver } from './target'
import type { PinStore } from '../security/pins'
import type { InterfaceSelection } from '../discovery/interfaces'

/** What one check found, before the runner adds its id, title and time. */
export interface CheckOutcome {
  status: DoctorStatus
  found: string
  fix?: string | null
  /** Codes of `found` and `fix` with their values, for the app's translation (doctor.ts). */
  code?: string
  fixCode?: string
  params?: DoctorParams
  details?: string[]
  steps?: DoctorStepResult[]
}

/** What the checks may use; everything that touches the system is injectable for tests. */
export interface DoctorContext {
  /** When the whole run must be over (ms since the epoch): each check keeps inside it. */
  deadline: number
  platform: NodeJS.Platform
  /** The machine's interfaces (os.networkInterfaces). */
  interfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>
  /** Which interfaces rooms use (the interfaces setting; default: all private ones). */
  selection: InterfaceSelection
  /** Runs a system command (nft, netsh, PowerShell, route), bounded in time and output. */
  run: RunCommand
  /** Reads a file of the system (/proc/net/route); null when it cannot. */
  readFile: (path: string) => string | null
  /** The room, code or address to examine; null for none. */
  target: string | null
  /** Turns the target into addresses to try (as `lanroom join` does). */
  resolve: TargetResolver
  /** Certificates pinned when rooms were joined before; null: none to compare with. */
  pins: PinStore | null
  /** A verification code the room must show (`--expect-code`); null for none. */
  expectCode: string | null
  /** TCP ports whose firewall rules matter: the default port, the target's, the hosted room's. */
  tcpPorts: number[]
  /** Whether this process runs mDNS itself (the app's directory): then port 5353 is shared. */
  ownResponder: boolean
}

export type Check = (context: DoctorContext) => Promise<CheckOutcome>

export type CheckTable = Readonly<Record<DoctorCheckId, Check>>

export function skipped(reason: string, code?: string): CheckOutcome {
  return { status: 'skipped', found: reason, fix: null, ...(code ? { code } : {}) }
}

/** Milliseconds left before `deadline`, never less than `floor`. */
export function remaining(deadline: number, floor = 0): number {
  return Math.max(floor, deadline - Date.now())
}
