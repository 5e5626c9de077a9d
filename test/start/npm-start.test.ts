/**
 * `npm start` on a machine where Electron's binary is not there yet (scripts/electron-app.ts).
 *
 * Each test runs the real npm script against a copy of the electron package in a temporary
 * folder (LANROOM_ELECTRON_PACKAGE), with Electron's download cache in another one, so that a
 * machine that has Electron (or a cached download) runs them the same way, and nothing they
 * fetch reaches the project's node_modules or the user's cache. The downloads go to mirrors on
 * loopback (ELECTRON_MIRROR): one that is closed, one that never answers, and one that serves a
 * stand-in Electron, which Electron's own installer checks, unpacks and records.
 */
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createServer as createTcpServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { failureMessage, findElectron } from '../../scripts/electron-app'
import { ROOT, npmCli, runNode } from '../packaging/support'

const ELECTRON_PACKAGE = join(ROOT, 'node_modules/electron')
const ELECTRON_VERSION = (
  JSON.parse(readFileSync(join(ELECTRON_PACKAGE, 'package.json'), 'utf8')) as { version: string }
).version
const ZIP_NAME = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`

interface Run {
  code: number | null
  stdout: string
  stderr: string
  ms: number
}

let work: string
let packageDir: string
const cleanups: Array<() => unknown> = []

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'lanroom-npm-start-'))
  packageDir = join(work, 'electron')
  mkdirSync(packageDir)
  for (const file of ['package.json', 'install.js', 'index.js', 'cli.js', 'checksums.json']) {
    copyFileSync(join(ELECTRON_PACKAGE, file), join(packageDir, file))
  }
})

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  rmSync(work, { recursive: true, force: true })
})

afterAll(() => {
  // Nothing a test did may leave a binary in the project's own package.
  expect(existsSync(join(ELECTRON_PACKAGE, 'dist', 'version'))).toBe(
    existsSync(join(ELECTRON_PACKAGE, 'path.txt')),
  )
})

/** `npm run SCRIPT -- ARGS` in the repository, with Electron's variables cleared. */
async function npmRun(
  script: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<Run> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^(ELECTRON_|LANROOM_ELECTRON|npm_config_electron|electron_)/i.test(name) &&
        !name.startsWith('VITEST'),
    ),
  )
  const started = performance.now()
  const finished = await runNode(
    [npmCli(), 'run', '--silent', script, ...(args.length > 0 ? ['--', ...args] : [])],
    {
      ...clean,
      LANROOM_ELECTRON_PACKAGE: packageDir,
      // The copied installer finds @electron/get in the project's node_modules.
      NODE_PATH: join(ROOT, 'node_modules'),
      electron_config_cache: join(work, 'cache'),
      ...env,
    },
    timeoutMs,
  )
  return { ...finished, ms: performance.now() - started }
}

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createTcpServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise((resolve) => server.close(resolve)))
  return (server.address() as { port: number }).port
}

/** A zip archive of `files` (stored, not compressed), with Unix modes as unzip tools read them. */
function zip(files: Array<{ name: string; data: Buffer; mode: number }>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const file of files) {
    const name = Buffer.from(file.name)
    const crc = crc32(file.data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(file.data.length, 18)
    local.writeUInt32LE(file.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4) // made by Unix
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(file.data.length, 20)
    central.writeUInt32LE(file.data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(((0o100000 | file.mode) << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, file.data)
    centrals.push(central, name)
    offset += local.length + name.length + file.data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files.length, 8)
  end.writeUInt16LE(files.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

function expectHelpfulFailure(run: Run, what: RegExp): void {
  expect(run.code, run.stderr).not.toBe(0)
  expect(run.code).not.toBeNull()
  expect(run.stderr).toContain(`Electron ${ELECTRON_VERSION} is not installed here`)
  expect(run.stderr).toMatch(what)
  expect(run.stderr).toMatch(/npx install-electron/)
  expect(run.stderr).toMatch(/LANROOM_ELECTRON=/)
  expect(run.stderr).toMatch(/ELECTRON_OVERRIDE_DIST_PATH=/)
  expect(run.stderr).toMatch(/npx lanroom host/)
  expect(run.stderr).toMatch(/npx lanroom join/)
  expect(run.stderr).not.toContain('Electron uninstall')
  // Stops within 30 s, as promised (typically 2 s here).
  expect(run.ms).toBeLessThan(30_000)
  expect(existsSync(join(packageDir, 'path.txt'))).toBe(false)
}

describe('npm start without an Electron binary', () => {
  it('stops with what failed and what to do when the download is refused', async () => {
    const port = await closedPort()
    const run = await npmRun('start', [], { ELECTRON_MIRROR: `http://127.0.0.1:${port}/` })
    expectHelpfulFailure(
      run,
      new RegExp(`could not fetch http://127\\.0\\.0\\.1:${port}/.*ECONNREFUSED`),
    )
  })

  it('gives up on a mirror that accepts the connection and never answers', async () => {
    const sockets: Socket[] = []
    const silent = createTcpServer((socket) => sockets.push(socket))
    const port = await listen(silent)
    // Cleanups run last first: the held connections go before the server is closed.
    cleanups.push(() => sockets.forEach((socket) => socket.destroy()))
    const stalled = await npmRun('dev', [], {
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      LANROOM_ELECTRON_FETCH_STALL_MS: '2000',
    })
    expectHelpfulFailure(stalled, /made no progress for 2 s/)
    expect(sockets.length).toBeGreaterThan(0)
  })

  it('says so when LANROOM_ELECTRON points at nothing, without downloading', async () => {
    const missing = join(work, 'no-such-electron')
    const run = await npmRun('start', [], { LANROOM_ELECTRON: missing, ELECTRON_MIRROR: 'x' })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`LANROOM_ELECTRON is set, but there is no Electron at ${missing}`)
    expect(run.stderr).not.toContain('fetching')
  })
})

