import { describe, expect, it } from 'vitest'
import { LIMITS } from '../shared/protocol'
import { NameTags } from './name-tags'

describe('NameTags', () => {
  it('tags every client id of a name that looks like another’s, and no one else', () => {
    const tags = new NameTags(() => [])
    expect(tags.label('AAAAxxxxxxxx', 'Straße')).toBe('Straße')
    tags.see('BBBBxxxxxxxx', 'STRASSE')
    expect(tags.label('AAAAxxxxxxxx', 'Straße')).toBe('Straße #AAAA')
    expect(tags.label('BBBBxxxxxxxx', 'STRASSE')).toBe('STRASSE #BBBB')
    // The same person under the same name again is no second person.
    tags.see('CCCCxxxxxxxx', 'Carol')
    tags.see('CCCCxxxxxxxx', 'carol')
    expect(tags.label('CCCCxxxxxxxx', 'Carol')).toBe('Carol')
    // Letters of another script are another name for the key: the tag does not catch them.
    expect(tags.label('DDDDxxxxxxxx', 'Саrol')).toBe('Саrol')
    // A name that ends as a tag would is compared without it: it cannot pass for a tagged one.
    expect(tags.label('MaLLxxxxxxxx', 'Carol #CCCC')).toBe('Carol #CCCC #MaLL')
    expect(tags.label('CCCCxxxxxxxx', 'Carol')).toBe('Carol #CCCC')
  })

  it('remembers a bounded number of names; starting over, it keeps the shared ones and the members present', () => {
    const present = [{ clientId: 'HoStxxxxxxxx', name: 'Alice' }]
    const tags = new NameTags(() => present)
    tags.see('HoStxxxxxxxx', 'Alice')
    tags.see('BoB1xxxxxxxx', 'Bob')
    tags.see('BoB2xxxxxxxx', 'Bob')
    tags.see('gonexxxxxxxx', 'Gone')
    for (let i = 0; i < 2 * LIMITS.maxRoomMembers; i++) tags.see(`id${i}xxxxxxxx`, `name ${i}`)
    // The host is still known as Alice, the two Bobs still told apart.
    expect(tags.label('MaLLxxxxxxxx', 'ALICE')).toBe('ALICE #MaLL')
    expect(tags.label('BoB1xxxxxxxx', 'Bob')).toBe('Bob #BoB1')
    // Who left was forgotten: a new Gone is the first again.
    expect(tags.label('new1xxxxxxxx', 'Gone')).toBe('Gone')
  })
})
