import { describe, expect, it } from 'vitest'
import { LIMITS, type Member } from '../../shared/protocol'
import { MemberList } from './member-list'

function member(i: number): Member {
  return { clientId: `client-${i}`, name: `Name "${i}" ]}é`, host: i === 0 }
}

function parse(parts: readonly Buffer[]): unknown {
  return JSON.parse(Buffer.concat(parts).toString())
}

describe('MemberList', () => {
  it('lists the members as JSON, appending joins to blocks earlier welcomes still hold', () => {
    const members: Member[] = []
    const list = new MemberList(() => members)
    expect(parse(list.parts())).toEqual([])
    const held: Array<{ parts: Buffer[]; count: number }> = []
    for (let i = 0; i < 600; i++) {
      members.push(member(i))
      list.added(member(i))
      if (i % 97 === 0) held.push({ parts: list.parts(), count: i + 1 })
    }
    expect(parse(list.parts())).toEqual(members)
    // Views made earlier are unchanged by later joins: each still lists who was there then.
    for (const { parts, count } of held) expect(parse(parts)).toEqual(members.slice(0, count))
    // 600 members of about 60 bytes: several blocks, none larger than a TLS feed.
    const parts = list.parts()
    expect(parts.length).toBeGreaterThan(3)
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(16 * 1024)
  })

  it("shares a full clustered room's list (maxRoomMembers) between welcomes, never copied", () => {
    // Names of 40 four-byte graphemes (maxNameBytes would allow 240 bytes; 160 are valid here).
    const name = '😀'.repeat(LIMITS.maxNameLength)
    const members = Array.from({ length: LIMITS.maxRoomMembers + 5 }, (_, i) => ({
      clientId: `member-${String(i).padStart(LIMITS.maxClientIdLength - 7, '0')}`,
      name,
      host: false,
    }))
    const list = new MemberList(() => members, LIMITS.maxRoomMembers)
    const first = list.parts()
    const second = list.parts()
    expect(parse(first)).toEqual(members.slice(0, LIMITS.maxRoomMembers))
    // The same bytes in every welcome: what a welcome counts as its own (maxTotalUniqueBytes)
    // does not grow with the room (history-window.test.ts: the list is not in `ownBytes`).
    for (const [i, part] of first.entries()) expect(second[i]?.buffer).toBe(part.buffer)
    const bytes = first.reduce((sum, part) => sum + part.length, 0)
    expect(bytes).toBeLessThan(2.5e6)
  })

  it('rebuilds after a leave or a rename, leaving views already given untouched', () => {
    const members = [member(1), member(2), member(3)]
    const list = new MemberList(() => members)
    const before = list.parts()
    members.splice(1, 1)
    list.changed()
    expect(parse(list.parts())).toEqual([member(1), member(3)])
    expect(parse(before)).toEqual([member(1), member(2), member(3)])
    members[0] = { ...member(1), name: 'Renamed' }
    list.changed()
    expect(parse(list.parts())).toEqual([members[0], member(3)])
  })
})
