/**
 * A real electron-builder run: `npm run dist:linux -- --dir` (scripts/dist.ts with
 * electron-builder.config.ts) makes the unpacked Linux app, and its app.asar must hold exactly
 * what the app runs: the built main, preload and renderer, package.json, and the production
 * dependencies, without devDependencies, sources or source maps.
 *
 * No Electron binary can be downloaded here, so the build is given a stand-in Electron
 * distribution (electronDist): a directory with one file, `electron`, which is not Electron at
 * all but carries an Electron fuse wire (the sentinel, version 1, eight fuses in Electron's
 * default states) so that electron-builder's fuse step has something to flip. electron-builder
 * copies that directory as the app, renames `electron` to `lanroom` and adds resources/app.asar;
 * nothing it does on the way needs the real binary. What only a real Electron can show
 * (that the packaged app starts) is listed in README "Building installers".
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { extractFile, getRawHeader, listPackage } from '@electron/asar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUILT_ENTRIES, PACKAGE_JSON, assertBuilt, productionPackages, runNode } from './support'

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron 45's fuse defaults, in wire order: RunAsNode, CookieEncryption, NodeOptions,
 * NodeCliInspect, EmbeddedAsarIntegrity, OnlyLoadAppFromAsar, BrowserV8Snapshot, FileProtocol. */
const DEFAULT_FUSES = '10110001'
const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
]

interface AsarFile {
  size: number
  integrity?: { algorithm: string; hash: string; blockSize: number; blocks: string[] }
}
interface AsarDirectory {
  files: Record<string, AsarNode>
}
type AsarNode = AsarFile | AsarDirectory

/** Development packages that must never reach the asar. */
const DEV_PACKAGES = [
  'electron',
  'electron-builder',
  'electron-vite',
  'vite',
  'svelte',
  'typescript',
  'vitest',
  'eslint',
  'playwright-core',
  'esbuild',
  'tsx',
  'prettier',
  '@electron/asar',
  '@resvg/resvg-js',
]

let work: string
let asar: string
let appDir: string
let buildLog: string
let files: string[]

beforeAll(async () => {
  assertBuilt()
  work = await mkdtemp(join(tmpdir(), 'lanroom-packaging-'))
  const electronDist = join(work, 'electron-dist')
  const output = join(work, 'dist')
  await mkdir(electronDist)
  const standIn = Buffer.concat([
    Buffer.from('stand-in for the Electron binary (test/packaging/unpacked.test.ts)\n'),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, DEFAULT_FUSES.length]),
    Buffer.from(DEFAULT_FUSES, 'latin1'),
  ])
  await writeFile(join(electronDist, 'electron'), standIn, { mode: 0o755 })

  // electron-builder goes quiet when it sees VITEST in its environment; its log is checked here.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')),
  )
  const { code, stdout, stderr } = await runNode(
    [
      '--import',
      'tsx',
      'scripts/dist.ts',
      'linux',
      '--dir',
      '--x64',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
    ],
    env,
  )
  buildLog = stdout + stderr
  if (code !== 0) throw new Error(`electron-builder failed (exit ${code}):\n${buildLog}`)
  appDir = join(output, 'linux-unpacked')
  asar = join(appDir, 'resources', 'app.asar')
  files = listPackage(asar, { isPack: false }).map((path) => path.replaceAll('\\', '/'))
}, 120_000)

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true })
})

/** Package names in the asar's node_modules, nested ones included. */
function packagedModules(): Set<string> {
  const names = new Set<string>()
  for (const path of files) {
    const match = /^.*\/node_modules\/((?:@[^/]+\/)?[^/@][^/]*)\/package\.json$/.exec(path)
    if (match?.[1] !== undefined) names.add(match[1])
  }
  return names
}

describe('unpacked Linux build (stand-in Electron)', () => {
  it('loads electron-builder.config.ts, runs offline, and says it did not sign', () => {
    expect(buildLog).toContain('loaded configuration')
    expect(buildLog).toContain('electron-builder.config.ts')
    expect(buildLog).toContain('Linux packages are not signed')
  })

  it('contains the built entry points and package.json', () => {
    for (const entry of [...BUILT_ENTRIES, 'package.json']) expect(files).toContain(`/${entry}`)
  })

  it('packs the package.json electron starts from: main, version, type and desktopName', () => {
    const packed = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as Record<
      string,
      unknown
    >
    expect(packed).toMatchObject({
      name: PACKAGE_JSON.name,
      version: PACKAGE_JSON.version,
      main: PACKAGE_JSON.main,
      type: 'module',
      desktopName: 'lanroom.desktop',
    })
    expect(files).toContain(`/${String(packed.main).replace(/^\.\//, '')}`)
    expect(packed).not.toHaveProperty('devDependencies')
  })

  it('contains the production dependencies and nothing else in node_modules', () => {
    const packed = packagedModules()
    for (const name of ['ws', 'bonjour-service', 'zod', 'commander', 'pino']) {
      expect(packed, name).toContain(name)
    }
    expect([...packed].sort()).toEqual([...productionPackages()].sort())
  })

  it('leaves out devDependencies', () => {
    const packed = packagedModules()
    for (const name of [...DEV_PACKAGES, ...Object.keys(PACKAGE_JSON.devDependencies)]) {
      expect(packed.has(name), `${name} is a devDependency`).toBe(false)
    }
  })

  it('leaves out sources, tests, docs, build resources and source maps', () => {
    const topLevel = new Set(files.map((path) => path.split('/')[1]))
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json'])
    expect(files.filter((path) => path.endsWith('.map'))).toEqual([])
    const outDirs = new Set(files.filter((p) => p.startsWith('/out/')).map((p) => p.split('/')[2]))
    // guest: the guest app a hosted room's hub serves to browsers (#16).
    expect([...outDirs].sort()).toEqual(['guest', 'main', 'preload', 'renderer'])
  })

  it('names the executable lanroom and flips the configured fuses', async () => {
    const binary = await readFile(join(appDir, 'lanroom'))
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length + 2
    const wire = binary.toString('latin1', at, at + DEFAULT_FUSES.length)
    const fuses = Object.fromEntries(FUSE_NAMES.map((name, i) => [name, wire[i] === '1']))
    expect(fuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('records the integrity of every file in app.asar, as the integrity fuse checks it', () => {
    // What Electron checks on macOS and Windows: the hash of this header, embedded in the app
    // by electron-builder (Info.plist, the .exe's resources); the header in turn holds each
    // file's SHA-256 and block hashes, checked as files are read.
    const { header } = getRawHeader(asar)
    const packed = (path: string): AsarFile => {
      let node: AsarNode = header
      for (const part of path.split('/')) node = (node as AsarDirectory).files[part] as AsarNode
      return node as AsarFile
    }
    for (const entry of BUILT_ENTRIES) {
      const file = packed(entry)
      expect(file.integrity, entry).toMatchObject({ algorithm: 'SHA256' })
      const content = extractFile(asar, entry)
      expect(file.integrity?.hash, entry).toBe(createHash('sha256').update(content).digest('hex'))
      expect(file.integrity?.blocks.length).toBe(
        Math.max(1, Math.ceil(content.length / (file.integrity?.blockSize ?? 1))),
      )
    }
  })
})
