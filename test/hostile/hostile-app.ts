/**
 * The app under attack: the real controller, bridge handlers and event batcher, built by
 * createApp exactly as main builds them, with the window replaced by a recorder that receives
 * every event through the same checks `emit` applies (prepareEvent: clipped to the contract,
 * or dropped). Commands go through the real dispatch (argument and result checks).
 *
 * Rooms nearby come from a real RoomDirectory that is never started (no mDNS here): the tests
 * hand it advertisements as bonjour-service would, and its /info probes are real requests.
 */
import type { Service } from 'bonjour-service'
import { runInNewContext } from 'node:vm'
import { setFlagsFromString } from 'node:v8'
import { createApp, type App } from '../../src/main/app'
import { dispatchCommand, type BridgeLogEntry } from '../../src/main/bridge/dispatch'
import { PayloadFitter, prepareEvent } from '../../src/main/bridge/payload-fit'
import type { DirectoryOptions, RoomDirectory } from '../../src/main/discovery'
import { SILENT_LOGGER } from '../../src/main/hub/logger'
import type {
  BridgeResult,
  CommandArgs,
  CommandName,
  CommandResult,
  EventName,
  EventPayload,
  Notice,
  Snapshot,
  TimelineEntry,
  TimelinePatch,
} from '../../src/shared/bridge'
import { tempDir } from '../support/ws-client'

/** What the window would receive, kept small: a flood must not grow the recorder instead. */
export class Recorder {
  latest: Snapshot | null = null
  snapshots = 0
  timelineEntries = 0
  noticeCount = 0
  readonly notices: Notice[] = []
  /** The last chat and notice texts the timeline received. */
  readonly recentTexts: string[] = []
  /** Things the window should never have been shown (capped). */
  readonly violations: string[] = []
  readonly logged: BridgeLogEntry[] = []
  private waiters = new Set<() => void>()

  constructor(private readonly check: (event: RecordedEvent) => string | null = () => null) {}

