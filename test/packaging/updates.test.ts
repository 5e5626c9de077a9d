/**
 * The release configuration for updates (src/main/updates, docs/updates.md): the `publish`
 * settings pass electron-builder's own schema and name this project's feed over HTTPS, the
 * formats that update themselves get their differential metadata, and the release workflow
 * attaches the update metadata (latest*.yml) and blockmaps to the release.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Configuration } from 'electron-builder'
import { describe, expect, it } from 'vitest'
import config from '../../electron-builder.config'
import { RELEASE_FEED, updateConfigProblem } from '../../src/main/updates/install-kind'
import { ROOT, quietLogger, validateConfiguration } from './support'

// electron-updater's own YAML parser (a dependency of the app), to read the workflow.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown }

function publishList(): Record<string, unknown>[] {
  const publish = config.publish
  return (Array.isArray(publish) ? publish : [publish]) as Record<string, unknown>[]
}

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Workflow {
  jobs: Record<string, { steps: Step[] }>
}

/** A GitHub Actions path pattern (only `*`, as used here) as a regular expression. */
function pattern(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')}$`)
}

/** Whether upload-artifact's `path` lines take `file`: the last matching line decides. */
function uploads(paths: string[], file: string): boolean {
  let taken = false
  for (const line of paths) {
    const excluded = line.startsWith('!')
    if (pattern(excluded ? line.slice(1) : line).test(file)) taken = !excluded
  }
  return taken
}

describe('the publish settings (the update feed)', () => {
  it("pass electron-builder's schema, and a wrong one does not", async () => {
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined()
    const wrong = {
      ...config,
      publish: [{ provider: 'github', owner: 'x', repo: 'y', protocol: 'ftp' }],
    } as unknown as Configuration
    await expect(validateConfiguration(wrong, quietLogger)).rejects.toThrow(/publish/)
  })

  it('name this project’s GitHub Releases, over HTTPS, and nothing else', () => {
    expect(publishList()).toEqual([
      {
        provider: 'github',
        owner: RELEASE_FEED.owner,
        repo: RELEASE_FEED.repo,
        protocol: 'https',
        vPrefixedTagName: true,
        releaseType: 'release',
      },
    ])
  })

  it('give each app an app-update.yml the app accepts', () => {
    // As electron-builder writes it from these settings (plus the publisher when signed).
    const [feed] = publishList()
    const written = Object.entries(feed ?? {})
      .map(([key, value]) => `${key}: ${String(value)}`)
      .join('\n')
    expect(updateConfigProblem(written, 'linux')).toBeNull()
    expect(updateConfigProblem(written, 'darwin')).toBeNull()
    expect(
      updateConfigProblem(`${written}\npublisherName:\n  - LAN Room developers`, 'win32'),
    ).toBeNull()
  })

  it('make the metadata for differential downloads where the format allows', () => {
    // NSIS: a blockmap per installer; macOS updates from the zip (and its blockmap); the
    // AppImage carries its blockmap inside. dmg and deb/rpm are not what updates use.
    expect(config.nsis?.differentialPackage).toBe(true)
    expect(config.win?.verifyUpdateCodeSignature).toBe(true)
    const macTargets = (config.mac?.target as { target: string }[]).map((t) => t.target)
    expect(macTargets).toContain('zip')
    const linuxTargets = (config.linux?.target as { target: string }[]).map((t) => t.target)
    expect(linuxTargets).toContain('AppImage')
  })
})

describe('the release workflow', () => {
  const workflow = yaml.load(
    readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8'),
  ) as Workflow

  it('uploads the update metadata and the blockmaps beside the installers', () => {
    const upload = workflow.jobs['installers']?.steps.find((step) =>
      step.uses?.startsWith('actions/upload-artifact@'),
    )
    const paths = String(upload?.with?.['path'] ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
    for (const file of [
      'dist/latest.yml',
      'dist/latest-mac.yml',
      'dist/latest-linux.yml',
      'dist/latest-linux-arm64.yml',
      'dist/beta-mac.yml',
      'dist/LAN-Room-1.2.3-win-x64-setup.exe',
      'dist/LAN-Room-1.2.3-win-x64-setup.exe.blockmap',
      'dist/LAN-Room-1.2.3-mac-arm64.zip',
      'dist/LAN-Room-1.2.3-mac-arm64.zip.blockmap',
      'dist/LAN-Room-1.2.3-mac-arm64.dmg.blockmap',
      'dist/LAN-Room-1.2.3-linux-x86_64.AppImage',
    ]) {
      expect(uploads(paths, file), file).toBe(true)
    }
    // electron-builder's own log is not a release file.
    expect(uploads(paths, 'dist/builder-debug.yml')).toBe(false)
    expect(uploads(paths, 'dist/builder-effective-config.yaml')).toBe(false)
  })

  it('attaches everything uploaded to the GitHub release', () => {
    const steps = workflow.jobs['release']?.steps ?? []
    const download = steps.find((step) => step.uses?.startsWith('actions/download-artifact@'))
    expect(download?.with).toMatchObject({ pattern: 'installers-*', 'merge-multiple': true })
    const release = steps.find((step) => step.uses?.startsWith('softprops/action-gh-release@'))
    expect(release?.with?.['files']).toBe('installers/*')
  })

  it('never lets electron-builder publish on its own', () => {
    const dist = workflow.jobs['installers']?.steps.find((step) =>
      step.run?.includes('npm run dist:'),
    )
    expect(dist?.run).not.toMatch(/--publish|-p /)
  })
})
