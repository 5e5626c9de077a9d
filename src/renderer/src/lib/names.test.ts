import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from './i18n'
import {
  NO_NAMES,
  NameCensus,
  clientTag,
  collidingNames,
  copyNames,
  initials,
  nameKey,
  peopleCount,
  sameNames,
  unionNames,
} from './names'

describe('nameKey', () => {
  it('ignores case, surrounding space and compatibility forms', () => {
    expect(nameKey(' Alice ')).toBe(nameKey('alice'))
    expect(nameKey('ＡＬＩＣＥ')).toBe(nameKey('alice'))
    expect(nameKey('Alice')).not.toBe(nameKey('Alicia'))
  })

  it('ignores invisible characters, so a look-alike gets the same-name tag', () => {
    // Names like these came from hubs of earlier versions; today's hub refuses most of them.
    for (const lookalike of [
      'Ada\u200b',
      '\u200dAda',
      'A\u00adda',
      'Ada\u2060',
      '\u3164Ada',
      'Ada\u{E0041}',
      'A\u200cda',
      'Ada\u202e',
      'Ada\u2800',
      'Ada  ',
    ]) {
      expect(nameKey(lookalike), JSON.stringify(lookalike)).toBe(nameKey('Ada'))
    }
    expect(nameKey('Ada   Lovelace')).toBe(nameKey('Ada Lovelace'))
    expect(nameKey('STRASSE')).toBe(nameKey('straße'))
    expect(nameKey('👩‍💻 Ada')).not.toBe(nameKey('Ada'))
  })

  it('is what collidingNames compares: two look-alikes collide', () => {
    const result = collidingNames([
      { clientId: 'aaaa1111', name: 'Ada' },
      { clientId: 'bbbb2222', name: 'Ada\u200b' },
    ])
    expect([...result]).toEqual(['ada'])
  })
})

describe('collidingNames', () => {
  it('reports names used by two different client ids', () => {
    const result = collidingNames([
      { clientId: 'aaaa1111', name: 'Alice' },
      { clientId: 'bbbb2222', name: 'alice' },
      { clientId: 'cccc3333', name: 'Bob' },
      { clientId: 'cccc3333', name: 'Bob' },
    ])
    expect([...result]).toEqual(['alice'])
  })
})

describe('NameCensus', () => {
  it('tracks collisions as entries are added and removed', () => {
    const census = new NameCensus()
    census.add('a1', 'Sam')
    census.add('a1', 'Sam')
    expect(census.colliding.size).toBe(0)
    census.add('b2', 'sam')
    expect([...census.colliding]).toEqual(['sam'])
    census.remove('a1', 'Sam')
    expect(census.colliding.has('sam')).toBe(true)
    census.remove('a1', 'Sam')
    expect(census.colliding.size).toBe(0)
    census.remove('zz', 'nobody')
    census.add('c3', 'Sam')
    expect(census.colliding.has('sam')).toBe(true)
    census.clear()
    expect(census.colliding.size).toBe(0)
  })
})

describe('small helpers', () => {
  it('tags, initials and counts', () => {
    expect(clientTag('Xy9_abcdef')).toBe('Xy9_')
    expect(initials('alice smith jones')).toBe('AS')
    expect(initials('  bob ')).toBe('B')
    expect(initials('😀 party')).toBe('😀P')
    expect(initials('👩🏽‍💻 ada')).toBe('👩🏽‍💻A')
    expect(initials('e\u0301mile zola')).toBe('E\u0301Z')
    expect(initials('')).toBe('?')
    expect(peopleCount(1)).toBe('1 person')
    expect(peopleCount(0)).toBe('0 people')
  })
})

describe('name sets', () => {
  it('unites, copies and compares', () => {
    const a = new Set(['x'])
    const b = new Set(['y'])
    expect([...unionNames(a, b)].sort()).toEqual(['x', 'y'])
    expect(unionNames(a, NO_NAMES)).toBe(a)
    expect(unionNames(NO_NAMES, b)).toBe(b)
    const copy = copyNames(a)
    a.add('z')
    expect([...copy]).toEqual(['x'])
    expect(sameNames(copy, new Set(['x']))).toBe(true)
    expect(sameNames(copy, b)).toBe(false)
    expect(sameNames(copy, a)).toBe(false)
  })
})

describe('peopleCount', () => {
  afterEach(() => setLanguage('en'))

  it('counts people in each language’s plural forms', () => {
    expect([1, 2, 1500].map(peopleCount)).toEqual(['1 person', '2 people', '1,500 people'])
    setLanguage('ar')
    expect([1, 2, 3, 11, 100].map(peopleCount)).toEqual([
      'شخص واحد',
      'شخصان',
      '3 أشخاص',
      '11 شخصًا',
      '100 شخص',
    ])
    setLanguage('fr')
    expect(peopleCount(1_000_000)).toBe('1\u202f000\u202f000 de personnes')
  })
})
