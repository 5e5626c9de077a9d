/**
 * What a hostile hub does to the app that joins it, one attack per entry: the list the
 * hostile-hub suite checks (test/hostile/hostile-hub.test.ts) and its benchmark measures
 * (bench/hostile-hub.ts). Each attack runs on the fake hub's first connection, after a normal
 * welcome unless it answers the hello itself; later connections (reconnects) get a normal
 * welcome.
 */
import { LIMITS } from '../../src/shared/protocol'
import {
  FakeHub,
  HOST_MEMBER,
  chatJson,
  crowd,
  fakeClientId,
  history,
  infoBody,
  joinedFrame,
  leftFrame,
  typingFrame,
  type FakePeer,
  type InfoHandler,
} from './fake-hub'
import type { HostileApp } from './hostile-app'

export interface HubAttack {
  name: string
  /** What the first connection does after its hello. */
  run: (peer: FakePeer) => Promise<void>
  /** The attack answers the hello itself (no normal welcome first). */
  ownWelcome?: boolean
  /**
   * How it ends for the connection: `connected` (the session goes on, perhaps after a
   * reconnect), `closed` (the room is over), `refused` (the join fails), or `either` (a
   * welcome the client may take or refuse).
   */
  outcome: 'connected' | 'closed' | 'refused' | 'either'
}

const MB = 1024 * 1024
/** Characters the protocol rules out of chat text (C0/C1 controls but tab and line feed, and
 * the bidirectional controls), as the hub refuses them. */
export const FORBIDDEN_IN_TEXT =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u
/** Characters that make a name look like another or like nothing: invisible, bidi, tags. */
export const INVISIBLE_IN_NAME =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u00ad\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\u3164\ufeff\uffa0\u{e0000}-\u{e007f}]/u

const BIDI_CHAT =
  'Pay \u202eyalp\u202c to \u2066evil\u2069 \u200b\u200c\u200d\u200e\u200f \u2028\u00ad\u3164' +
  '\u{e0041}\u{e0064}\u{e0061}\u0007\u001b[31m'
const IMPERSONATORS = [
  'Ada\u200b',
  'Ada\u00ad',
  'A\u200dda',
  'Ada\u{e0020}',
  '\u200b\u200b\u200b',
  '\u3164',
  'Ada\u2028',
  'Ada\u2060',
]

function* repeat<T>(count: number, make: (i: number) => T): Generator<T> {
  for (let i = 0; i < count; i++) yield make(i)
}

export const HUB_ATTACKS: HubAttack[] = [
  {
    name: 'an error message of 100,000 characters',
    outcome: 'connected',
    run: (peer) =>
      peer.send({ type: 'error', code: 'invalid_message', message: 'E'.repeat(100_000) }),
  },
  {
    name: 'a closing message of 100,000 characters',
    outcome: 'closed',
    run: async (peer) => {
      await peer.send({ type: 'closing', reason: 'host_stopped', message: 'C'.repeat(100_000) })
      peer.close(1001, 'bye')
    },
  },
  {
    name: 'a refusal of 100,000 characters',
    outcome: 'refused',
    ownWelcome: true,
    run: async (peer) => {
      await peer.send({ type: 'error', code: 'invalid_message', message: 'R'.repeat(100_000) })
      peer.close(4006, 'bad hello')
    },
  },
  {
    name: 'a frame of 33 MiB, over what a client takes',
    outcome: 'connected',
    run: (peer) =>
      peer.send(`{"type":"error","code":"invalid_message","message":"${'B'.repeat(33 * MB)}"}`),
  },
  {
    name: 'a frame of 15 MiB that is not JSON',
    outcome: 'connected',
    run: (peer) => peer.send(`{"type":"chat","text":"${'J'.repeat(15 * MB)}`),
  },
  {
    name: '10,000 unreadable frames',
    outcome: 'connected',
    run: async (peer) => {
      await peer.sendAll(repeat(10_000, (i) => `{"type":"chat","seq":"not a number ${i}"}`))
    },
  },
  {
    name: '20,000 typing frames from 2,000 strangers',
    outcome: 'connected',
    run: async (peer) => {
      await peer.sendAll(
        repeat(20_000, (i) =>
          typingFrame(fakeClientId(i % 2_000, 'typist'), `Typist ${i % 2_000}`),
        ),
      )
    },
  },
  {
    name: '10,000 members joining then leaving',
    outcome: 'connected',
    run: async (peer) => {
      const id = (i: number): string => fakeClientId(i, 'visitor')
      // More than a room holds on all its hubs (maxRoomMembers): the client keeps no more.
      await peer.sendAll(repeat(10_000, (i) => joinedFrame(id(i), `Visitor ${i}`)))
      await peer.sendAll(repeat(10_000, (i) => leftFrame(id(i), `Visitor ${i}`)))
    },
  },
  {
    name: 'a welcome at every limit (8,192 members, 500 chats of 4,000 characters)',
    outcome: 'connected',
    ownWelcome: true,
    run: (peer) =>
      peer.send(
        peer.welcome({
          members: crowd(LIMITS.maxRoomMembers - 2),
          history: history(LIMITS.historySize, LIMITS.maxTextLength),
        }),
      ),
  },
  {
    name: 'a welcome of 150,000 members (9.7 MB), then 200 typing frames',
    outcome: 'either',
    ownWelcome: true,
    run: async (peer) => {
      await peer.send(peer.welcome({ members: crowd(150_000), history: history(600, 100) }))
      await peer.sendAll(
        repeat(200, (i) => typingFrame(HOST_MEMBER.clientId, HOST_MEMBER.name, i % 2 === 0)),
      )
    },
  },
  {
    name: '5,000 chats in a room of 1,000 people',
    outcome: 'connected',
    ownWelcome: true,
    run: async (peer) => {
      await peer.send(peer.welcome({ members: crowd(998) }))
      await peer.sendAll(repeat(5_000, (i) => chatJson(i + 1, `Flood ${i}`)))
    },
  },
  {
    name: 'a chat full of bidirectional overrides, invisible and control characters',
    outcome: 'connected',
    run: (peer) => peer.send(chatJson(1, BIDI_CHAT)),
  },
  {
    name: 'names that impersonate "Ada" or show nothing',
    outcome: 'connected',
    run: async (peer) => {
      await peer.send(joinedFrame(fakeClientId(0, 'ada'), 'Ada'))
      for (const [i, name] of IMPERSONATORS.entries()) {
        const id = fakeClientId(i + 1, 'ada')
        await peer.send(joinedFrame(id, name))
        await peer.send(typingFrame(id, name))
        await peer.send(chatJson(i + 1, 'It is me, Ada', { clientId: id, name, host: false }))
      }
    },
  },
]

