/**
 * The `lanroom` command's argument parsers (commander's argParser): each turns one value into
 * what the command takes, or throws InvalidArgumentError (exit 2, one line), and the bounds they
 * check.
 */
import { isIP } from 'node:net'
import { InvalidArgumentError } from 'commander'
import { DEFAULT_PORT, SCHEMAS, describeIssues } from '../shared/protocol'
import { MAX_SCAN_PORTS, parseWatchTarget, type Subnet } from '../main/discovery/scan'

export function collect<T>(parse: (value: string) => T) {
  return (value: string, previous: T[] = []): T[] => [...previous, parse(value)]
}

/**
 * `--name`, `--host-name`: checked by the hub's own rule before anything starts, so that a name
 * the room would refuse is a bad argument (exit 2), not a room that could not start. The value
 * is the name as the hub keeps it (trimmed).
 */
function nameArg(schema: typeof SCHEMAS.roomName, what: string) {
  return (value: string): string => {
    const parsed = schema.safeParse(value)
    if (!parsed.success) throw new InvalidArgumentError(`${what} ${describeIssues(parsed.error)}`)
    return parsed.data
  }
}
export const roomName = nameArg(SCHEMAS.roomName, 'a room name')
export const displayName = nameArg(SCHEMAS.displayName, 'a display name')

/**
 * A file or directory argument (`--data-dir`, `--identity`, `--out`, `--cert`…): an empty one
 * is refused rather than taken for the current directory or for none (`--identity "$KEYFILE"`
 * with the variable unset would otherwise be a new person every run, unsaid).
 */
export function pathArg(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected a path, not an empty one')
  return value
}

export function interfaceName(value: string): string {
  if (!/^[\w.@:() -]{1,64}$/.test(value)) throw new InvalidArgumentError('not an interface name')
  return value
}

export function watchTarget(value: string): Subnet {
  const parsed = parseWatchTarget(value)
  if (!parsed.ok) throw new InvalidArgumentError(parsed.message)
  return parsed.subnet
}

export function integer(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value)
    if (!/^\d+$/.test(value) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`)
    }
    return n
  }
}

export function seconds(value: string): number {
  const n = Number(value)
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0 || n > 600) {
    throw new InvalidArgumentError('expected a number of seconds, more than 0 and at most 600')
  }
  return n
}

/** `--scan-port`: the scan asks at most MAX_SCAN_PORTS ports, DEFAULT_PORT among them. */
export const MAX_EXTRA_SCAN_PORTS = MAX_SCAN_PORTS - 1

/** A port named twice, or DEFAULT_PORT named at all, is scanned once and counts once. */
export function scanPort(value: string, previous: number[] = []): number[] {
  const port = integer(1, 65_535)(value)
  if (port === DEFAULT_PORT || previous.includes(port)) return previous
  if (previous.length >= MAX_EXTRA_SCAN_PORTS) {
    throw new InvalidArgumentError(
      `at most ${MAX_EXTRA_SCAN_PORTS} --scan-port may be given (${DEFAULT_PORT} is always scanned)`,
    )
  }
  return [...previous, port]
}

export const MIB = 1024 * 1024
/** Bounds for the history budget flags: far above any LAN room, below what a number keeps exact. */
export const MAX_HISTORY_EVENTS = 1_000_000_000
export const MAX_HISTORY_MB = 1_048_576
/** The largest file size or files budget `lanroom host` takes, in megabytes (1 TiB). */
export const MAX_FILES_MB = 1_048_576

/**
 * `--bind`: an IP address (IPv4, or IPv6 with or without brackets; 0.0.0.0 is every IPv4
 * interface). A name would be looked up by the system, and one that does not resolve would be a
 * room that could not start (exit 1) for what is a typo.
 */
export function bindAddress(value: string): string {
  const bare = value.replace(/^\[(.*)\]$/, '$1')
  if (isIP(bare) === 0) {
    throw new InvalidArgumentError(
      'expected an IP address of this computer (like 192.168.1.20, or IPv6), or 0.0.0.0 for every IPv4 interface',
    )
  }
  return bare
}

/** The passphrase a command uses, or what is wrong with it (a usage error, exit 2). */
export type PassphraseSetting =
  { ok: true; passphrase: string | undefined } | { ok: false; problem: string }

/**
 * `--passphrase`, else LANROOM_PASSPHRASE, else none. An empty one is refused wherever it comes
 * from: set but empty, the variable would otherwise mean "no passphrase", hosting an open room
 * that its host believes closed.
 */
export function passphraseSetting(
  given: string | undefined,
  environment: string | undefined,
): PassphraseSetting {
  if (given !== undefined) {
    return given.trim().length === 0
      ? { ok: false, problem: 'the passphrase must not be empty' }
      : { ok: true, passphrase: given }
  }
  if (environment === undefined) return { ok: true, passphrase: undefined }
  return environment.trim().length === 0
    ? {
        ok: false,
        problem:
          'LANROOM_PASSPHRASE is set but empty: set it to the passphrase, or unset it for none',
      }
    : { ok: true, passphrase: environment }
}
