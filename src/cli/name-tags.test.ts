import { describe, expect, it } from 'vitest'
import { LIMITS } from '../shared/protocol'
import { NameTags } from './name-tags'

describe('NameTags', () => {
  it('tags every client id of a name that looks like another’s, and no one else', () => {
    const tags = new NameTags()
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
  })

  it('remembers a bounded number of names, starting over past it', () => {
    const tags = new NameTags()
    tags.see('AAAAxxxxxxxx', 'Ada')
    for (let i = 0; i < 2 * LIMITS.maxRoomMembers; i++) tags.see(`id${i}xxxxxxxx`, `name ${i}`)
    // Ada's first owner was forgotten with the rest: a second Ada now looks like the first.
    expect(tags.label('BBBBxxxxxxxx', 'Ada')).toBe('Ada')
  })
})
