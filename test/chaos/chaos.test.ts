/**
 * Chaos: several clients chat at a steady rate through a hub process that is killed with
 * SIGKILL and restarted, and through a proxy that cuts and stalls their connections at random.
 * Between chats they react and take reactions back, edit their chats and delete some. At the
 * end, nothing any sender saw acknowledged may be missing or doubled in anyone's timeline, the
 * order must be the hub's everywhere, and every chat must look the same everywhere: its final
 * text, edited or deleted, and its reactions, as the acknowledged ops say.
 *
 * Some of the chats are files (small ones): uploaded over the same proxy and through the same
 * hub deaths, then shared. They obey the same rules as chats, keep the file object they were
 * shared with everywhere, and every one of them downloads and verifies at the end.
 *
 * The schedule of faults and the clients' backoff jitter come from one seed, printed at the
 * start: rerun with CHAOS_SEED=<seed> to replay the same schedule (the timing of the machine
 * still varies, so a replay is close, not identical). CHAOS_TRACE=<path prefix> writes what each
 * client sent and was told to files (test/support/traced-socket.ts).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { chatKey } from '../../src/main/connection'
import { downloadFile } from '../../src/main/files'
import type { ChatEvent, FileDeclaration } from '../../src/shared/protocol'
import { ChaosProxy } from '../support/chaos-proxy'
import { assertBuilt, startHost, type HostProcess } from '../support/cli'
import { freePort } from '../support/free-port'
import { between, seededRandom } from '../support/prng'
import { perFile } from '../support/scope'
import { cid } from '../support/ws-client'
import {
  CLIENTS,
  CONNECT_TIMEOUT_MS,
  FILE_RETRY,
  ChaosClient,
  expectedState,
  finalState,
  sleep,
  waitUntil,
} from './chaos-client'

const SEED = Number(process.env['CHAOS_SEED'] ?? Math.floor(Math.random() * 2 ** 31))
/** How long the clients write while faults happen. */
const RUN_MS = 18_000
/** Each client writes every 180–320 ms: about 4 chats a second, under the room's 10. */
const WRITE_GAP_MS: [number, number] = [180, 320]
/** Stays well under LIMITS.historySize (500), so every timeline can be checked whole. */
const MAX_MESSAGES = 400
/** When (as a fraction of RUN_MS) the hub is killed, whatever else the dice say. */
const KILL_AT = [0.3, 0.55, 0.8]
/** How long a late hello is held: past the client's connect timeout and its next attempt, so
 * that it reaches the hub after the client has joined again elsewhere. */
const LATE_HELLO_MS: [number, number] = [CONNECT_TIMEOUT_MS + 1_000, CONNECT_TIMEOUT_MS + 1_600]

/** The hub as a separate process, so that it can be killed for real. */
class HubProcess {
  kills = 0
  private current: HostProcess | null = null

  constructor(private readonly args: string[]) {}

  get running(): boolean {
    return this.current !== null
  }

  async start(): Promise<HostProcess> {
    let lastError: unknown = null
    // The port was just released by a killed process; give the OS a moment if it objects.
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        this.current = await startHost(this.args)
        return this.current
      } catch (error) {
        lastError = error
        await sleep(200)
      }
    }
    throw lastError instanceof Error ? lastError : new Error(String(lastError))
  }

  async kill(): Promise<void> {
    const current = this.current
    if (!current) return
    this.current = null
    this.kills += 1
    current.child.kill('SIGKILL')
    await current.exited
  }
}

const { client, defer, dir } = perFile()
beforeAll(assertBuilt)