/** /info bodies that are too big, too slow, or lie. */
export const INFO_ATTACKS: Record<string, InfoHandler> = {
  '50 MB': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    const chunk = Buffer.alloc(MB, 0x20)
    let sent = 0
    const more = (): void => {
      while (sent < 50 && !res.destroyed) {
        sent += 1
        if (!res.write(chunk)) return void res.once('drain', more)
      }
      res.end()
    }
    more()
  },
  'one byte every 500 ms': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 500)
    res.once('close', () => clearInterval(timer))
  },
  'a name of 10,000 characters': (_req, res) => {
    res.writeHead(200).end(infoBody({ name: 'N'.repeat(10_000) }))
  },
  'a lying member count, room id and certificate': (_req, res) => {
    res.writeHead(200).end(
      infoBody({
        members: 1e15,
        roomId: 'another-room',
        tls: true,
        fingerprint: 'ab'.repeat(32),
      }),
    )
  },
  'nested 8,000 deep': (_req, res) => {
    res.writeHead(200).end(`${'['.repeat(8_000)}${']'.repeat(8_000)}`)
  },
}

// ------------------------------------------------------------------ running one

/** Every hub attack gets at most this long to be taken in (a safety net: typically < 2 s). */
export const ATTACK_DEADLINE_MS = 60_000

let markers = 0

/** What taking an attack in needs of the hub: the fake hub here, or one in another process. */
export interface AttackingHub {
  readonly url: string
  /** Resolves once the attack has sent everything. */
  settled(): Promise<void>
  /** Sends a chat from the host on the newest connection. */
  chat(seq: number, text: string): Promise<void>
}

/** A fake hub that runs `attack` on its first connection and welcomes the later ones. */
export function attackingHub(attack: HubAttack): Promise<FakeHub> {
  return FakeHub.start({
    script: async (peer) => {
      if (peer.index > 1) return peer.send(peer.welcome())
      if (!attack.ownWelcome) await peer.send(peer.welcome())
      await attack.run(peer)
    },
  })
}

/**
 * Joins `hub` and waits until the app has taken in everything it sent (a chat sent after the
 * attack has reached the window, or the join or the room has ended as the attack meant).
 * Resolves with whether the join succeeded.
 */
export async function takeIn(
  app: HostileApp,
  hub: AttackingHub,
  attack: HubAttack,
): Promise<boolean> {
  const joined = await app.command('joinAddress', { address: hub.url })
  await hub.settled()
  const deadline = ATTACK_DEADLINE_MS
  if (joined.ok && (attack.outcome === 'connected' || attack.outcome === 'either')) {
    await app.recorder.until(
      () => app.recorder.latest?.room?.connection.status === 'connected',
      deadline,
      'the room to be connected after the attack',
    )
    await sync(app, hub)
  } else if (!joined.ok) {
    await app.recorder.until(
      () => (app.recorder.latest?.joinFailure ?? null) !== null,
      deadline,
      'the window to be told why the join failed',
    )
  } else if (attack.outcome === 'closed') {
    await app.recorder.until(
      () => app.recorder.latest?.room?.connection.status === 'closed',
      deadline,
      'the room to be closed',
    )
  }
  return joined.ok
}

/**
 * Sends a chat after whatever was sent before and waits until the window has it. The attack
 * may have made the app reconnect: the chat goes on the newest connection, again on a newer
 * one if it does not arrive.
 */
export async function sync(app: HostileApp, hub: AttackingHub): Promise<number> {
  const started = performance.now()
  for (;;) {
    const text = `marker ${++markers}`
    await hub.chat(1_000_000 + markers, text)
    const left = ATTACK_DEADLINE_MS - (performance.now() - started)
    if (left <= 0) throw new Error(`the app never took in "${text}"`)
    try {
      await app.recorder.until(() => app.recorder.sawText(text), Math.min(left, 2_000), text)
      return performance.now() - started
    } catch {
      // Sent on a connection that was going away, or the app is still busy: once more.
    }
  }
}
