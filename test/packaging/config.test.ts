/**
 * The installer configuration (electron-builder.config.ts) and what it points at. Targets that
 * need Windows, macOS or downloaded tools cannot be built here: these checks hold the parts of
 * them that can be read. README "Building installers" lists what only a real build verifies.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Configuration, TargetConfiguration } from 'electron-builder'
import { describe, expect, it } from 'vitest'
import config, { BONJOUR_SERVICE, LINK_SCHEME, PRODUCT_NAME } from '../../electron-builder.config'
import { electronBuilderArgs } from '../../scripts/dist'
import { signingPlan } from '../../scripts/signing'
import { SERVICE_TYPE_FULL } from '../../src/shared/protocol/discovery'
import { LANROOM_SCHEME } from '../../src/shared/lanroom-link'
import {
  PACKAGE_JSON,
  ROOT,
  assertBuilt,
  npmCli,
  quietLogger,
  runNode,
  validateConfiguration,
} from './support'

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')

/** The targets of a platform as `name: archs`, e.g. `{ dmg: ['x64', 'arm64'] }`. */
function targets(platform: { target?: unknown } | null | undefined): Record<string, string[]> {
  const list = (platform?.target ?? []) as TargetConfiguration[]
  return Object.fromEntries(list.map((t) => [t.target, (t.arch ?? []) as string[]]))
}

describe('electron-builder configuration', () => {
  it("passes electron-builder's schema validation", async () => {
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined()
  })

  it('is rejected by that validation when it has a mistake (the check has teeth)', async () => {
    const typo = { ...config, nsis: { ...config.nsis, oneclick: false } } as Configuration
    await expect(validateConfiguration(typo, quietLogger)).rejects.toThrow(/configuration\.nsis/)
  })

  it('names the app, and takes the version from package.json (it sets none of its own)', () => {
    expect(config.appId).toBe('org.lanroom.desktop')
    expect(config.productName).toBe(PRODUCT_NAME)
    expect(JSON.stringify(config)).not.toContain(PACKAGE_JSON.version)
    expect(config.extraMetadata).not.toHaveProperty('version')
  })

  it('names every artifact with product, version, platform and architecture', () => {
    for (const pattern of [config.artifactName, config.nsis?.artifactName]) {
      expect(pattern).toMatch(/^LAN-Room-\$\{version\}-\$\{os\}-\$\{arch\}[-.]/)
    }
    // No target overrides the name without them.
    for (const key of ['mac', 'dmg', 'win', 'linux', 'appImage', 'deb', 'rpm'] as const) {
      expect(config[key]?.artifactName ?? undefined).toBeUndefined()
    }
  })

  it("packs what package.json's main points at, and the build makes that file", () => {
    assertBuilt()
    const main = PACKAGE_JSON.main.replace(/^\.\//, '')
    expect(main).toBe('out/main/index.js')
    expect(existsSync(join(ROOT, main))).toBe(true)
    expect(config.files).toContain('out/main/**')
    expect(config.files).toContain('!**/*.map')
  })

  it('uses icons that exist: .icns for macOS, .ico for Windows, a PNG set for Linux', () => {
    expect(config.mac?.icon).toBe('build/icon.icns')
    expect(config.win?.icon).toBe('build/icon.ico')
    expect(config.linux?.icon).toBe('build/icons')
    for (const path of ['build/icon.icns', 'build/icon.ico', 'build/icons/512x512.png']) {
      expect(existsSync(join(ROOT, path)), path).toBe(true)
    }
  })

  it('turns off the Electron fuses the app does not need, and checks app.asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
    // The integrity hash is embedded only when electron-builder is not told to leave it out.
    expect(config.disableAsarIntegrity).toBeFalsy()
    expect(config.asar).toBe(true)
  })
})

