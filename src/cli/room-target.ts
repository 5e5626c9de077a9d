/**
 * The room argument of join, search, send, get and doctor, read before anything is asked of the
 * network: an address, or a room code, name or id to look up. What is shaped like an address and
 * cannot be one is a bad argument (exit 2), not a name looked up for seconds and not found.
 */
import { isIP } from 'node:net'
import { InvalidArgumentError } from 'commander'
import { DEFAULT_PORT } from '../shared/protocol'
import { looksLikeRoomCode } from '../shared/protocol/room-code'
import { parseRoomAddress } from '../main/connection/address'

/** True when the argument names an address rather than a room: a URL, host:port or an IP. */
export function looksLikeAddress(target: string): boolean {
  const text = target.trim()
  if (/^wss?:\/\//i.test(text)) return true
  if (isIP(text.replace(/^\[|\]$/g, '')) !== 0) return true
  return /^(\[[^\]]+\]|[A-Za-z0-9.-]+):\d{1,5}$/.test(text)
}

/** A host, a colon and what follows it up to the end (no space, slash or other colon). */
const HOST_AND_AFTER_COLON = /^(\[[^\]\s]*\]|[A-Za-z0-9.-]+):([^\s:/]*)$/

/**
 * What is wrong with a room argument, or null when it is an address, or a room code, name or id
 * to look up. Shaped like host:port (nothing after the colon; digits that are no port; anything
 * but a port after an IP address, a dotted name or localhost) it is a bad address. A name with
 * a colon, `team:alpha`, is still a name: rooms may be called that.
 */
export function roomTargetProblem(target: string): string | null {
  const text = target.trim()
  if (text.length === 0) return 'no room given: a room code, host:port, or a room name or id'
  if (looksLikeRoomCode(text)) return null
  if (looksLikeAddress(text)) {
    return parseRoomAddress(text, DEFAULT_PORT) === null
      ? 'not a room address: use host:port (a port from 1 to 65535) or wss://host:port/ws'
      : null
  }
  // Colons and hex digits only, more than one colon: an IPv6 address, and not a valid one.
  if (/^[0-9a-fA-F.]*:[0-9a-fA-F.]*:[0-9a-fA-F:.]*$/.test(text)) {
    return 'not a room address: an IPv6 address with a port goes in brackets, as [::1]:47800'
  }
  const shaped = HOST_AND_AFTER_COLON.exec(text)
  if (!shaped) return null
  const host = shaped[1] as string
  const port = shaped[2] as string
  if (port === '') return "not a room address: no port after ':' (a port is from 1 to 65535)"
  // An IPv4 address has dots, an IPv6 one brackets (HOST_AND_AFTER_COLON takes no bare colons).
  const addressHost =
    host.startsWith('[') || host.includes('.') || host.toLowerCase() === 'localhost'
  if (/^\d+$/.test(port) || addressHost) {
    return `not a room address: the port "${port.slice(0, 20)}" is not a number from 1 to 65535`
  }
  return null
}

/** commander's argParser for the room argument: a bad one is a usage error (exit 2). */
export function roomTarget(value: string): string {
  const problem = roomTargetProblem(value)
  if (problem !== null) throw new InvalidArgumentError(problem)
  return value
}
