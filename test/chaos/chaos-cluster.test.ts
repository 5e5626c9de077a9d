/**
 * Chaos against a clustered room (issue #19): the clients of chaos.test.ts chat, react, edit and
 * delete through three hubs serving one room over a three-server NATS JetStream cluster, while
 * hubs are killed with SIGKILL and started again, the NATS server leading the room's stream is
 * killed and started again, and proxies in front of the hubs cut and stall connections at
 * random. Each client tries the hubs in its own order. At the end the invariants of the
 * single-hub chaos hold: nothing acknowledged is missing or doubled anywhere, every timeline is
 * the room's, in its order, every chat looks as its acknowledged ops say, and every hub holds
 * the same history. No files: a clustered room has none yet.
 *
 * Bounded: the clients write for RUN_MS; the whole test takes about a minute here.
 * CHAOS_SEED=<seed> replays the same schedule of faults. CHAOS_TRACE=<path prefix> writes what
 * each client sent and was told, and each hub's warnings, to files (test/support/traced-socket.ts).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { chatKey } from '../../src/main/connection'
import type { ChatEvent, WelcomeMessage } from '../../src/shared/protocol'
import { startClusterRoom, type ClusterRoom } from '../cluster/cluster-room'
import { ChaosProxy } from '../support/chaos-proxy'
import { natsServerInstalled } from '../support/nats-cluster'
import { between, seededRandom } from '../support/prng'
import { createScope } from '../support/scope'
import { cid } from '../support/ws-client'
import { CLIENTS, ChaosClient, expectedState, finalState, sleep, waitUntil } from './chaos-client'

const SEED = Number(process.env['CHAOS_SEED'] ?? Math.floor(Math.random() * 2 ** 31))
const HUBS = 3
/** How long the clients write while faults happen. */
const RUN_MS = 15_000
/** About 4 chats a second per client, under the room's 10. */
const WRITE_GAP_MS: [number, number] = [180, 320]
const MAX_MESSAGES = 400
/** The faults every run has (as fractions of RUN_MS), whatever else the dice say. */
const HUB_KILL_AT = [0.2, 0.6]
const NATS_KILL_AT = 0.35
/** How long the killed NATS server stays down (as a fraction of RUN_MS). */
const NATS_DOWN = 0.25
/** Safety nets (≥ 5× what they take here): settling after the faults, and the whole test. */
const SETTLE_MS = 90_000
const TEST_MS = 240_000

/**
 * Starts hub `i` again as its service manager would (systemd's Restart=on-failure, see
 * docs/cluster.md): a hub that starts while the NATS cluster elects a leader cannot read the
 * room's stream and exits; it is started again a moment later.
 */
async function startAgain(room: ClusterRoom, i: number, note: (what: string) => void) {
  for (let attempt = 1; ; attempt++) {
    try {
      await room.start(i)
      return
    } catch (error) {
      if (attempt >= 10) throw error
      note(`hub ${i} could not start (${String(error).split('\n')[1] ?? error}); again in 1 s`)
      await sleep(1_000)
    }
  }
}

const scope = createScope()
afterAll(() => scope.end())