describe('macOS', () => {
  it('builds a dmg and a zip for Intel and Apple silicon', () => {
    expect(targets(config.mac)).toEqual({ dmg: ['x64', 'arm64'], zip: ['x64', 'arm64'] })
  })

  it('declares local network use and the Bonjour type the app browses (Info.plist)', () => {
    const info = config.mac?.extendInfo as Record<string, unknown>
    expect(info.NSLocalNetworkUsageDescription).toMatch(/local network/)
    expect(info.NSBonjourServices).toEqual([BONJOUR_SERVICE])
    // The same type discovery advertises and browses: a mismatch makes macOS hide every room.
    expect(BONJOUR_SERVICE).toBe(SERVICE_TYPE_FULL)
  })

  it('signs with the hardened runtime and entitlements for network client and server', () => {
    expect(config.mac?.hardenedRuntime).toBe(true)
    expect(config.mac?.entitlements).toBe('build/entitlements.mac.plist')
    expect(config.mac?.entitlementsInherit).toBe('build/entitlements.mac.plist')
    const plist = read('build/entitlements.mac.plist')
    for (const key of [
      'com.apple.security.cs.allow-jit',
      'com.apple.security.network.client',
      'com.apple.security.network.server',
    ]) {
      expect(plist).toMatch(new RegExp(`<key>${key.replaceAll('.', '\\.')}</key>\\s*<true/>`))
    }
  })
})

describe('Windows', () => {
  it('builds NSIS installers for x64 and arm64, one per architecture', () => {
    expect(targets(config.win)).toEqual({ nsis: ['x64', 'arm64'] })
    expect(config.nsis?.buildUniversalInstaller).toBe(false)
  })

  it('installs per user, offers all users, and makes a Start menu shortcut', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      createStartMenuShortcut: true,
      shortcutName: PRODUCT_NAME,
    })
  })

  it('adds the inbound firewall rule on install and removes it on uninstall', () => {
    expect(config.nsis?.include).toBe('build/installer.nsh')
    const script = read('build/installer.nsh')
    const macro = (name: string): string => {
      const match = new RegExp(`^!macro ${name}\\n([\\s\\S]*?)^!macroend`, 'm').exec(script)
      if (match?.[1] === undefined) throw new Error(`build/installer.nsh has no ${name} macro`)
      return match[1]
    }
    const program = 'program="$INSTDIR\\${APP_EXECUTABLE_FILENAME}"'
    const install = macro('customInstall')
    expect(install).toContain('netsh advfirewall firewall add rule name="${PRODUCT_NAME}" dir=in')
    expect(install).toContain('action=allow')
    expect(install).toContain(program)
    expect(install).toContain('$installMode == "all"') // netsh needs the elevated install
    const remove = macro('lanroomDeleteFirewallRule')
    expect(remove).toContain('netsh advfirewall firewall delete rule name="${PRODUCT_NAME}" dir=in')
    expect(remove).toContain(program)
    expect(macro('customUnInstall')).toContain('!insertmacro lanroomDeleteFirewallRule')
  })
})

describe('Linux', () => {
  it('builds an AppImage, a deb and an rpm', () => {
    expect(targets(config.linux)).toEqual({
      AppImage: ['x64', 'arm64'],
      deb: ['x64', 'arm64'],
      rpm: ['x64'],
    })
  })

  it('puts the app in the Network and Chat menus, with its icon', () => {
    expect(config.linux?.category?.split(';')).toEqual(['Network', 'Chat'])
    expect(config.linux?.executableName).toBe('lanroom')
    expect(config.linux?.syncDesktopName).toBe(true)
    expect(config.extraMetadata).toMatchObject({ desktopName: 'lanroom.desktop' })
  })

  it('registers lanroom:// links on all three platforms (the scheme the link parser reads)', () => {
    expect(LINK_SCHEME).toBe(LANROOM_SCHEME)
    expect(config.protocols).toEqual([{ name: 'LAN Room link', schemes: ['lanroom'] }])
    // electron-builder derives the desktop entry's MimeType from `protocols`: not said twice.
    expect(config.linux?.mimeTypes).toBeUndefined()
  })
})

