import { describe, expect, it } from 'vitest'
import { slotted } from './slots'

describe('slotted', () => {
  it('cuts a sentence where its pieces go, in the order the sentence has them', () => {
    expect(slotted(['name'], ({ name }) => `Hosted by ${name}`)).toEqual([
      { text: 'Hosted by ' },
      { slot: 'name' },
    ])
    expect(
      slotted(['enter', 'esc'], ({ enter, esc }) => `${esc} zum Abbrechen, ${enter} zum Sichern`),
    ).toEqual([
      { slot: 'esc' },
      { text: ' zum Abbrechen, ' },
      { slot: 'enter' },
      { text: ' zum Sichern' },
    ])
  })

  it('keeps a sentence that lost its slot whole', () => {
    expect(slotted(['name'], () => 'Hosted')).toEqual([{ text: 'Hosted' }])
  })
})