describe('chaos', () => {
  it('loses and doubles nothing through hub kills, cuts and stalls', async () => {
    console.log(`[chaos] seed ${SEED} (replay with CHAOS_SEED=${SEED})`)
    const random = seededRandom(SEED)
    const port = await freePort()
    const deadPort = await freePort()
    const hub = new HubProcess([
      '--port',
      String(port),
      '--data-dir',
      dir('lanroom-chaos-'),
      '--name',
      'Chaos',
      '--no-advertise',
    ])
    defer(() => hub.kill())
    await hub.start()
    const proxy = await ChaosProxy.start(port)
    defer(() => proxy.close())

    // Most clients go through the proxy; one tries a dead address first; one is direct and
    // sees only the hub's deaths.
    const direct = `wss://127.0.0.1:${port}/ws`
    const clients = Array.from({ length: CLIENTS }, (_, i) => {
      const candidates =
        i === 0
          ? [`wss://127.0.0.1:${deadPort}/ws`, proxy.url]
          : i === CLIENTS - 1
            ? [direct]
            : [proxy.url]
      return new ChaosClient(i, candidates, seededRandom(SEED + i + 1))
    })
    defer(() => Promise.all(clients.map((c) => c.connection.close())))
    await Promise.all(clients.map((c) => c.connection.connect()))
    const epoch = clients[0]?.connection.room?.epoch

    // ---- writers
    const files = dir('lanroom-chaos-files-')
    const started = performance.now()
    const elapsed = (): number => performance.now() - started
    let total = 0
    const writers = clients.map(async (client) => {
      const own = seededRandom(SEED * 31 + client.index)
      while (elapsed() < RUN_MS && total < MAX_MESSAGES) {
        // About one turn in three is an op on a chat already acknowledged.
        if (own() < 0.35 && client.operate(clients, own)) {
          await sleep(between(own, ...WRITE_GAP_MS))
          continue
        }
        if (client.fileIsNext) await client.writeFile(files, own)
        else client.write()
        total += 1
        await sleep(between(own, ...WRITE_GAP_MS))
      }
    })

    // ---- faults
    const log: string[] = []
    const note = (what: string): void => {
      log.push(`${(elapsed() / 1000).toFixed(2)}s ${what}`)
    }
    const kills = KILL_AT.map((f) => f * RUN_MS)
    /** Everybody reconnects, and the hello of one of those attempts arrives late. A kill in
     * the meantime would take the held hello with it, so this happens only where it fits. */
    const lateHello = async (): Promise<void> => {
      const ms = between(random, ...LATE_HELLO_MS)
      if (kills.length > 0 && elapsed() + ms + 1_000 > (kills[0] as number)) return
      proxy.stallNextHandshake(ms)
      note(`proxy cut all ${proxy.cutAll()} links and held the next hello for ${ms} ms`)
      // Another cut now would most likely take the held hello with it.
      await sleep(ms + 500)
    }
    await sleep(between(random, 250, 700))
    await lateHello()
    // Every kill happens, however late a slow machine makes it: a restart takes longer there.
    while (elapsed() < RUN_MS - 1_000 || kills.length > 0) {
      await sleep(between(random, 250, 700))
      if (kills.length > 0 && elapsed() >= (kills[0] as number)) {
        kills.shift()
        await hub.kill()
        const down = between(random, 200, 1_200)
        note(`hub killed (SIGKILL), down ${down} ms`)
        await sleep(down)
        await hub.start()
        note('hub restarted')
        continue
      }
      if (elapsed() >= RUN_MS - 1_000) continue
      const roll = random()
      const links = proxy.linkCount
      if (links === 0) continue
      const pick = Math.floor(random() * links)
      if (roll < 0.15) {
        note(`proxy cut all ${proxy.cutAll()} links`)
      } else if (roll < 0.45) {
        proxy.cutAt(pick)
        note(`proxy cut link ${pick}`)
      } else if (roll < 0.85) {
        const ms = between(random, 300, 3_500)
        const then = random() < 0.7 ? 'resume' : 'cut'
        if (proxy.stallAt(pick, ms, then)) {
          note(`proxy stalled link ${pick} for ${ms} ms, then ${then}`)
        }
      } else if (roll < 0.95) {
        await lateHello()
      }
    }
    await Promise.all(writers)
    proxy.releaseAll()
    if (!hub.running) await hub.start()
    note('faults over')

    // ---- settle: everyone back, every outbox empty
    const states = (): string => clients.map((c) => c.describe()).join('; ')
    await waitUntil(
      () =>
        clients.every(
          (c) => c.connection.state.status === 'connected' && c.connection.pendingCount === 0,
        ),
      60_000,
      () => `clients to settle: ${states()}\n${log.join('\n')}`,
    )

    // ---- the truth: the hub's history, as a newcomer sees it
    const observer = client(direct)
    const truth = await observer.join('observer', cid('observer'))
    await waitUntil(
      () => clients.every((c) => c.connection.resumePosition?.lastSeq === truth.lastSeq),
      30_000,
      () => `timelines to catch up with seq ${truth.lastSeq}: ${states()}`,
    )

    // ---- counts
    const written = clients.flatMap((c) => c.written)
    const acknowledged = written.filter((w) => w.ackedAt !== null)
    const failed = written.filter((w) => w.failed !== null)
    const duringOutage = written.filter((w) => w.duringOutage)
    const history: ChatEvent[] = truth.history
    const hubKeys = history.map(chatKey)
    const hubIndex = new Map(hubKeys.map((key, i) => [key, i]))
    const lostAtHub = acknowledged.filter(
      (w) => !hubIndex.has(chatKey({ from: cid(`chaos-${w.client}`), id: w.id })),
    )
    const timelines = clients.map((c) =>
      c.connection.timeline.entries.flatMap((e) => (e.kind === 'chat' ? [e.chat] : [])),
    )
    const gapMarkers = clients.map(
      (c) => c.connection.timeline.entries.filter((e) => e.kind === 'gap').length,
    )
    const duplicates = timelines.map((chats) => chats.length - new Set(chats.map(chatKey)).size)
    const ops = clients.flatMap((c) => c.ops)
    const failedOps = ops.filter((op) => op.failed !== null)
    const lostInTimeline = timelines.map((chats) => {
      const have = new Set(chats.map(chatKey))
      return hubKeys.filter((key) => !have.has(key)).length
    })
    const recoveries = clients.flatMap((c) => c.recoveries)
    const longestRecovery = Math.max(0, ...recoveries)
    const longestWait = Math.max(0, ...acknowledged.map((w) => (w.ackedAt as number) - w.writtenAt))
    const ms = (value: number): string => `${(value / 1000).toFixed(2)} s`
    console.log(
      [
        `[chaos] seed ${SEED}: ${CLIENTS} clients, ${hub.kills} hub kills, proxy ` +
          `${proxy.stats.connections} connections / ${proxy.stats.cuts} cuts / ${proxy.stats.stalls} stalls`,
        `[chaos] sent ${written.length}, acknowledged ${acknowledged.length}, failed ${failed.length}, ` +
          `written during an outage ${duringOutage.length}; ops ${ops.length} ` +
          `(${['react', 'unreact', 'edit', 'delete'].map((k) => `${ops.filter((o) => o.kind === k).length} ${k}`).join(', ')}), ` +
          `failed ${failedOps.length}`,
        `[chaos] delivered per timeline ${timelines.map((t) => t.length).join('/')} of ${history.length} ` +
          `in the hub; duplicates ${duplicates.reduce((a, b) => a + b, 0)}, lost ` +
          `${lostAtHub.length + lostInTimeline.reduce((a, b) => a + b, 0)}, gap markers ` +
          `${gapMarkers.reduce((a, b) => a + b, 0)}`,
        `[chaos] recoveries ${recoveries.length}, longest ${ms(longestRecovery)}; ` +
          `longest write-to-acknowledgement ${ms(longestWait)}; replaced by a late hello of ` +
          `their own ${clients.reduce((sum, c) => sum + c.ghostReplacements, 0)} times`,
        ...log.map((line) => `[chaos]   ${line}`),
      ].join('\n'),
    )

    // ---- what must hold
    expect(hub.kills).toBeGreaterThanOrEqual(KILL_AT.length)
    expect(duringOutage.length).toBeGreaterThan(0)
    expect(failed.map((w) => `${w.id}: ${w.failed}`)).toEqual([])
    expect(acknowledged).toHaveLength(written.length)
    expect(failedOps.map((op) => `${op.kind} ${op.target}: ${op.failed}`)).toEqual([])
    expect(ops.length).toBeGreaterThan(20)
    expect(ops.filter((op) => op.kind === 'unreact').length).toBeGreaterThan(0)
    // The hub: each chat and op once, numbered together without holes, all still in its history.
    expect(new Set(hubKeys).size).toBe(hubKeys.length)
    const seqs = [...history.map((c) => c.seq), ...ops.map((op) => op.seq as number)]
    expect(seqs.sort((a, b) => a - b)).toEqual(seqs.map((_, i) => i + 1))
    expect(truth.lastSeq).toBe(seqs.length)
    expect(history).toHaveLength(written.length)
    // Every chat as the acknowledged ops say: last edit, deleted, reactions; the same in the
    // hub and in every timeline.
    const expected = new Map<string, ReturnType<typeof finalState>>()
    for (const chat of history) expected.set(chatKey(chat), expectedState(chat, ops))
    expect(new Map(history.map((chat) => [chatKey(chat), finalState(chat)]))).toEqual(expected)
    for (const [i, chats] of timelines.entries()) {
      const seen = new Map(chats.map((chat) => [chatKey(chat), finalState(chat)]))
      expect(seen, `final state in client ${i}'s timeline`).toEqual(expected)
    }
    // Every acknowledged chat is in the hub, with the seq its sender was told.
    expect(lostAtHub.map((w) => w.id)).toEqual([])
    for (const w of acknowledged) {
      const event =
        history[hubIndex.get(chatKey({ from: cid(`chaos-${w.client}`), id: w.id })) as number]
      expect(event?.seq).toBe(w.seq)
    }
    // Every sender's chats are in the order written.
    for (const client of clients) {
      const mine = history.filter((c) => c.from === client.connection.welcome?.you.clientId)
      expect(mine.map((c) => c.id)).toEqual(client.written.map((w) => w.id))
    }
    // Every timeline: exactly the hub's chats, in the hub's order, no gap.
    const room = clients[0]?.connection.room?.epoch
    expect(room).toBe(epoch)
    for (const [i, chats] of timelines.entries()) {
      expect(chats.map(chatKey), `timeline of client ${i}`).toEqual(hubKeys)
    }
    expect(gapMarkers).toEqual(clients.map(() => 0))

    // Files: each file chat carries, in the hub and in every timeline, the file object it was
    // shared with; the next client downloads each one, and the bytes verify.
    const shared = written.filter((w) => w.file !== undefined)
    expect(shared.length).toBeGreaterThanOrEqual(CLIENTS)
    const fileOf = (chat: ChatEvent | undefined): FileDeclaration | undefined => chat?.file
    for (const w of shared) {
      const key = chatKey({ from: cid(`chaos-${w.client}`), id: w.id })
      expect(fileOf(history[hubIndex.get(key) as number]), `file of ${w.id}`).toEqual(w.file)
      for (const [i, chats] of timelines.entries()) {
        const chat = chats.find((c) => chatKey(c) === key)
        expect(fileOf(chat), `file of ${w.id} in client ${i}'s timeline`).toEqual(w.file)
      }
    }
    const downloads = dir('lanroom-chaos-downloads-')
    for (const w of shared) {
      const by = clients[(w.client + 1) % CLIENTS] as ChaosClient
      const target = by.connection.fileTarget()
      if (!target || !w.file || !w.path) throw new Error(`no download for ${w.id}`)
      const got = await downloadFile({
        target,
        id: w.file.id,
        sha256: w.file.sha256,
        name: w.file.name,
        size: w.file.size,
        dir: join(downloads, `client-${by.index}`),
        retry: FILE_RETRY,
      })
      expect(got.sha256).toBe(w.file.sha256)
      expect((await readFile(got.path)).equals(await readFile(w.path))).toBe(true)
    }
    console.log(`[chaos] files shared ${shared.length}, all downloaded and verified`)
  }, 180_000)
})