describe('signing (scripts/signing.ts)', () => {
  it('skips macOS signing and notarization with a message naming the variables', () => {
    const plan = signingPlan('mac', {})
    expect(plan.error).toBeUndefined()
    expect(plan.env.CSC_IDENTITY_AUTO_DISCOVERY).toBe('false')
    expect(plan.args).toContain('-c.mac.notarize=false')
    expect(plan.messages.join('\n')).toMatch(/signing skipped: set CSC_LINK .* CSC_KEY_PASSWORD/)
    expect(plan.messages.join('\n')).toMatch(/notarization skipped/)
  })

  it('treats empty variables (unset CI secrets) as absent', () => {
    const plan = signingPlan('mac', { CSC_LINK: '', CSC_KEY_PASSWORD: ' ' })
    expect(plan.env).toMatchObject({ CSC_IDENTITY_AUTO_DISCOVERY: 'false' })
    expect(plan.env).toHaveProperty('CSC_LINK', undefined)
  })

  it('signs, and notarizes when one complete set of Apple variables is there', () => {
    const env = { CSC_LINK: 'cert.p12', CSC_KEY_PASSWORD: 'x' }
    const signedOnly = signingPlan('mac', env)
    expect(signedOnly.env).not.toHaveProperty('CSC_IDENTITY_AUTO_DISCOVERY')
    expect(signedOnly.args).toEqual(['-c.mac.notarize=false'])
    expect(signedOnly.messages.join('\n')).toMatch(/notarization skipped: set APPLE_API_KEY/)

    const notarized = signingPlan('mac', {
      ...env,
      APPLE_ID: 'dev@example.com',
      APPLE_APP_SPECIFIC_PASSWORD: 'p',
      APPLE_TEAM_ID: 'T',
    })
    expect(notarized.args).toEqual([])
    expect(notarized.error).toBeUndefined()
  })

  it('refuses a half-configured notarization before building', () => {
    const plan = signingPlan('mac', { CSC_LINK: 'cert.p12', APPLE_ID: 'dev@example.com' })
    expect(plan.error).toMatch(/APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID missing/)
  })

  it('says when Windows installers are unsigned', () => {
    expect(signingPlan('win', {}).messages.join('\n')).toMatch(/signing skipped: set WIN_CSC_LINK/)
    expect(signingPlan('win', { WIN_CSC_LINK: 'c.pfx' }).messages.join('\n')).toMatch(
      /certificate from WIN_CSC_LINK/,
    )
  })
})

describe('npm run dist (scripts/dist.ts)', () => {
  it('never publishes unless asked to', () => {
    expect(electronBuilderArgs('linux', ['--dir'])).toEqual([
      '--config',
      'electron-builder.config.ts',
      '--linux',
      '--publish',
      'never',
      '--dir',
    ])
    expect(electronBuilderArgs('win', ['--publish', 'always'])).not.toContain('never')
  })

  it('has an npm script per platform, each building out/ first', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> })
      .scripts
    expect(scripts.dist).toBe('npm run build && tsx scripts/dist.ts')
    for (const platform of ['win', 'mac', 'linux']) {
      expect(scripts[`dist:${platform}`]).toBe(`npm run build && tsx scripts/dist.ts ${platform}`)
    }
  })
})

describe('the npm package (the lanroom command)', () => {
  it('ships the command and the built code, and no sources, tests or source maps', async () => {
    assertBuilt()
    const { code, stdout, stderr } = await runNode([
      npmCli(),
      'pack',
      '--dry-run',
      '--json',
      '--ignore-scripts',
    ])
    expect(code, stderr).toBe(0)
    const [pack] = JSON.parse(stdout) as [{ files: { path: string }[] }]
    const files = pack.files.map((file) => file.path)
    expect(files).toEqual(expect.arrayContaining(['package.json', PACKAGE_JSON.bin.lanroom ?? '']))
    expect(files).toContain('bin/lanroom.js')
    expect(files).toContain('out/main/cli.js')
    expect(
      files.filter((file) => /^(src|test|e2e|bench|scripts|build)\/|\.map$/.test(file)),
    ).toEqual([])
  })
})
