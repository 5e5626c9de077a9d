import { describe, expect, it } from 'vitest'
import { BridgeCommandError } from '../bridge/dispatch'
import { UPDATE_ERROR_CODES, updateStateSchema, type UpdateState } from '../../shared/bridge/update'
import type { InstallDecision } from './install-kind'
import type { DownloadProgress, FeedInfo, UpdateClock, UpdaterPort } from './port'
import { UPDATE_TIMING, Updater, type UpdaterOptions } from './updater'

/** Timers that run only when the test moves the clock. */
class FakeClock implements UpdateClock {
  time = 1_000_000
  #next = 1
  readonly timers = new Map<number, { at: number; callback: () => void }>()
  now(): number {
    return this.time
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#next++
    this.timers.set(id, { at: this.time + ms, callback })
    return id
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number)
  }
  /** The delays of the pending timers, from now. */
  pending(): number[] {
    return [...this.timers.values()].map((timer) => timer.at - this.time)
  }
  advance(ms: number): void {
    this.time += ms
    for (const [id, timer] of [...this.timers]) {
      if (timer.at <= this.time) {
        this.timers.delete(id)
        timer.callback()
      }
    }
  }
}

/** A port whose answers the test controls, recording what was asked. */
class FakePort implements UpdaterPort {
  offer: FeedInfo | null = { version: '0.2.0', releaseNotes: '<p>New <b>things</b></p>' }
  checkError: unknown = null
  checks = 0
  downloads = 0
  installs = 0
  #finish: (() => void) | null = null
  #failDownload: ((error: unknown) => void) | null = null
  #progress: ((progress: DownloadProgress) => void) | null = null

  check(): Promise<FeedInfo | null> {
    this.checks++
    return this.checkError ? Promise.reject(this.checkError) : Promise.resolve(this.offer)
  }
  download(onProgress: (progress: DownloadProgress) => void): Promise<void> {
    this.downloads++
    this.#progress = onProgress
    return new Promise((resolve, reject) => {
      this.#finish = resolve
      this.#failDownload = reject
    })
  }
  quitAndInstall(): void {
    this.installs++
  }
  progress(percent: number, transferred: number, total: number): void {
    this.#progress?.({ percent, transferred, total })
  }
  finish(): void {
    this.#finish?.()
  }
  failDownload(error: unknown): void {
    this.#failDownload?.(error)
  }
}

const AUTOMATIC: InstallDecision = { availability: 'automatic', reason: 'test' }

function setup(overrides: Partial<UpdaterOptions> = {}) {
  const clock = new FakeClock()
  const port = new FakePort()
  const published: UpdateState[] = []
  const world = { enabled: true, hosting: false, shutdowns: 0 }
  const updater = new Updater({
    port,
    install: AUTOMATIC,
    currentVersion: '0.1.0',
    enabled: () => world.enabled,
    hosting: () => world.hosting,
    shutdown: async () => {
      world.shutdowns++
    },
    publish: (state) => published.push(state),
    clock,
    random: () => 0.5,
    ...overrides,
  })
  return { clock, port, published, world, updater }
}

