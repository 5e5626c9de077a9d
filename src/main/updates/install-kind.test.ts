import { describe, expect, it } from 'vitest'
import {
  RELEASE_FEED,
  decideInstall,
  flatYaml,
  updateConfigProblem,
  type InstallFacts,
} from './install-kind'

const FEED = `owner: ${RELEASE_FEED.owner}\nrepo: ${RELEASE_FEED.repo}\nprovider: github\nupdaterCacheDirName: lanroom-updater\n`
// As electron-builder writes it when it signs: a list.
const SIGNED_FEED = `${FEED}publisherName:\n  - LAN Room developers\n`

function facts(overrides: Partial<InstallFacts>): InstallFacts {
  return {
    platform: 'linux',
    isPackaged: true,
    updatesEnv: undefined,
    appImage: '/home/ada/LAN-Room.AppImage',
    packageType: null,
    updateConfig: FEED,
    ...overrides,
  }
}

describe('how the app was installed decides whether it updates itself', () => {
  it('an AppImage, a Windows install and a macOS app update themselves', () => {
    expect(decideInstall(facts({})).availability).toBe('automatic')
    expect(decideInstall(facts({ platform: 'darwin', appImage: undefined })).availability).toBe(
      'automatic',
    )
    expect(
      decideInstall(facts({ platform: 'win32', appImage: undefined, updateConfig: SIGNED_FEED }))
        .availability,
    ).toBe('automatic')
  })

  it('deb, rpm and pacman installs are left to the package manager', () => {
    for (const type of ['deb', 'rpm\n', 'pacman']) {
      const decision = decideInstall(facts({ packageType: type, appImage: undefined }))
      expect(decision.availability, type).toBe('package-manager')
    }
  })

  it('never checks when unpackaged (npm start, development) or in a test run', () => {
    expect(decideInstall(facts({ isPackaged: false })).availability).toBe('development')
    expect(decideInstall(facts({ updatesEnv: 'off' })).availability).toBe('development')
  })

  it('a Linux build that is neither an AppImage nor a package cannot replace itself', () => {
    expect(decideInstall(facts({ appImage: undefined })).availability).toBe('unsupported')
    expect(decideInstall(facts({ appImage: '' })).availability).toBe('unsupported')
  })

  it('needs app-update.yml naming this project’s GitHub feed', () => {
    expect(decideInstall(facts({ updateConfig: null })).availability).toBe('unsupported')
    const other = FEED.replace(`owner: ${RELEASE_FEED.owner}`, 'owner: mallory')
    expect(decideInstall(facts({ updateConfig: other })).reason).toMatch(/another feed/)
    const generic = FEED.replace('provider: github', 'provider: generic\nurl: http://evil.test')
    expect(decideInstall(facts({ updateConfig: generic })).availability).toBe('unsupported')
    for (const extra of ['host: evil.test', 'protocol: http']) {
      expect(decideInstall(facts({ updateConfig: `${FEED}${extra}\n` })).reason).toMatch(/HTTP/)
    }
  })

  it('on Windows, refuses an unsigned build: nothing to check updates’ signatures against', () => {
    const decision = decideInstall(facts({ platform: 'win32', appImage: undefined }))
    expect(decision.availability).toBe('unsupported')
    expect(decision.reason).toMatch(/publisherName/)
    expect(updateConfigProblem(SIGNED_FEED, 'win32')).toBeNull()
  })

  it('reads flat YAML, quoted or not, and ignores the rest', () => {
    const yaml = flatYaml('a: 1\nb: "two"\n  nested: x\n# c: 3\nd:\n  - \'x y\'\n  - z\ne:\n')
    expect(Object.fromEntries(yaml)).toEqual({ a: '1', b: 'two', d: 'x y,z', e: '' })
  })
})