describe.skipIf(!natsServerInstalled)('chaos in a clustered room', () => {
  it(
    'loses and doubles nothing through hub kills, a NATS server kill, cuts and stalls',
    async () => {
      console.log(`[chaos-cluster] seed ${SEED} (replay with CHAOS_SEED=${SEED})`)
      const random = seededRandom(SEED)
      const room: ClusterRoom = await startClusterRoom({
        natsServers: 3,
        hubs: HUBS,
        rateLimit: 10,
        roomName: 'Chaos cluster',
      })
      scope.defer(() => room.close())
      const ports = room.urls.map((url) => Number(new URL(url).port))
      const proxies = await Promise.all(ports.map((port) => ChaosProxy.start(port)))
      for (const proxy of proxies) scope.defer(() => proxy.close())

      // Most clients go through the proxies, each starting at another hub; the last one is
      // direct and sees only the deaths of hubs and servers.
      const clients = Array.from({ length: CLIENTS }, (_, i) => {
        const through = i === CLIENTS - 1 ? room.urls : proxies.map((p) => p.url)
        const candidates = through.map((_, k) => through[(i + k) % HUBS] as string)
        return new ChaosClient(i, candidates, seededRandom(SEED + i + 1), false)
      })
      scope.defer(() => Promise.all(clients.map((c) => c.connection.close())))
      await Promise.all(clients.map((c) => c.connection.connect()))
      const epoch = clients[0]?.connection.room?.epoch

      // ---- writers
      const started = performance.now()
      const elapsed = (): number => performance.now() - started
      let total = 0
      const writers = clients.map(async (client) => {
        const own = seededRandom(SEED * 31 + client.index)
        while (elapsed() < RUN_MS && total < MAX_MESSAGES) {
          if (!(own() < 0.35 && client.operate(clients, own))) {
            client.write()
            total += 1
          }
          await sleep(between(own, ...WRITE_GAP_MS))
        }
      })

      // ---- faults
      const log: string[] = []
      const note = (what: string): void => {
        log.push(`${(elapsed() / 1000).toFixed(2)}s ${what}`)
      }
      const hubKills = HUB_KILL_AT.map((f) => f * RUN_MS)
      let hubsKilled = 0
      let natsKilled: number | null = null
      let natsBack = false
      const restarts: Array<Promise<void>> = []
      const restarting = new Set<number>()
      while (elapsed() < RUN_MS - 1_000 || hubKills.length > 0 || !natsBack) {
        await sleep(between(random, 250, 700))
        if (hubKills.length > 0 && elapsed() >= (hubKills[0] as number)) {
          // A hub that is still being started again is not up yet: killing it would race its
          // own restart (two starts of one hub).
          const up = room.urls.map((_, i) => i).filter((i) => room.running(i) && !restarting.has(i))
          if (up.length === 0) continue
          hubKills.shift()
          const victim = up[Math.floor(random() * up.length)] as number
          restarting.add(victim)
          await room.kill(victim)
          hubsKilled += 1
          const down = between(random, 200, 1_500)
          note(`hub ${victim} killed (SIGKILL), down ${down} ms`)
          // Started again meanwhile: a hub takes seconds to start on a busy machine, and the
          // other faults go on.
          restarts.push(
            sleep(down)
              .then(() => startAgain(room, victim, note))
              .then(() => note(`hub ${victim} started again`))
              .finally(() => restarting.delete(victim)),
          )
          continue
        }
        if (natsKilled === null && elapsed() >= NATS_KILL_AT * RUN_MS) {
          natsKilled = await room.streamLeader()
          await room.nats.kill(natsKilled)
          note(`NATS server ${natsKilled} (the stream's leader) killed (SIGKILL)`)
          continue
        }
        if (natsKilled !== null && !natsBack && elapsed() >= (NATS_KILL_AT + NATS_DOWN) * RUN_MS) {
          await room.nats.restart(natsKilled)
          natsBack = true
          note(`NATS server ${natsKilled} started again`)
          continue
        }
        if (elapsed() >= RUN_MS - 1_000) continue
        const proxy = proxies[Math.floor(random() * HUBS)] as ChaosProxy
        const links = proxy.linkCount
        if (links === 0) continue
        const pick = Math.floor(random() * links)
        const roll = random()
        if (roll < 0.2) {
          note(`proxy cut all ${proxy.cutAll()} links`)
        } else if (roll < 0.55) {
          proxy.cutAt(pick)
          note(`proxy cut link ${pick}`)
        } else {
          const ms = between(random, 300, 3_500)
          const then = random() < 0.7 ? 'resume' : 'cut'
          if (proxy.stallAt(pick, ms, then))
            note(`proxy stalled link ${pick} for ${ms} ms, then ${then}`)
        }
      }
      await Promise.all(writers)
      await Promise.all(restarts)
      for (const proxy of proxies) proxy.releaseAll()
      note('faults over')

      // ---- settle: everyone back, every outbox empty, every timeline at the same seq
      const states = (): string => clients.map((c) => c.describe()).join('; ')
      await waitUntil(
        () =>
          clients.every(
            (c) => c.connection.state.status === 'connected' && c.connection.pendingCount === 0,
          ) && new Set(clients.map((c) => c.connection.resumePosition?.lastSeq)).size === 1,
        SETTLE_MS,
        () =>
          `clients to settle: ${states()}\n${log.join('\n')}\n` +
          room.urls.map((_, i) => `hub ${i} said: ${room.log(i).slice(-1500)}`).join('\n'),
      )
      const lastSeq = clients[0]?.connection.resumePosition?.lastSeq as number

      // ---- the truth: each hub's history, as a newcomer there sees it
      const truths: WelcomeMessage[] = []
      for (const [i, url] of room.urls.entries()) {
        const deadline = performance.now() + SETTLE_MS
        for (let attempt = 0; ; attempt++) {
          const observer = scope.client(url)
          const welcome = await observer.join(`observer ${i}`, cid(`chaos-observer-${i}`))
          observer.ws.terminate()
          if (welcome.lastSeq === lastSeq) {
            truths.push(welcome)
            break
          }
          if (performance.now() > deadline) {
            throw new Error(`hub ${i} is at seq ${welcome.lastSeq}, the clients at ${lastSeq}`)
          }
          await sleep(200)
        }
      }
      const truth = truths[0] as WelcomeMessage

      // ---- counts
      const written = clients.flatMap((c) => c.written)
      const acknowledged = written.filter((w) => w.ackedAt !== null)
      const failed = written.filter((w) => w.failed !== null)
      const duringOutage = written.filter((w) => w.duringOutage)
      const history: ChatEvent[] = truth.history
      const hubKeys = history.map(chatKey)
      const hubIndex = new Map(hubKeys.map((key, i) => [key, i]))
      const keyOf = (w: { client: number; id: string }): string =>
        chatKey({ from: cid(`chaos-${w.client}`), id: w.id })
      const lostAtHub = acknowledged.filter((w) => !hubIndex.has(keyOf(w)))
      const timelines = clients.map((c) =>
        c.connection.timeline.entries.flatMap((e) => (e.kind === 'chat' ? [e.chat] : [])),
      )
      const gapMarkers = clients.map(
        (c) => c.connection.timeline.entries.filter((e) => e.kind === 'gap').length,
      )
      const duplicates = timelines.map((chats) => chats.length - new Set(chats.map(chatKey)).size)
      const lostInTimeline = timelines.map((chats) => {
        const have = new Set(chats.map(chatKey))
        return hubKeys.filter((key) => !have.has(key)).length
      })
      const ops = clients.flatMap((c) => c.ops)
      const failedOps = ops.filter((op) => op.failed !== null)
      const recoveries = clients.flatMap((c) => c.recoveries)
      const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
      console.log(
        [
          `[chaos-cluster] seed ${SEED}: ${CLIENTS} clients, ${HUBS} hubs, 3 NATS servers; ` +
            `${hubsKilled} hub kills, 1 NATS server kill; proxies ` +
            `${proxies.reduce((n, p) => n + p.stats.cuts, 0)} cuts / ` +
            `${proxies.reduce((n, p) => n + p.stats.stalls, 0)} stalls`,
          `[chaos-cluster] sent ${written.length}, acknowledged ${acknowledged.length}, failed ` +
            `${failed.length}, written during an outage ${duringOutage.length}; ops ${ops.length}, ` +
            `failed ${failedOps.length}`,
          `[chaos-cluster] delivered per timeline ${timelines.map((t) => t.length).join('/')} of ` +
            `${history.length} in the room; duplicates ${duplicates.reduce((a, b) => a + b, 0)}, ` +
            `lost ${lostAtHub.length + lostInTimeline.reduce((a, b) => a + b, 0)}, gap markers ` +
            `${gapMarkers.reduce((a, b) => a + b, 0)}`,
          `[chaos-cluster] recoveries ${recoveries.length}, longest ` +
            `${seconds(Math.max(0, ...recoveries))}; longest write-to-acknowledgement ` +
            `${seconds(Math.max(0, ...acknowledged.map((w) => (w.ackedAt as number) - w.writtenAt)))}`,
          ...log.map((line) => `[chaos-cluster]   ${line}`),
        ].join('\n'),
      )

      // ---- what must hold
      expect(hubsKilled).toBe(HUB_KILL_AT.length)
      expect(natsBack).toBe(true)
      expect(failed.map((w) => `${w.id}: ${w.failed}`)).toEqual([])
      expect(acknowledged).toHaveLength(written.length)
      expect(failedOps.map((op) => `${op.kind} ${op.target}: ${op.failed}`)).toEqual([])
      expect(ops.length).toBeGreaterThan(10)
      // Every hub holds the same history: the same chats, seqs and final states.
      for (const [i, other] of truths.entries()) {
        expect(other.room.epoch, `epoch of hub ${i}`).toBe(epoch)
        expect(other.history, `history of hub ${i}`).toEqual(truth.history)
      }
      // Each chat and op once, numbered together without holes (nothing but the hubs' ops was
      // put on the stream), all still in the history.
      expect(new Set(hubKeys).size).toBe(hubKeys.length)
      const seqs = [...history.map((c) => c.seq), ...ops.map((op) => op.seq as number)]
      expect(seqs.sort((a, b) => a - b)).toEqual(seqs.map((_, i) => i + 1))
      expect(truth.lastSeq).toBe(seqs.length)
      expect(history).toHaveLength(written.length)
      const expected = new Map(history.map((chat) => [chatKey(chat), expectedState(chat, ops)]))
      expect(new Map(history.map((chat) => [chatKey(chat), finalState(chat)]))).toEqual(expected)
      for (const [i, chats] of timelines.entries()) {
        const seen = new Map(chats.map((chat) => [chatKey(chat), finalState(chat)]))
        expect(seen, `final state in client ${i}'s timeline`).toEqual(expected)
      }
      // Every acknowledged chat is in the room, with the seq its sender was told; every sender's
      // chats in the order written.
      expect(lostAtHub.map((w) => w.id)).toEqual([])
      for (const w of acknowledged)
        expect(history[hubIndex.get(keyOf(w)) as number]?.seq).toBe(w.seq)
      for (const client of clients) {
        const mine = history.filter((c) => c.from === client.connection.welcome?.you.clientId)
        expect(mine.map((c) => c.id)).toEqual(client.written.map((w) => w.id))
      }
      // Every timeline: exactly the room's chats, in its order, no gap.
      for (const [i, chats] of timelines.entries()) {
        expect(chats.map(chatKey), `timeline of client ${i}`).toEqual(hubKeys)
      }
      expect(gapMarkers).toEqual(clients.map(() => 0))
      expect(duplicates).toEqual(clients.map(() => 0))
    },
    TEST_MS,
  )
})
