import { describe, expect, it } from 'vitest'
import { compareVersions, isNewer, parseVersion } from './version'

describe('versions', () => {
  it('parses releases, pre-releases, a tag prefix and build metadata', () => {
    expect(parseVersion('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, pre: [] })
    expect(parseVersion('v0.10.0-beta.2+sha.5')).toEqual({
      major: 0,
      minor: 10,
      patch: 0,
      pre: ['beta', '2'],
    })
  })

  it('refuses what is not a version', () => {
    for (const text of ['', '1.2', '1.2.3.4', '01.2.3', '1.2.3-01', '1.2.3-', 'latest', ' 1.2.3']) {
      expect(parseVersion(text), text).toBeNull()
    }
    expect(parseVersion(`1.2.3-${'a'.repeat(80)}`)).toBeNull()
  })

  it('orders by semver precedence', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '2.0.0',
      '10.0.0',
    ]
    for (let i = 0; i + 1 < ordered.length; i++) {
      const a = parseVersion(ordered[i] ?? '')
      const b = parseVersion(ordered[i + 1] ?? '')
      if (!a || !b) throw new Error('unparsed')
      expect(compareVersions(a, b), `${ordered[i]} < ${ordered[i + 1]}`).toBeLessThan(0)
      expect(compareVersions(b, a)).toBeGreaterThan(0)
    }
  })

  it('calls only a strictly newer version newer: never the same, an older one or garbage', () => {
    expect(isNewer('0.2.0', '0.1.0')).toBe(true)
    expect(isNewer('0.1.0', '0.1.0')).toBe(false)
    expect(isNewer('0.1.0+build.7', '0.1.0')).toBe(false)
    expect(isNewer('0.0.9', '0.1.0')).toBe(false)
    expect(isNewer('0.1.0-rc.1', '0.1.0')).toBe(false)
    expect(isNewer('9.9.9', 'not-a-version')).toBe(false)
    expect(isNewer('<script>', '0.1.0')).toBe(false)
  })
})