describe.skipIf(process.platform === 'win32')('npm start fetching Electron', () => {
  it("fetches it with Electron's installer (checksum checked), then starts it", async () => {
    const standIn = Buffer.from('#!/bin/sh\necho "stand-in electron started with: $*"\n')
    const archive = zip([
      { name: 'electron', data: standIn, mode: 0o755 },
      { name: 'version', data: Buffer.from(ELECTRON_VERSION), mode: 0o644 },
    ])
    const sha = createHash('sha256').update(archive).digest('hex')
    const requests: string[] = []
    const mirror = createServer((req, res) => {
      requests.push(req.url ?? '')
      if (req.url === `/v${ELECTRON_VERSION}/${ZIP_NAME}`) res.end(archive)
      else if (req.url === `/v${ELECTRON_VERSION}/SHASUMS256.txt`) res.end(`${sha} *${ZIP_NAME}\n`)
      else res.writeHead(404).end()
    })
    const port = await listen(mirror)
    const env = {
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      // The stand-in is not in Electron's own checksums.json: check it against the mirror's.
      electron_use_remote_checksums: '1',
    }

    const fetched = await npmRun('electron:fetch', [], env)
    expect(fetched.code, fetched.stderr).toBe(0)
    expect(fetched.stdout.trim()).toBe(join(packageDir, 'dist', 'electron'))
    expect(readFileSync(join(packageDir, 'path.txt'), 'utf8')).toBe('electron')
    expect(requests).toContain(`/v${ELECTRON_VERSION}/${ZIP_NAME}`)

    // Now present: npm start goes straight to electron-vite, which starts that binary.
    requests.length = 0
    const started = await npmRun('start', ['--skipBuild'], env)
    expect(started.code, started.stderr).toBe(0)
    expect(started.stdout).toContain('stand-in electron started with: .')
    expect(requests).toEqual([])
  })

  it('refuses a download whose checksum does not match', async () => {
    const mirror = createServer((req, res) => {
      if (req.url?.endsWith('.zip')) res.end(zip([]))
      else res.end(`${'0'.repeat(64)} *${ZIP_NAME}\n`)
    })
    const port = await listen(mirror)
    const run = await npmRun('start', [], {
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      electron_use_remote_checksums: '1',
    })
    expectHelpfulFailure(run, /installer failed.*checksum/i)
  })
})

describe('the launcher, without running it', () => {
  it('finds Electron by LANROOM_ELECTRON, ELECTRON_OVERRIDE_DIST_PATH, then the package', () => {
    const empty = mkdtempSync(join(tmpdir(), 'lanroom-no-electron-'))
    cleanups.push(() => rmSync(empty, { recursive: true, force: true }))
    expect(findElectron({}, empty)).toEqual({ kind: 'missing' })
    expect(findElectron({ LANROOM_ELECTRON: process.execPath }, empty)).toMatchObject({
      kind: 'found',
      path: process.execPath,
    })
    expect(findElectron({ ELECTRON_OVERRIDE_DIST_PATH: empty }, empty, 'linux')).toMatchObject({
      kind: 'wrong',
      message: expect.stringContaining(join(empty, 'electron')) as unknown,
    })
    expect(findElectron({ ELECTRON_OVERRIDE_DIST_PATH: empty }, empty, 'darwin')).toMatchObject({
      message: expect.stringContaining('Electron.app/Contents/MacOS') as unknown,
    })
  })

  it('names the Node version when it is older than the downloader wants', () => {
    const message = (nodeVersion: string): string =>
      failureMessage({ command: 'npm start', electronVersion: '45.0.0', reason: 'x', nodeVersion })
    expect(message('20.19.0')).toContain('this is Node 20.19.0')
    expect(message('22.12.0')).not.toContain('this is Node')
    expect(message('24.1.0')).not.toContain('this is Node')
  })
})
