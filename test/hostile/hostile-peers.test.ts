/**
 * Hostile peers: the hub's limits hold against each attack in the list of issue #7
 * (peer-attacks.ts), while well-behaved members (the witnesses) keep chatting undisturbed, and
 * the hub's memory stays bounded.
 *
 * The hub runs as `lanroom host` in its own process, with the default limits, so that its
 * resident memory (RSS, from /proc) can be read apart from this process, which plays both the
 * witnesses and the attackers. Each attack is bounded by a count and stops by itself; every
 * connection goes to 127.0.0.1.
 *
 * Time and memory are bounded here only as safety nets: what the attacks cost (the witnesses'
 * latency beside the same room without attack, the hub's RSS growth, how soon the room is back
 * to normal) is measured by `npm run bench` (bench/hostile.ts). The witnesses' latency bound
 * is MAX_WITNESS_LATENCY_MS (support.ts). RSS may grow by at most RSS_GROWTH_LIMIT over its level
 * before the attack: five times the most any attack typically adds (about 63 MB, the chat
 * flood; the slow readers about 57 MB). What the hub may hold by design is far less than an
 * unbounded hub would: one member's backlog is at most LIMITS.maxBufferedBytes (4 MiB) of frames
 * every member shares (broadcasts, and the history in welcomes), frames made for one member
 * alone (errors, member lists) are at most LIMITS.maxTotalUniqueBytes (32 MiB) for all members
 * together, and connections of every kind are bounded in number; an unbounded hub would hold a
 * copy of the 6 MB history for each of the 100 slow readers. The measured growth is in the
 * summary table printed at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertBuilt } from '../support/cli'
import type { TestClient } from '../support/ws-client'
import { peerAttacks, type AttackContext, type PeerAttack } from './peer-attacks'
import type { RawPeer } from './support'
import {
  PATIENCE_MS,
  RssSampler,
  Witnesses,
  eventually,
  openRoom,
  rssOf,
  sleep,
  type Check,
} from './support'

const MB = 1024 * 1024
const RSS_GROWTH_LIMIT = 320 * MB
/** Witnesses chat at least this long, attack or not, so that every case has chats to check. */
const MIN_WITNESS_MS = 1_000

interface Row {
  attack: string
  sent: string
  witnessChats: number
  maxLatencyMs: number
  rssBeforeMB: number
  rssPeakMB: number
  rssAfterMB: number
}
const rows: Row[] = []

beforeAll(assertBuilt)
afterAll(() => {
  if (rows.length > 0) console.table(rows)
})

const MEASURE_MEMORY = rssOf(process.pid) !== null
if (!MEASURE_MEMORY) console.warn('hostile peers: no /proc here, so memory is not checked')

/** The attacks' checks, made by vitest: the first that fails ends the test there. */
const check: Check = {
  equal: (actual, expected, label) => expect(actual, label).toEqual(expected),
  atLeast: (actual, least, label) => expect(actual, label).toBeGreaterThanOrEqual(least),
  atMost: (actual, most, label) => expect(actual, label).toBeLessThanOrEqual(most),
  matches: (text, pattern, label) => expect(text, label).toMatch(pattern),
}

/**
 * Runs an attack against a fresh room with three witnesses chatting, then checks it all. The
 * attack's setup prepares the room before the witnesses start chatting (legitimate traffic
 * that is not the attack, such as a long history); the memory bounds cover it too.
 */
async function underAttack(attack: PeerAttack): Promise<void> {
  const { passphrase } = attack
  const room = await openRoom(passphrase === undefined ? [] : ['--passphrase', passphrase])
  const peers = new Set<RawPeer>()
  let witnesses: Witnesses | null = null
  let sampler: RssSampler | null = null
  try {
    witnesses = await Witnesses.join(room.url, 3, passphrase)
    const pid = room.host.child.pid as number
    await sleep(300)
    const before = rssOf(pid) ?? 0
    sampler = new RssSampler(pid)
    let sent = ''
    const context: AttackContext = {
      room,
      peers,
      observer: witnesses.clients[0] as TestClient,
      check,
      report: (line) => (sent = line),
    }
    await attack.setup?.(context)
    witnesses.start()
    await sleep(300)
    const started = performance.now()
    await attack.run(context)
    const left = MIN_WITNESS_MS - (performance.now() - started)
    if (left > 0) await sleep(left)
    await witnesses.stop()
    for (const peer of peers) peer.destroy()
    await sleep(300)
    sampler.stop()
    const after = rssOf(pid) ?? 0
    rows.push({
      attack: attack.name,
      sent,
      witnessChats: witnesses.sent,
      maxLatencyMs: Math.round(witnesses.maxLatencyMs),
      rssBeforeMB: Math.round(before / MB),
      rssPeakMB: Math.round(sampler.peak / MB),
      rssAfterMB: Math.round(after / MB),
    })
    witnesses.check(check)
    // The attackers are gone; the witnesses are all that is left of the room.
    await eventually(async () => (await room.members()) === 3, 'only the witnesses', PATIENCE_MS)
    if (MEASURE_MEMORY) {
      expect(sampler.peak - before, 'RSS growth during the attack').toBeLessThan(RSS_GROWTH_LIMIT)
      expect(after - before, 'RSS growth after the attack').toBeLessThan(RSS_GROWTH_LIMIT)
    }
  } finally {
    sampler?.stop()
    witnesses?.close()
    for (const peer of peers) peer.destroy()
    await room.stop()
  }
}

describe('hostile peers: the room goes on while', () => {
  for (const attack of peerAttacks()) {
    it(attack.title, () => underAttack(attack))
  }
})
