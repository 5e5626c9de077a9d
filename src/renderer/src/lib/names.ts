/**
 * Telling people apart. Names are chosen freely, so two people may use the same one (or two
 * that only look alike): wherever that happens the UI adds a short tag from each one's client
 * id, which is stable and unique.
 */
import { LIMITS } from '../../../shared/protocol/limits'
import { firstGrapheme } from '../../../shared/protocol/lengths'
import { sameNameKey } from '../../../shared/protocol/names'
import { t } from './i18n'

const keys = new Map<string, string>()
/** Distinct names remembered: every member of a full clustered room (maxRoomMembers) and as
 * many again (people who left, names changed), so that the list of a full room, gone through
 * on every change of it, never starts over; a hostile room is cut off here. */
const MAX_REMEMBERED_KEYS = 2 * LIMITS.maxRoomMembers

/** How names are compared for collisions (the protocol's same-name key): invisible
 * characters, case, compatibility forms and runs of spaces do not count. */
export function nameKey(name: string): string {
  // Called for every chat that arrives; the same few names come again and again.
  let key = keys.get(name)
  if (key === undefined) {
    key = sameNameKey(name)
    if (keys.size >= MAX_REMEMBERED_KEYS) keys.clear()
    keys.set(name, key)
  }
  return key
}

/** The short tag shown next to a colliding name: the client id's first four characters. */
export function clientTag(clientId: string): string {
  return clientId.slice(0, 4)
}

/** Names (as nameKey) used by more than one client id. */
export function collidingNames(
  people: Iterable<{ readonly clientId: string; readonly name: string }>,
): Set<string> {
  const owners = new Map<string, string>()
  const colliding = new Set<string>()
  for (const { clientId, name } of people) {
    const key = nameKey(name)
    const owner = owners.get(key)
    if (owner === undefined) owners.set(key, clientId)
    else if (owner !== clientId) colliding.add(key)
  }
  return colliding
}

/**
 * Counts, for each name, how many entries each client id has under it, so that collisions can
 * be kept up to date as entries come and go, in O(1) per entry.
 */
export class NameCensus {
  readonly #owners = new Map<string, Map<string, number>>()
  readonly #colliding = new Set<string>()

  /** Names (as nameKey) in use by more than one client id. Live: do not keep a reference. */
  get colliding(): ReadonlySet<string> {
    return this.#colliding
  }

  add(clientId: string, name: string): void {
    const key = nameKey(name)
    let owners = this.#owners.get(key)
    if (!owners) {
      owners = new Map()
      this.#owners.set(key, owners)
    }
    owners.set(clientId, (owners.get(clientId) ?? 0) + 1)
    if (owners.size > 1) this.#colliding.add(key)
  }

  remove(clientId: string, name: string): void {
    const key = nameKey(name)
    const owners = this.#owners.get(key)
    const count = owners?.get(clientId)
    if (!owners || count === undefined) return
    if (count > 1) owners.set(clientId, count - 1)
    else owners.delete(clientId)
    if (owners.size === 0) this.#owners.delete(key)
    if (owners.size <= 1) this.#colliding.delete(key)
  }

  clear(): void {
    this.#owners.clear()
    this.#colliding.clear()
  }
}

/** One or two letters for an avatar: initials of the first two words, else the first letter.
 * A letter is a whole grapheme: an accented letter or an emoji sequence stays whole. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean)
  const first = words[0] ? firstGrapheme(words[0]) : undefined
  const second = words[1] ? firstGrapheme(words[1]) : undefined
  return `${first ?? '?'}${second ?? ''}`.toLocaleUpperCase()
}

/** `1 person`, `3 people`. */
export function peopleCount(count: number): string {
  return t('names.people', { count })
}

/** No names: the starting value of collision sets. */
export const NO_NAMES: ReadonlySet<string> = new Set()

/** Both sets of names in one new set. */
export function unionNames(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  if (b.size === 0) return a
  if (a.size === 0) return b
  return new Set([...a, ...b])
}

/** A copy that later changes to the original do not affect. */
export function copyNames(names: ReadonlySet<string>): ReadonlySet<string> {
  return names.size === 0 ? NO_NAMES : new Set(names)
}

export function sameNames(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false
  for (const name of a) if (!b.has(name)) return false
  return true
}

/** Names by client id. */
export function namesById(
  people: Iterable<{ readonly clientId: string; readonly name: string }>,
): ReadonlyMap<string, string> {
  const out = new Map<string, string>()
  for (const { clientId, name } of people) out.set(clientId, name)
  return out
}
