import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage, t } from './i18n'
import { around } from './text-parts'

describe('around', () => {
  afterEach(() => setLanguage('en'))

  it('cuts a sentence where its value goes, in each language’s order', () => {
    const cut = (): [string, string] =>
      around((mark) => t('shareAddresses.scanHint', { code: mark }))
    expect(cut()).toEqual([
      'Scan it with a phone’s camera, or open the link in a browser on this network. The page shows the room’s code: it should read ',
      '.',
    ])
    setLanguage('ja')
    const [before, after] = cut()
    expect(before.length).toBeGreaterThan(0)
    expect(after.length).toBeGreaterThan(0)
  })

  it('keeps a sentence without the placeholder whole', () => {
    expect(around(() => 'No value here.')).toEqual(['No value here.', ''])
  })
})
