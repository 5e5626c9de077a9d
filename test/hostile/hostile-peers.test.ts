/**
 * Hostile peers: the hub's limits hold against each attack in the list of issue #7, while
 * well-behaved members (the witnesses) keep chatting undisturbed, and the hub's memory stays
 * bounded.
 *
 * The hub runs as `lanroom host` in its own process, with the default limits, so that its
 * resident memory (RSS, from /proc) can be read apart from this process, which plays both the
 * witnesses and the attackers. Each attack is bounded by a count and a deadline and stops by
 * itself; every connection goes to 127.0.0.1.
 *
 * Memory bound: RSS may grow by at most RSS_GROWTH_LIMIT over its level before the attack.
 * What the hub may hold by design is far less: one member's backlog is at most
 * LIMITS.maxBufferedBytes (4 MiB) of frames that every member shares (broadcasts, and the
 * history in welcomes), frames made for one member alone (errors, member lists) are at most
 * LIMITS.maxTotalUniqueBytes (32 MiB) for all members together, and connections of every
 * kind are bounded in number. The rest of the margin is for V8, whose heap grows under load
 * before it collects. The measured growth is in the summary table printed at the end.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_CODES, LIMITS } from '../../src/shared/protocol'
import { assertBuilt } from '../support/cli'
import { TestClient, cid, signedHello, waitFor } from '../support/ws-client'
import { clientStartLogin } from '../../src/main/security/passphrase'
import {
  HOST,
  RawPeer,
  RssSampler,
  UPGRADE_REQUEST,
  Witnesses,
  chatFrame,
  eventually,
  frame,
  helloFrame,
  inBatches,
  openRoom,
  randomId,
  rssOf,
  sleep,
  type Room,
} from './support'

const MB = 1024 * 1024
const RSS_GROWTH_LIMIT = 100 * MB
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

interface Attack {
  room: Room
  peers: Set<RawPeer>
  witnesses: Witnesses
  /** Set by the attack: a line saying what it sent, for the summary table. */
  report: (sent: string) => void
}

const MEASURE_MEMORY = rssOf(process.pid) !== null
if (!MEASURE_MEMORY) console.warn('hostile peers: no /proc here, so memory is not checked')

/**
 * Runs an attack against a fresh room with three witnesses chatting, then checks it all.
 * `setup` prepares the room before the witnesses start chatting (legitimate traffic that is
 * not the attack, such as a long history); the memory bounds cover it too.
 */
