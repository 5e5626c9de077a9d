import { LIMITS, sameNameKey } from '../shared/protocol'

/** Names remembered (as same-name keys): every member of a full clustered room and as many
 * again; a hostile room that sends more starts the count over rather than grow it. */
const MAX_KEYS = 2 * LIMITS.maxRoomMembers

/**
 * Telling people apart in the terminal, as the app does (docs/protocol.md, "The same-name key"):
 * names are chosen freely, so once two client ids have used names that look alike (equal
 * same-name keys: `Alice`, `ALICE`, `Аlice` with a Cyrillic A does not, the client id does)
 * each is printed with `#` and its client id's first four characters. The room's members and
 * the authors of what it shows are seen as they come; a line printed before the second of two
 * such names was seen keeps the name alone.
 */
export class NameTags {
  /** For each key, the client ids seen under it: two are enough to know it is shared. */
  private owners = new Map<string, string[]>()

  /** `present`: the room's members now, seen again when the names remembered start over. */
  constructor(private readonly present: () => Iterable<{ clientId: string; name: string }>) {}

  see(clientId: string, name: string): void {
    const key = tagKey(name)
    if (!this.owners.has(key) && this.owners.size >= MAX_KEYS) this.startOver()
    this.add(key, clientId)
  }

  /** The name as printed: `Ada`, or `Ada #NHUP` when another client id has used it too. */
  label(clientId: string, name: string): string {
    this.see(clientId, name)
    const owners = this.owners.get(tagKey(name))
    return owners !== undefined && owners.length > 1 ? `${name} #${clientId.slice(0, 4)}` : name
  }

  /** Keeps the names already shared, and the members present; forgets the rest. */
  private startOver(): void {
    const kept = new Map<string, string[]>()
    for (const [key, owners] of this.owners) if (owners.length > 1) kept.set(key, owners)
    this.owners = kept
    for (const member of this.present()) {
      if (this.owners.size >= MAX_KEYS) break
      this.add(tagKey(member.name), member.clientId)
    }
  }

  private add(key: string, clientId: string): void {
    const owners = this.owners.get(key)
    if (owners === undefined) this.owners.set(key, [clientId])
    else if (owners.length < 2 && owners[0] !== clientId) owners.push(clientId)
  }
}

/**
 * A name's key for telling people apart: its same-name key, without what looks like a tag at
 * its end (`Alice #HoSt` is compared as `Alice`): a name cannot pass itself off as another's
 * tagged one.
 */
function tagKey(name: string): string {
  return sameNameKey(name.replace(/\s*#\S{1,8}\s*$/u, ''))
}