/** Lets the updater's promise chains run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('when the updater checks', () => {
  it('checks shortly after start, then every four hours with jitter', async () => {
    const { clock, port, updater } = setup()
    updater.start()
    expect(clock.pending()).toEqual([UPDATE_TIMING.firstCheckMs])
    clock.advance(UPDATE_TIMING.firstCheckMs)
    await settle()
    expect(port.checks).toBe(1)
    const interval = UPDATE_TIMING.intervalMs + UPDATE_TIMING.jitterMs / 2
    expect(clock.pending()).toEqual([interval])
    clock.advance(interval - 1)
    await settle()
    expect(port.checks).toBe(1)
    clock.advance(1)
    await settle()
    expect(port.checks).toBe(2)
  })

  it('never checks on its own when the setting is off, and starts again when it is on', async () => {
    const { clock, port, updater, world, published } = setup()
    world.enabled = false
    updater.start()
    expect(clock.pending()).toEqual([])
    expect(updater.state.availability).toBe('off')
    clock.advance(UPDATE_TIMING.intervalMs * 3)
    await settle()
    expect(port.checks).toBe(0)

    world.enabled = true
    updater.settingChanged()
    expect(published.at(-1)?.availability).toBe('automatic')
    expect(clock.pending()).toEqual([UPDATE_TIMING.firstCheckMs])
    world.enabled = false
    updater.settingChanged()
    expect(clock.pending()).toEqual([])
  })

  it('Check now works with the setting off, and schedules nothing automatic', async () => {
    const { clock, port, updater, world } = setup()
    world.enabled = false
    updater.start()
    await updater.check()
    expect(port.checks).toBe(1)
    expect(clock.pending()).toEqual([])
  })

  it('never checks in development builds, test runs, package-manager installs', async () => {
    for (const availability of ['development', 'package-manager', 'unsupported'] as const) {
      const { clock, updater, published } = setup({
        port: null,
        install: { availability, reason: 'test' },
      })
      updater.start()
      expect(clock.pending()).toEqual([])
      expect(updater.state.availability).toBe(availability)
      const refusal = await updater.check().catch((error: unknown) => error)
      expect(refusal).toBeInstanceOf(BridgeCommandError)
      expect((refusal as BridgeCommandError).code).toBe(UPDATE_ERROR_CODES.unavailable)
      expect(published).toEqual([])
    }
  })

  it('deb and rpm say the package manager updates them, and never pretend otherwise', async () => {
    const { updater } = setup({
      port: null,
      install: { availability: 'package-manager', reason: 'deb' },
    })
    const refusal = (await updater.check().catch((error: unknown) => error)) as BridgeCommandError
    expect(refusal.message).toBe('Updates come from your system’s package manager.')
    expect(updater.state.status).toBe('idle')
  })

  it('joins a check already running instead of asking twice', async () => {
    const { port, updater } = setup()
    const [a, b] = await Promise.all([updater.check(), updater.check()])
    expect(port.checks).toBe(1)
    expect(a).toEqual(b)
  })
})

describe('what the feed offers', () => {
  it('downloads a newer version in the background, with progress, then is ready', async () => {
    const { port, updater, published } = setup()
    const state = await updater.check()
    expect(state.status).toBe('downloading')
    expect(state.version).toBe('0.2.0')
    expect(state.releaseNotes).toBe('New things')
    expect(port.downloads).toBe(1)
    port.progress(12.7, 127, 1000)
    port.progress(12.9, 129, 1000) // same whole percent: not sent again
    port.progress(50, 500, 1000)
    expect(
      published.filter((s) => s.status === 'downloading').map((s) => s.progress?.percent),
    ).toEqual([0, 12, 50])
    port.finish()
    await settle()
    expect(updater.state).toMatchObject({ status: 'ready', version: '0.2.0', progress: null })
    expect(published.map((s) => s.status)).toEqual([
      'checking',
      'available',
      'downloading',
      'downloading',
      'downloading',
      'ready',
    ])
    // Every state main sends fits the contract.
    for (const sent of published) expect(updateStateSchema.safeParse(sent).success).toBe(true)
  })

  it('refuses a downgrade, and the same version, by semver (up to date)', async () => {
    for (const version of ['0.0.9', '0.1.0', '0.1.0-rc.1', 'garbage']) {
      const { port, updater } = setup()
      port.offer = { version, releaseNotes: null }
      const state = await updater.check()
      expect(state.status, version).toBe('up-to-date')
      expect(state.version).toBeNull()
      expect(port.downloads).toBe(0)
    }
  })

  it('records when the feed last answered', async () => {
    const { clock, updater } = setup()
    await updater.check()
    expect(updater.state.lastCheck).toBe(clock.time)
  })

  it('keeps a ready update on show through later checks, and replaces it by a newer one', async () => {
    const { port, updater, published } = setup()
    await updater.check()
    port.finish()
    await settle()
    const before = published.length
    await updater.check()
    expect(updater.state.status).toBe('ready')
    expect(published.slice(before).map((s) => s.status)).not.toContain('checking')
    expect(port.downloads).toBe(1)
    port.checkError = Object.assign(new Error('offline'), { code: 'ENOTFOUND' })
    await updater.check()
    expect(updater.state.status).toBe('ready')
    port.checkError = null
    port.offer = { version: '0.3.0', releaseNotes: 'Three' }
    await updater.check()
    expect(updater.state).toMatchObject({ status: 'downloading', version: '0.3.0' })
    expect(port.downloads).toBe(2)
  })

  it('reports failures with a stable code and a sentence, and checks again later', async () => {
    const { clock, port, updater } = setup()
    updater.start()
    port.checkError = Object.assign(new Error('getaddrinfo ENOTFOUND api.github.com'), {
      code: 'ENOTFOUND',
    })
    clock.advance(UPDATE_TIMING.firstCheckMs)
    await settle()
    expect(updater.state.status).toBe('error')
    expect(updater.state.error?.code).toBe(UPDATE_ERROR_CODES.offline)
    expect(clock.pending()).toHaveLength(1)

    port.checkError = null
    await updater.check()
    port.failDownload(
      Object.assign(new Error('sha512 checksum mismatch'), { code: 'ERR_CHECKSUM_MISMATCH' }),
    )
    await settle()
    expect(updater.state.error?.code).toBe(UPDATE_ERROR_CODES.download)
    port.checkError = Object.assign(new Error('bad'), { code: 'ERR_UPDATER_INVALID_SIGNATURE' })
    await updater.check()
    expect(updater.state.error?.code).toBe(UPDATE_ERROR_CODES.signature)
  })
})

describe('Restart to update', () => {
  async function ready() {
    const parts = setup()
    await parts.updater.check()
    parts.port.finish()
    await settle()
    return parts
  }

  it('is refused before an update is ready', async () => {
    const { updater, port } = setup()
    const refusal = (await updater.restart(false).catch((e: unknown) => e)) as BridgeCommandError
    expect(refusal.code).toBe(UPDATE_ERROR_CODES.notReady)
    expect(port.installs).toBe(0)
  })

  it('ends the session properly, then installs', async () => {
    const { updater, port, world } = await ready()
    await updater.restart(false)
    expect(world.shutdowns).toBe(1)
    expect(port.installs).toBe(1)
  })

  it('while hosting, asks first: refused until the person confirms the room ends', async () => {
    const { updater, port, world } = await ready()
    world.hosting = true
    const refusal = (await updater.restart(false).catch((e: unknown) => e)) as BridgeCommandError
    expect(refusal.code).toBe(UPDATE_ERROR_CODES.hosting)
    expect(refusal.message).toMatch(/ends it for everyone/)
    expect(world.shutdowns).toBe(0)
    expect(port.installs).toBe(0)
    await updater.restart(true)
    expect(world.shutdowns).toBe(1)
    expect(port.installs).toBe(1)
  })

  it('never restarts by itself: a ready update waits however long, hosting or not', async () => {
    const { updater, port, clock, world } = await ready()
    updater.start()
    world.hosting = true
    clock.advance(UPDATE_TIMING.intervalMs * 10)
    await settle()
    expect(port.installs).toBe(0)
    expect(updater.state.status).toBe('ready')
  })
})
