import { describe, expect, it } from 'vitest'
import { LIMITS, type Member } from '../shared/protocol'
import { findMentions } from './mentions'

const member = (clientId: string, name: string): Member => ({ clientId, name, host: false })
const ME = 'me-client-0001'
const MEMBERS = [
  member(ME, 'Me'),
  member('bob-client-001', 'Bob'),
  member('bobs-client-01', 'Bob Smith'),
  member('bob-client-002', 'bob'),
  member('ann-client-001', 'Ann'),
]

describe('findMentions', () => {
  it('finds members by name in any case, the longest name first', () => {
    expect(findMentions('@ann and @BOB SMITH, look', MEMBERS, ME)).toEqual({
      mentions: ['ann-client-001', 'bobs-client-01'],
      mentionsRoom: false,
    })
  })

  it('mentions every member of a shared name, and @room, but never this client', () => {
    expect(findMentions('@bob: @room @Me', MEMBERS, ME)).toEqual({
      mentions: ['bob-client-001', 'bob-client-002'],
      mentionsRoom: true,
    })
  })

  it('ignores e-mail addresses, names that go on, and unknown names', () => {
    expect(findMentions('mail ann@bob.org, @Annie, @roomy, @nobody', MEMBERS, ME)).toEqual({
      mentions: [],
      mentionsRoom: false,
    })
  })

  it('keeps within the limit', () => {
    const many = Array.from({ length: LIMITS.maxMentions + 5 }, (_, i) =>
      member(`member-client-${i}`, `m${i}x`),
    )
    const text = many.map((m) => `@${m.name}`).join(' ')
    expect(findMentions(text, many, ME).mentions).toHaveLength(LIMITS.maxMentions)
  })
})