  record<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const event = { name, payload } as RecordedEvent
    if (event.name === 'onSnapshot') {
      this.latest = event.payload
      this.snapshots += 1
    } else if (event.name === 'onTimeline') {
      this.onTimeline(event.payload)
    } else {
      this.noticeCount += 1
      if (this.notices.length < 1_000) this.notices.push(event.payload)
    }
    const problem = this.check(event)
    if (problem !== null && this.violations.length < 20) this.violations.push(problem)
    for (const wake of this.waiters) wake()
  }

  sawText(text: string): boolean {
    return this.recentTexts.includes(text)
  }

  /** Resolves with the ms waited once `condition` holds; rejects after `timeoutMs`. */
  until(condition: () => boolean, timeoutMs: number, label: string): Promise<number> {
    const started = performance.now()
    return new Promise((resolve, reject) => {
      const done = (): boolean => {
        if (!condition()) return false
        cleanup()
        resolve(performance.now() - started)
        return true
      }
      const wake = (): void => void done()
      const poll = setInterval(wake, 25)
      const timer = setTimeout(() => {
        cleanup()
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${label}`))
      }, timeoutMs)
      const cleanup = (): void => {
        clearInterval(poll)
        clearTimeout(timer)
        this.waiters.delete(wake)
      }
      this.waiters.add(wake)
      done()
    })
  }

  private onTimeline(patch: TimelinePatch): void {
    if (patch.reset) this.timelineEntries = 0
    this.timelineEntries += patch.confirmed.length
    const tail = patch.confirmed.slice(-200)
    for (const entry of [...tail, ...patch.pending]) {
      this.recentTexts.push(entry.text)
    }
    if (this.recentTexts.length > 400) this.recentTexts.splice(0, this.recentTexts.length - 200)
  }
}

export type RecordedEvent =
  | { name: 'onSnapshot'; payload: Snapshot }
  | { name: 'onTimeline'; payload: TimelinePatch }
  | { name: 'onNotice'; payload: Notice }

export interface HostileApp {
  app: App
  recorder: Recorder
  /** The rooms-nearby directory, not started: hand it advertisements with `advertise`. */
  directory: RoomDirectory
  advertise(instance: string, txt: Record<string, unknown>, port: number, addresses: string[]): void
  /** Calls a bridge command as the window would, through the real dispatch. */
  command<K extends CommandName>(
    name: K,
    args?: CommandArgs<K>,
  ): Promise<BridgeResult<CommandResult<K>>>
  close(): Promise<void>
}

export interface HostileAppOptions {
  /** Says what about an event the window must never be sent (recorded as a violation). */
  check?: (event: RecordedEvent) => string | null
  probeTimeoutMs?: number
  /** Replaces the directory's /info requests (tests whose advertisements must not reach out). */
  fetchInfo?: DirectoryOptions['fetchInfo']
}

export async function launchHostileApp(options: HostileAppOptions = {}): Promise<HostileApp> {
  const dir = tempDir('lanroom-hostile-hub-')
  const recorder = new Recorder(options.check)
  const fitter = new PayloadFitter((entry) => {
    if (recorder.logged.length < 100) recorder.logged.push(entry)
  })
  const app = createApp({
    dataDir: dir.path,
    logger: SILENT_LOGGER,
    suggestedName: 'Victim',
    platform: { copyText: () => {} },
    directory: {
      probeTimeoutMs: options.probeTimeoutMs ?? 1_500,
      ...(options.fetchInfo ? { fetchInfo: options.fetchInfo } : {}),
    },
    sink: (name, payload) => {
      const event = prepareEvent(name, payload, fitter)
      if (event) recorder.record(name, event.payload)
    },
  })
  // The controller keeps the directory createApp made; it is reached here to feed it by hand
  // (its browser is never started, so nothing goes out over multicast).
  const directory = (app.controller as unknown as { deps: { directory: RoomDirectory } }).deps
    .directory
  const feed = directory as unknown as { onAdvertisement(service: Service): void }
  const hostile: HostileApp = {
    app,
    recorder,
    directory,
    advertise: (instance, txt, port, addresses) =>
      feed.onAdvertisement({
        fqdn: `${instance}._lanroom._tcp.local`,
        txt,
        port,
        addresses,
      } as unknown as Service),
    command: (name, args) =>
      dispatchCommand(
        name,
        app.handlers,
        { frameUrl: 'lanroom://app/index.html', mainFrame: true },
        args === undefined ? [] : [args],
        { isTrustedSender: () => true, log: (entry) => recorder.logged.push(entry) },
      ),
    close: async () => {
      app.batcher.dispose()
      await app.controller.shutdown().catch(() => {})
      dir.remove()
    },
  }
  await hostile.command('setProfile', { name: 'Victim' })
  return hostile
}

let gc: (() => void) | null = null

/** The heap in use after a full garbage collection, in bytes. */
export function heapAfterGc(): number {
  if (!gc) {
    setFlagsFromString('--expose-gc')
    gc = runInNewContext('gc') as () => void
  }
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

/** Chat entries of a patch, for checks on what people wrote. */
export function chatsOf(patch: TimelinePatch): Array<Extract<TimelineEntry, { kind: 'chat' }>> {
  return [...patch.confirmed, ...patch.pending].filter(
    (entry): entry is Extract<TimelineEntry, { kind: 'chat' }> => entry.kind === 'chat',
  )
}

/**
 * The longest time the event loop went without running a timer: how long main could not have
 * answered the window at worst. A 10 ms timer that re-arms itself; the gap between two runs,
 * less those 10 ms, is a stall. (Not monitorEventLoopDelay: a loop blocked for tens of seconds
 * by one burst of socket reads shows there as about a second.)
 */
export class StallMeter {
  longest = 0
  private last = performance.now()
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly everyMs = 10) {
    this.arm()
  }

  /** Stops measuring; returns the longest stall in ms. */
  stop(): number {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.sample()
    return this.longest
  }

  private arm(): void {
    this.timer = setTimeout(() => {
      this.sample()
      this.arm()
    }, this.everyMs)
  }

  private sample(): void {
    const now = performance.now()
    this.longest = Math.max(this.longest, now - this.last - this.everyMs)
    this.last = now
  }
}