async function underAttack(
  name: string,
  attack: (a: Attack) => Promise<void>,
  { passphrase, setup }: { passphrase?: string; setup?: (a: Attack) => Promise<void> } = {},
): Promise<void> {
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
    const context: Attack = { room, peers, witnesses, report: (line) => (sent = line) }
    await setup?.(context)
    witnesses.start()
    await sleep(300)
    const started = performance.now()
    await attack(context)
    const left = MIN_WITNESS_MS - (performance.now() - started)
    if (left > 0) await sleep(left)
    await witnesses.stop()
    for (const peer of peers) peer.destroy()
    await sleep(300)
    sampler.stop()
    const after = rssOf(pid) ?? 0
    rows.push({
      attack: name,
      sent,
      witnessChats: witnesses.sent,
      maxLatencyMs: Math.round(witnesses.maxLatencyMs),
      rssBeforeMB: Math.round(before / MB),
      rssPeakMB: Math.round(sampler.peak / MB),
      rssAfterMB: Math.round(after / MB),
    })
    witnesses.check()
    // The attackers are gone; the witnesses are all that is left of the room.
    await eventually(async () => (await room.members()) === 3, 5_000, 'only the witnesses')
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
  it('many peers send oversized frames', async () => {
    await underAttack('oversized frames', async ({ room, peers, report }) => {
      const deadline = performance.now() + 5_000
      const big = Buffer.alloc(LIMITS.maxFrameBytes + 1, 0x61)
      const variants = [
        // A header announcing 1 GiB, followed by a first slice of it.
        (p: RawPeer) => p.write(frame(Buffer.alloc(64 * 1024, 0x61), { declaredLength: 2 ** 30 })),
        // Exactly one byte over the limit.
        (p: RawPeer) => p.write(frame(big)),
        // Fragments that are each small but add up to more than the limit.
        (p: RawPeer) => {
          const piece = Buffer.alloc(16 * 1024, 0x61)
          p.write(frame(piece, { fin: false }))
          for (let i = 0; i < 5; i++) p.write(frame(piece, { opcode: 0x0, fin: i === 4 }))
        },
      ]
      const codes: Array<number | null> = []
      const done = await inBatches(150, 25, deadline, async (i) => {
        const peer =
          i % 2 === 0
            ? await RawPeer.upgraded(room.port, peers)
            : await RawPeer.member(room.port, peers, `Big ${i}`)
        ;(variants[i % variants.length] as (p: RawPeer) => void)(peer)
        codes.push(await peer.closeCodeThenLeave(3_000))
      })
      report(`${done} connections × 64 KiB+1 frames / 1 GiB headers / 80 KiB of fragments`)
      expect(codes.every((code) => code === CLOSE_CODES.messageTooBig)).toBe(true)
    })
  })

  it('many members flood chats and typing far beyond the rate limit, without reading', async () => {
    await underAttack('chat and typing floods', async ({ room, peers, witnesses, report }) => {
      const FLOODERS = 30
      const TYPISTS = 10
      const flooders: RawPeer[] = []
      await inBatches(FLOODERS + TYPISTS, 20, performance.now() + 5_000, async (i) => {
        flooders.push(await RawPeer.member(room.port, peers, `Flood ${i}`))
      })
      for (const peer of flooders) peer.stopReading()
      const started = performance.now()
      const text = 'f'.repeat(1_000)
      let frames = 0
      for (let wave = 0; wave < 3; wave++) {
        for (const [i, peer] of flooders.entries()) {
          const batch: Buffer[] = []
          for (let k = 0; k < 300; k++) {
            batch.push(
              i < FLOODERS
                ? chatFrame(`f${i}-${wave}-${k}`, text)
                : frame(JSON.stringify({ type: 'typing', active: k % 2 === 0 })),
            )
          }
          frames += batch.length
          peer.write(Buffer.concat(batch))
        }
        await sleep(500)
      }
      const elapsed = (performance.now() - started) / 1000 + 1
      report(`${FLOODERS} chat flooders + ${TYPISTS} typing togglers, ${frames} frames`)
      // The limits held: what reached the witnesses is bounded by the rate and the burst.
      const witness = witnesses.clients[0] as TestClient
      await sleep(500)
      const floodChats = witness.all('chat').filter((c) => c.id.startsWith('f')).length
      expect(floodChats).toBeLessThanOrEqual(
        FLOODERS * (LIMITS.chatBurst + LIMITS.chatsPerSecond * elapsed),
      )
      const typing = witness.all('typing').length
      expect(typing, 'typing relays reaching a witness').toBeLessThanOrEqual(
        TYPISTS * (LIMITS.typingBurst + LIMITS.typingPerSecond * elapsed),
      )
    })
  })

  it('many members never read while the room is busy, and new ones join a long history', async () => {
    const text = '€'.repeat(LIMITS.maxTextLength)
    const talkers: RawPeer[] = []
    // A long history of the largest chats (500 × ~12 kB): each welcome is about 6 MB. Made by
    // 25 members at once before the witnesses start: 6 MB for each of the 28 members to read
    // (and, under TLS, for this process to decrypt) is ordinary traffic, not the attack, and
    // the witnesses' chats would otherwise queue behind it.
    const fillHistory = async ({ room, peers, witnesses }: Attack): Promise<void> => {
      await inBatches(25, 25, performance.now() + 10_000, async (i) => {
        const talker = await RawPeer.member(room.port, peers, `Talker ${i}`)
        talker.discardIncoming()
        talkers.push(talker)
      })
      for (const [i, talker] of talkers.entries()) {
        for (let k = 0; k < LIMITS.chatBurst; k++) talker.write(chatFrame(`h${i}-${k}`, text))
      }
      const witness = witnesses.clients[0] as TestClient
      await waitFor(
        () => witness.all('chat').filter((c) => c.id.startsWith('h')).length >= 500,
        10_000,
        'the history to fill',
      )
    }
    const attack = async ({ room, peers, report }: Attack): Promise<void> => {
      const deadline = performance.now() + 12_000
      // Members that join and never read: their welcomes and the room's traffic pile up.
      const SLOW = 100
      let joined = 0
      await inBatches(SLOW, 25, deadline, async (i) => {
        const peer = await RawPeer.upgraded(room.port, peers)
        peer.stopReading()
        peer.write(peer.hello(`Slow ${i}`))
        joined++
      })
      // Big traffic for them to not read: 8 talkers at the rate limit for 3 s (12 kB chats,
      // ~1 MB/s). Under TLS every reader's copy is encrypted on its own, and the witnesses'
      // process decrypts what the talkers read too: more would measure this test process.
      for (let second = 0; second < 3 && performance.now() < deadline; second++) {
        for (const [i, talker] of talkers.slice(0, 8).entries()) {
          for (let k = 0; k < LIMITS.chatsPerSecond; k++) {
            talker.write(chatFrame(`t${second}-${i}-${k}`, text))
          }
        }
        await sleep(1_000)
      }
      report(`${joined} members that never read; 500 × 12 kB history; 8 talkers at the limit`)
    }
    await underAttack('slow readers', attack, { setup: fillHistory })
  })

  it('thousands of connections are opened and dropped', async () => {
    await underAttack('connection churn', async ({ room, peers, report }) => {
      const deadline = performance.now() + 16_000
      const kinds = [
        // TCP only, dropped at once.
        async (peer: RawPeer) => {
          await peer.opened
        },
        // Half a request, then gone.
        async (peer: RawPeer) => {
          await peer.opened
          peer.write('GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpg')
        },
        // A full upgrade, dropped before hello.
        async (peer: RawPeer) => {
          await peer.opened
          peer.write(UPGRADE_REQUEST())
          await waitFor(() => peer.headEnd() >= 0 || peer.closedByHub, 5_000, '101')
        },
        // A member that says hello and vanishes at once.
        async (peer: RawPeer) => {
          await peer.opened
          peer.write(UPGRADE_REQUEST())
          await waitFor(() => peer.challenge() !== null || peer.closedByHub, 5_000, 'challenge')
          if (!peer.closedByHub) peer.write(peer.hello('Churn'))
        },
      ]
      const done = await inBatches(2_400, 60, deadline, async (i) => {
        // The first two kinds over bare TCP (TLS never starts, or gets half an HTTP request
        // instead of a handshake), the others through TLS.
        const peer = new RawPeer(room.port, peers, { tls: i % kinds.length >= 2 })
        await (kinds[i % kinds.length] as (p: RawPeer) => Promise<void>)(peer)
        // Half reset the connection, half close it politely.
        if (i % 2 === 0) peer.reset()
        else peer.socket.end()
        peers.delete(peer)
      })
      report(`${done} connections opened and dropped, in batches of 60`)
      expect(done).toBeGreaterThanOrEqual(2_000)
    })
  })

  it('hundreds of TCP connections never upgrade, idle or dribbling', async () => {
    await underAttack('idle TCP connections', async ({ room, peers, report }) => {
      const IDLE = 500
      const DRIBBLING = 100
      const idle: RawPeer[] = []
      const opened = performance.now()
      // Half the idle ones never start TLS; the others finish it and then say nothing.
      for (let i = 0; i < IDLE + DRIBBLING; i++) {
        idle.push(new RawPeer(room.port, peers, { tls: i >= IDLE || i % 2 === 1 }))
      }
      await Promise.all(idle.map((peer) => peer.opened.catch(() => {})))
      const dribbling = idle.slice(IDLE)
      for (const peer of dribbling) peer.write('GET /ws HTTP/1.1\r\n')
      // A slowloris: one more header line every 500 ms, forever.
      const drip = setInterval(() => {
        for (const peer of dribbling) peer.write(`X-${randomId()}: y\r\n`)
      }, 500)
      try {
        // Beyond maxHttpConnections, the oldest were closed as the newer ones came...
        await sleep(500)
        const early = idle.filter((peer) => peer.closedByHub).length
        expect(early).toBeGreaterThanOrEqual(IDLE + DRIBBLING - LIMITS.maxHttpConnections)
        // ...so a newcomer can still join, and /info still answers.
        const newcomer = new TestClient(room.url)
        await newcomer.join('Newcomer', cid('newcomer'))
        newcomer.ws.terminate()
        expect(await room.members()).toBeGreaterThanOrEqual(3)
        // The hub lets none of them stay: all are closed within its request timeout.
        await waitFor(
          () => idle.every((peer) => peer.closedByHub),
          LIMITS.httpRequestTimeoutMs + 5_000,
          'the hub to close every idle connection',
        )
        const last = Math.max(...idle.map((peer) => (peer.closedAt ?? 0) - opened))
        report(
          `${IDLE} idle + ${DRIBBLING} dribbling connections; ${early} closed at once by the ` +
            `cap, all by the hub within ${Math.ceil(last / 1000)} s`,
        )
      } finally {
        clearInterval(drip)
      }
    })
  }, 40_000)

  it('upgrade requests are malformed', async () => {
    await underAttack('malformed upgrades', async ({ room, peers, report }) => {
      const key = (): string => `Sec-WebSocket-Key: ${randomId()}AAAAAAAAAA==\r\n`
      const base = `Host: ${HOST}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`
      // [what, bytes, the statuses the hub may answer with]. An upgrade with a body is a
      // valid upgrade: its "body" is then read as WebSocket frames, which are garbage.
      const refused = /^4\d\d$/
      const requests: Array<[string, string | Buffer, RegExp?]> = [
        ['garbage', 'GARBAGE\r\n\r\n'],
        ['binary noise', Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03])],
        [
          'no key',
          `GET /ws HTTP/1.1\r\n${base}Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: lanroom.v1\r\n\r\n`,
        ],
        [
          'bad key',
          `GET /ws HTTP/1.1\r\n${base}Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: lanroom.v1\r\n\r\n`,
        ],
        [
          'wrong version',
          `GET /ws HTTP/1.1\r\n${base}${key()}Sec-WebSocket-Version: 12\r\nSec-WebSocket-Protocol: lanroom.v1\r\n\r\n`,
        ],
        [
          'POST upgrade',
          `POST /ws HTTP/1.1\r\n${base}${key()}Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: lanroom.v1\r\n\r\n`,
        ],
        ['huge header', UPGRADE_REQUEST(`X-Big: ${'b'.repeat(64 * 1024)}\r\n`)],
        ['many headers', UPGRADE_REQUEST(`X-Many: m\r\n`.repeat(4_000))],
        ['null byte', UPGRADE_REQUEST('X-Null: a\u0000b\r\n')],
        ['bad header name', UPGRADE_REQUEST('Bad Header: x\r\n')],
        ['HTTP/0.9', 'GET /ws\r\n\r\n'],
        ['absolute target', UPGRADE_REQUEST().replace('GET /ws', 'GET http://evil.example/ws')],
        ['path traversal', UPGRADE_REQUEST().replace('GET /ws', 'GET /../ws/../ws')],
        ['no subprotocol', UPGRADE_REQUEST().replace('Sec-WebSocket-Protocol: lanroom.v1\r\n', '')],
        [
          'chunked body',
          UPGRADE_REQUEST('Transfer-Encoding: chunked\r\n') + 'ffffffff\r\n' + 'x'.repeat(1000),
          /^(4\d\d|101)$/,
        ],
      ]
      const statuses = new Map<string, Set<string>>()
      const ROUNDS = 12
      await inBatches(requests.length * ROUNDS, 30, performance.now() + 8_000, async (i) => {
        const [name, request, expected = refused] = requests[i % requests.length] as [
          string,
          string | Buffer,
          RegExp?,
        ]
        const peer = new RawPeer(room.port, peers)
        await peer.opened
        peer.write(request)
        // The hub must answer and close, although this peer never closes its side.
        await Promise.race([peer.closed, sleep(4_000)])
        const status = peer.status().split(' ')[1] ?? 'no answer'
        const seen = statuses.get(name) ?? new Set<string>()
        seen.add(`${status}${peer.closedByHub ? '' : ', left open'}`)
        statuses.set(name, seen)
        expect(peer.closedByHub, `${name}: the hub closes the connection`).toBe(true)
        if (name !== 'binary noise') expect(status, name).toMatch(expected)
      })
      report(
        `${requests.length} kinds × ${ROUNDS}: ` +
          [...statuses].map(([name, seen]) => `${name} → ${[...seen].join('/')}`).join('; '),
      )
    })
  })

  it('upgrades come from foreign origins', async () => {
    await underAttack('foreign Origin', async ({ room, peers, report }) => {
      const origins = [
        'http://evil.example',
        'null',
        `https://${HOST}:${room.port}`,
        `http://${HOST}:${room.port}.evil.example`,
        `http://${HOST}:${room.port + 1}`,
        'file://',
      ]
      const seen = new Set<string>()
      const done = await inBatches(240, 30, performance.now() + 6_000, async (i) => {
        const peer = new RawPeer(room.port, peers)
        await peer.opened
        const origin = origins[i % origins.length] as string
        if (i % 12 === 11) {
          // DNS rebinding: the attacker's name in both Origin and Host.
          const rebound = `rebind.example:${room.port}`
          peer.write(UPGRADE_REQUEST(`Origin: http://${rebound}\r\n`).replace(HOST, rebound))
        } else {
          peer.write(UPGRADE_REQUEST(`Origin: ${origin}\r\n`))
        }
        await Promise.race([peer.closed, sleep(4_000)])
        seen.add(`${peer.status()}${peer.closedByHub ? '' : ' (left open)'}`)
      })
      report(`${done} upgrades from ${origins.length + 1} kinds of foreign origin`)
      expect([...seen]).toEqual(['HTTP/1.1 403 Forbidden'])
    })
  })

  it('text frames are not valid UTF-8', async () => {
    await underAttack('invalid UTF-8', async ({ room, peers, report }) => {
      const payloads = [
        Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), // bytes that are never UTF-8
        Buffer.from([0x7b, 0xc0, 0xaf, 0x7d]), // an overlong '/'
        Buffer.from([0x7b, 0xed, 0xa0, 0x80, 0x7d]), // a UTF-16 surrogate, encoded
        Buffer.from([0x7b, 0xf4, 0x90, 0x80, 0x80]), // beyond U+10FFFF
        Buffer.concat([Buffer.from('{"type":"chat","id":"x","text":"caf'), Buffer.from([0xc3])]),
      ]
      const codes = new Set<number | null>()
      const done = await inBatches(120, 30, performance.now() + 6_000, async (i) => {
        const peer =
          i % 2 === 0
            ? await RawPeer.upgraded(room.port, peers)
            : await RawPeer.member(room.port, peers, `Utf ${i}`)
        if (i % 6 === 5) {
          // Split across fragments, so that no single frame shows the damage.
          peer.write(frame(Buffer.from([0x22, 0xe2, 0x82]), { fin: false }))
          peer.write(frame(Buffer.from([0x41, 0x22]), { opcode: 0x0 }))
        } else if (i % 6 === 4) {
          // In the reason of a close frame.
          peer.write(frame(Buffer.from([0x03, 0xe8, 0xff, 0xfe]), { opcode: 0x8 }))
        } else {
          peer.write(frame(payloads[i % payloads.length] as Buffer))
        }
        codes.add(await peer.closeCodeThenLeave(3_000))
      })
      report(`${done} connections sending broken UTF-8 (frames, fragments, close reasons)`)
      expect([...codes]).toEqual([CLOSE_CODES.invalidPayload])
    })
  })

  it('frames carry deeply nested or very wide JSON', async () => {
    await underAttack('deeply nested JSON', async ({ room, peers, report }) => {
      const depth = Math.floor((LIMITS.maxFrameBytes - 100) / 2)
      const wide = Math.floor((LIMITS.maxFrameBytes - 100) / 2)
      const nested = [
        // A valid chat but for an unknown field, which costs as much to parse as the rest.
        `{"type":"chat","id":"w","text":"hi","extra":[${'0,'.repeat(wide - 100)}0]}`,
        '['.repeat(depth) + ']'.repeat(depth),
        '{"a":'.repeat(Math.floor(depth / 3)) + '1' + '}'.repeat(Math.floor(depth / 3)),
        '{"type":"chat","id":"n","text":' + '['.repeat(depth - 40) + ']'.repeat(depth - 40) + '}',
        '{"type":"hello","v":1,"name":"N","clientId":"client-nested","resume":' +
          '{"epoch":'.repeat(4_000) +
          '1' +
          '}'.repeat(4_000) +
          '}',
      ]
      const frames = nested.map((json) => frame(json))
      const codes = new Set<number | null>()
      const done = await inBatches(40, 20, performance.now() + 8_000, async (i) => {
        const peer = await RawPeer.member(room.port, peers, `Deep ${i}`)
        for (let k = 0; k < LIMITS.maxBadFrames + 5; k++) {
          peer.write(frames[(i + k) % frames.length] as Buffer)
        }
        codes.add(await peer.closeCodeThenLeave(5_000))
      })
      report(
        `${done} members × ${LIMITS.maxBadFrames + 5} frames (nested ${depth} deep, ` +
          `${wide - 100} values wide), 64 KiB each`,
      )
      expect([...codes]).toEqual([CLOSE_CODES.tooManyErrors])
    })
  })

  it('frames have unknown or poisonous types', async () => {
    await underAttack('unknown types', async ({ room, peers, report }) => {
      const jsons = [
        '{"type":"dance"}',
        `{"type":"${'x'.repeat(LIMITS.maxFrameBytes - 20)}"}`,
        '{"type":"__proto__"}',
        '{"type":"constructor"}',
        '{"type":"toString"}',
        '{"type":"hasOwnProperty"}',
        '{"__proto__":{"type":"chat","id":"p","text":"polluted"}}',
        '{"type":null}',
        '{"type":["chat"]}',
        '{"type":{"toString":"chat"}}',
        '{"type":"CHAT","id":"c","text":"upper case"}',
        '{"type":"chat ","id":"c","text":"trailing space"}',
        'null',
        '42',
        '',
      ]
      const frames = jsons.map((json) => frame(json))
      const codes = new Set<number | null>()
      const done = await inBatches(40, 20, performance.now() + 6_000, async (i) => {
        const peer = await RawPeer.member(room.port, peers, `Odd ${i}`)
        for (let k = 0; k < LIMITS.maxBadFrames + 5; k++) {
          peer.write(frames[(i + k) % frames.length] as Buffer)
        }
        codes.add(await peer.closeCodeThenLeave(5_000))
        const errors = peer.messages().filter((m) => m['type'] === 'error')
        expect(errors.length).toBe(LIMITS.maxBadFrames)
      })
      report(`${done} members × ${LIMITS.maxBadFrames + 5} frames of ${frames.length} kinds`)
      expect([...codes]).toEqual([CLOSE_CODES.tooManyErrors])
    })
  })

  it('peers send binary frames and abuse control frames', async () => {
    await underAttack('binary and control frames', async ({ room, peers, report }) => {
      const kinds: Array<[string, (p: RawPeer) => void, number]> = [
        ['binary', (p) => p.write(frame(randomIdBuffer(), { opcode: 0x2 })), 1003],
        ['ping over 125 bytes', (p) => p.write(frame(Buffer.alloc(126), { opcode: 0x9 })), 1002],
        [
          'fragmented ping',
          (p) => p.write(frame(Buffer.alloc(4), { opcode: 0x9, fin: false })),
          1002,
        ],
        ['reserved opcode', (p) => p.write(frame('{}', { opcode: 0x3 })), 1002],
        ['RSV1 without an extension', (p) => p.write(frame('{}', { rsv: 4 })), 1002],
        ['unmasked', (p) => p.write(frame('{}', { mask: false })), 1002],
        ['continuation first', (p) => p.write(frame('{}', { opcode: 0x0 })), 1002],
      ]
      const done = await inBatches(160, 32, performance.now() + 8_000, async (i) => {
        const [name, send, expected] = kinds[i % kinds.length] as (typeof kinds)[number]
        const peer =
          i % 2 === 0
            ? await RawPeer.upgraded(room.port, peers)
            : await RawPeer.member(room.port, peers, `Ctl ${i}`)
        send(peer)
        expect(await peer.closeCodeThenLeave(4_000), name).toBe(expected)
      })
      // Pings whose pongs are never read: 5 MB of them, past what the kernel buffers hide.
      const ping = frame(Buffer.alloc(125, 0x70), { opcode: 0x9 })
      const pings = Buffer.concat(Array.from({ length: 40_000 }, () => ping))
      const flooders = await Promise.all(
        Array.from({ length: 4 }, () => RawPeer.upgraded(room.port, peers)),
      )
      for (const peer of flooders) {
        peer.stopReading()
        peer.write(pings)
      }
      await sleep(2_000)
      for (const peer of flooders) peer.socket.resume()
      await Promise.all(flooders.map((peer) => Promise.race([peer.closed, sleep(5_000)])))
      expect(flooders.map((peer) => peer.closedByHub)).toEqual([true, true, true, true])
      report(
        `${done} connections: ${kinds.map(([name]) => name).join(', ')}; ` +
          `4 × 40,000 pings whose pongs are never read`,
      )
    })
  })

  it('hellos carry hostile names and client ids', async () => {
    await underAttack('hostile hellos', async ({ room, peers, witnesses, report }) => {
      const refused: Array<[string, unknown, unknown]> = [
        ['right-to-left override', 'Alice\u202eecilA', undefined],
        ['isolate', 'Bob\u2066x', undefined],
        ['10,000 characters', 'n'.repeat(10_000), undefined],
        ['null byte', 'Eve\u0000', undefined],
        ['C1 control', 'Eve\u0085', undefined],
        ['lone surrogate', 'Eve\ud800', undefined],
        ['blank', '   ', undefined],
        ['not a string', { toString: 'Eve' }, undefined],
        ['number', 42, undefined],
        ['client id too long', 'Eve', 'c'.repeat(10_000)],
        ['client id with spaces', 'Eve', 'client id with spaces'],
        ['client id not ASCII', 'Eve', 'client-ümlaut'],
        ['client id a number', 'Eve', 12345678],
      ]
      // Well-formed ids nobody can prove: refused as unproven (4009).
      const unprovable: Array<[string, string, string]> = [
        ['prototype id', 'Proto', '__proto__'],
        ['constructor id', 'Ctor', 'constructor'],
        ['a witness id', 'Witness 0', cid('w0')],
      ]
      // Odd but harmless: accepted as text, never interpreted (the app escapes them).
      const accepted: Array<[string, string, string]> = [
        ['markup', '<img src=x onerror=alert(1)>', cid('markup')],
      ]
      const codes = new Set<number | null>()
      const done = await inBatches(
        refused.length * 10,
        26,
        performance.now() + 6_000,
        async (i) => {
          const [, name, clientId] = refused[i % refused.length] as [string, unknown, unknown]
          const peer = await RawPeer.upgraded(room.port, peers)
          peer.write(peer.hello(name, clientId ?? cid(`h${randomId()}`)))
          codes.add(await peer.closeCodeThenLeave(3_000))
        },
      )
      const unproven = new Set<number | null>()
      for (const [, name, clientId] of unprovable) {
        const peer = await RawPeer.upgraded(room.port, peers)
        // Signed, but not by the holder of the id's key.
        const { nonce, fingerprint } = peer.challenge() as { nonce: string; fingerprint: string }
        const mallory = signedHello(nonce, fingerprint, name, cid('mallory'))
        peer.write(frame(JSON.stringify({ ...mallory, clientId })))
        unproven.add(await peer.closeCodeThenLeave(3_000))
      }
      expect([...unproven]).toEqual([CLOSE_CODES.identityUnproven])
      for (const [, name, clientId] of accepted) {
        const peer = await RawPeer.upgraded(room.port, peers)
        peer.write(peer.hello(name, clientId))
        await waitFor(() => peer.messages().some((m) => m['type'] === 'welcome'), 5_000, name)
        peer.destroy()
      }
      report(`${done} hellos of ${refused.length} refused kinds; ${accepted.length} odd but valid`)
      expect([...codes]).toEqual([CLOSE_CODES.badHello])
      const names = (witnesses.clients[0] as TestClient)
        .all('joined')
        .map((j) => j.member.name)
        .filter((name) => !name.startsWith('Witness'))
      expect(names.sort()).toEqual(accepted.map(([, name]) => name).sort())
    })
  })

  it('the handshake is abused: challenges never answered, forged proofs, guessed and unfinished passphrase logins', async () => {
    const PASSPHRASE = 'correct horse battery staple'
    await underAttack(
      'handshake abuse',
      async ({ room, peers, report }) => {
        // Upgraded, challenged, and then silent: closed when the hello timeout runs out.
        const silent = await Promise.all(
          Array.from({ length: 20 }, () => RawPeer.upgraded(room.port, peers)),
        )
        const kinds: Array<[string, (peer: RawPeer) => void, number]> = [
          // A proof made for another connection's nonce.
          [
            'replayed proof',
            (peer) =>
              peer.write(helloFrame({ nonce: 'x'.repeat(43), fingerprint: null }, 'Replay')),
            CLOSE_CODES.identityUnproven,
          ],
          // Somebody else's id with one's own key.
          [
            'copied id',
            (peer) => {
              const { nonce, fingerprint } = peer.challenge() as {
                nonce: string
                fingerprint: string
              }
              const mallory = signedHello(nonce, fingerprint, 'Mallory', cid('mallory'))
              peer.write(frame(JSON.stringify({ ...mallory, clientId: cid('w0') })))
            },
            CLOSE_CODES.identityUnproven,
          ],
          // No login in a passphrase room.
          ['no passphrase', (peer) => peer.write(peer.hello('Nopass')), CLOSE_CODES.passphrase],
        ]
        const codes = new Map<string, Set<number | null>>()
        const done = await inBatches(
          kinds.length * 30,
          kinds.length * 5,
          performance.now() + 6_000,
          async (i) => {
            const [label, act] = kinds[i % kinds.length] as (typeof kinds)[number]
            const peer = await RawPeer.upgraded(room.port, peers)
            act(peer)
            const code = await peer.closeCodeThenLeave(3_000)
            codes.set(label, (codes.get(label) ?? new Set()).add(code))
          },
        )
        expect(Object.fromEntries([...codes].map(([label, set]) => [label, [...set]]))).toEqual(
          Object.fromEntries(kinds.map(([label, , expected]) => [label, [expected]])),
        )
        // A login request that is not one: refused, and it counts as a guess.
        const garbage = await RawPeer.upgraded(room.port, peers)
        garbage.write(garbage.hello('Garbage', undefined, { login: 'A'.repeat(96) }))
        expect(await garbage.closeCodeThenLeave(3_000)).toBe(CLOSE_CODES.badHello)
        // Logins started and never finished: each takes one of this address's guesses.
        const unfinished: RawPeer[] = []
        for (let i = 1; i < LIMITS.passphraseAttemptBurst; i++) {
          const peer = await RawPeer.upgraded(room.port, peers)
          peer.write(
            peer.hello(`Half ${i}`, undefined, { login: clientStartLogin(PASSPHRASE).request }),
          )
          unfinished.push(peer)
        }
        await waitFor(
          () => unfinished.every((p) => p.messages().some((m) => m['type'] === 'login')),
          5_000,
          'login responses',
        )
        // This address has used up its guesses: even the right passphrase has to wait.
        const late = new TestClient(room.url)
        await expect(late.joinWithPassphrase('Late', cid('late'), PASSPHRASE)).rejects.toThrow(
          /closed \(4011/,
        )
        expect(late.all('error')[0]).toMatchObject({ code: 'too_many_attempts' })
        // The unanswered challenges and the unfinished logins end with the hello timeout.
        const timedOut = await Promise.all(
          [...silent, ...unfinished].map((peer) =>
            peer.closeCodeThenLeave(LIMITS.helloTimeoutMs + 3_000),
          ),
        )
        expect(new Set(timedOut)).toEqual(new Set([CLOSE_CODES.helloTimeout]))
        report(
          `${done} hellos with forged or missing proofs; 20 challenges never answered; ` +
            `${unfinished.length} logins left unfinished and a garbage one; guesses throttled`,
        )
      },
      { passphrase: PASSPHRASE },
    )
  }, 60_000)

  it('passphrase guesses come from many addresses, with garbage and out-of-order logins', async () => {
    const PASSPHRASE = 'correct horse battery staple'
    const ADDRESSES = 16
    await underAttack(
      'passphrase guessing',
      async ({ room, peers, report }) => {
        const deadline = performance.now() + 20_000
        // Each address spends its burst of guesses in three ways: a wrong passphrase with a
        // made-up KE3 (the client itself could not finish), a KE3 that is not even base64url,
        // and a login left after KE2 (OPAQUE tells the client right or wrong from KE2 alone).
        const garbageFinish = (): Record<string, unknown> => ({
          type: 'login_finish',
          finish: randomBytes(96).toString('base64url'),
        })
        const guesses: Array<[string, Record<string, unknown> | null, number | null]> = [
          ['made-up KE3', null, CLOSE_CODES.passphrase],
          [
            'not base64url',
            { type: 'login_finish', finish: '!'.repeat(64) },
            CLOSE_CODES.passphrase,
          ],
          ['left after KE2', null, null],
        ]
        const codes = new Map<string, Set<number | null>>()
        const throttled: Array<number | null> = []
        const refusals: unknown[] = []
        let logins = 0
        const sprayed = await inBatches(ADDRESSES, 4, deadline, async (a) => {
          const localAddress = `127.0.3.${a + 1}`
          for (let g = 0; g < LIMITS.passphraseAttemptBurst; g++) {
            const [label, finish, expected] = guesses[
              g % guesses.length
            ] as (typeof guesses)[number]
            const peer = await RawPeer.upgraded(room.port, peers, { localAddress })
            peer.write(
              peer.hello(`Guess ${a}-${g}`, undefined, {
                login: clientStartLogin(`guess ${a}-${g}`).request,
              }),
            )
            await waitFor(
              () => peer.messages().some((m) => m['type'] === 'login') || peer.closedByHub,
              5_000,
              'KE2',
            )
            logins += 1
            if (expected === null) {
              // Leaves without a word: it has learnt what it came for.
              peer.destroy()
              continue
            }
            peer.write(frame(JSON.stringify(finish ?? garbageFinish())))
            const code = await peer.closeCodeThenLeave(3_000)
            codes.set(label, (codes.get(label) ?? new Set()).add(code))
            const error = peer.messages().find((m) => m['type'] === 'error')
            expect(error, label).toMatchObject({ code: 'wrong_passphrase' })
          }
          // The burst is spent: this address now waits, whatever it sends.
          const peer = await RawPeer.upgraded(room.port, peers, { localAddress })
          peer.write(
            peer.hello(`Guess ${a}-more`, undefined, { login: clientStartLogin('more').request }),
          )
          throttled.push(await peer.closeCodeThenLeave(3_000))
          refusals.push(peer.messages().find((m) => m['type'] === 'error')?.['code'])
        })
        expect(sprayed).toBe(ADDRESSES)
        expect(Object.fromEntries([...codes].map(([label, set]) => [label, [...set]]))).toEqual({
          'made-up KE3': [CLOSE_CODES.passphrase],
          'not base64url': [CLOSE_CODES.passphrase],
        })
        expect(new Set(throttled)).toEqual(new Set([CLOSE_CODES.tooManyAttempts]))
        expect(new Set(refusals)).toEqual(new Set(['too_many_attempts']))
        // login_finish with no login: a malformed frame each, until the hub has had enough.
        const early = await RawPeer.upgraded(room.port, peers, { localAddress: '127.0.4.1' })
        for (let i = 0; i < LIMITS.maxBadFrames; i++)
          early.write(frame(JSON.stringify(garbageFinish())))
        expect(await early.closeCodeThenLeave(3_000)).toBe(CLOSE_CODES.tooManyErrors)
        expect(early.messages().find((m) => m['type'] === 'error')).toMatchObject({
          code: 'hello_required',
        })
        // Somebody who knows the passphrase, from an address that has not guessed, gets in.
        const newcomer = new TestClient(room.url, { localAddress: '127.0.5.1' })
        try {
          const welcome = await newcomer.joinWithPassphrase('Newcomer', cid('newcomer'), PASSPHRASE)
          expect(welcome.members.map((m) => m.name)).toContain('Newcomer')
        } finally {
          newcomer.ws.terminate()
        }
        report(
          `${logins} logins from ${ADDRESSES} addresses (made-up KE3, not base64url, left ` +
            `after KE2), each address throttled after ${LIMITS.passphraseAttemptBurst}; ` +
            `${LIMITS.maxBadFrames} login_finish without a login`,
        )
      },
      { passphrase: PASSPHRASE },
    )
  }, 60_000)
})

function randomIdBuffer(): Buffer {
  return Buffer.from(randomId())
}
