/**
 * The protocol's limits where hub and client meet, with a real hub on loopback: lengths counted
 * in graphemes and bounded in bytes, the name rule, a login sent to an open room, and every
 * message the hub writes fitting what a client accepts (LIMITS.maxReasonLength/Bytes).
 */
import WebSocket from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import { canSend, lengthHint } from '../../src/renderer/src/lib/composer'
import { clientStartLogin } from '../../src/main/security/passphrase'
import { peerFingerprint } from '../../src/main/security/tls'
import { HubError } from '../../src/main/hub'
import { SILENT_LOGGER } from '../../src/main/hub/logger'
import { RoomStore } from '../../src/main/hub/room-store'
import {
  CLOSE_CODES,
  ERROR_CODES,
  LIMITS,
  SCHEMAS,
  SUBPROTOCOL,
  UNNAMED,
  graphemeLength,
  sameNameKey,
  utf8Length,
  type ChatEvent,
} from '../../src/shared/protocol'
import { TestClient, cid, signedHello, startTestHub, tempDir } from '../support/ws-client'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function hub(options: Parameters<typeof startTestHub>[0] = {}) {
  const started = await startTestHub(options)
  cleanups.push(started.stop)
  return started
}

function client(url: string): TestClient {
  const c = new TestClient(url)
  cleanups.push(() => c.ws.terminate())
  return c
}

async function member(url: string, name: string): Promise<TestClient> {
  const c = client(url)
  await c.join(name, cid(name))
  return c
}

/**
 * A client that keeps every frame as the hub wrote it, unchecked: for frames the test client's
 * own validation would throw on. Sends what it is given, raw.
 */
class RawClient {
  readonly ws: WebSocket
  readonly frames: string[] = []
  fingerprint: string | null = null
  readonly closed: Promise<number>
  private readonly challenge: Promise<{ nonce: string }>

  constructor(url: string) {
    this.ws = new WebSocket(url, SUBPROTOCOL, {
      rejectUnauthorized: false,
      maxPayload: LIMITS.maxHubFrameBytes,
    })
    this.ws.once('upgrade', (res) => {
      this.fingerprint = peerFingerprint(res.socket)
    })
    this.ws.on('message', (data) => this.frames.push(String(data)))
    this.ws.on('error', () => {})
    this.closed = new Promise((resolve) => this.ws.once('close', (code) => resolve(code)))
    this.challenge = new Promise((resolve) =>
      this.ws.once('message', (data) => resolve(JSON.parse(String(data)) as { nonce: string })),
    )
    cleanups.push(() => this.ws.terminate())
  }

  async hello(name: string, clientId: string): Promise<void> {
    const { nonce } = await this.challenge
    this.send(signedHello(nonce, this.fingerprint, name, clientId))
  }

  send(value: unknown): void {
    this.ws.send(typeof value === 'string' ? value : JSON.stringify(value))
  }

  /** Waits until `count` frames have arrived (or the connection closed). */
  async received(count: number, timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs
    while (this.frames.length < count && this.ws.readyState !== WebSocket.CLOSED) {
      if (Date.now() > deadline) throw new Error(`${this.frames.length} of ${count} frames`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return this.frames
  }
}

describe('lengths at the boundary, against a real hub', () => {
  it('maxTextLength emoji of several code points are stamped; one more is refused; the composer agrees', async () => {
    const { url } = await hub()
    const ada = await member(url, 'Ada')
    const longest = '👍🏽'.repeat(LIMITS.maxTextLength) // 16,000 UTF-16 units, 32,000 bytes
    expect(graphemeLength(longest)).toBe(LIMITS.maxTextLength)
    ada.chat('longest', longest)
    expect((await ada.next('chat')).text).toBe(longest)
    expect(canSend(longest, LIMITS.maxTextLength)).toBe(true)
    expect(lengthHint(longest, LIMITS.maxTextLength).text).toBe('4,000 / 4,000')

    const tooLong = longest + '🇫🇷'
    ada.chat('too-long', tooLong)
    expect(await ada.next('error')).toMatchObject({
      code: ERROR_CODES.invalidMessage,
      id: 'too-long',
      message: 'invalid chat: text: must be at most 4000 characters',
    })
    expect(canSend(tooLong, LIMITS.maxTextLength)).toBe(false)
    expect(lengthHint(tooLong, LIMITS.maxTextLength).text).toBe('1 character too long')
  })

  it('a text within the character limit but beyond maxTextBytes is refused by hub and composer alike', async () => {
    const { url } = await hub()
    const ada = await member(url, 'Ada')
    const family = '👨‍👩‍👧‍👦' // one character, 25 bytes
    const fits = family.repeat(Math.floor(LIMITS.maxTextBytes / utf8Length(family)))
    ada.chat('fits', fits)
    expect((await ada.next('chat')).text).toBe(fits)
    expect(canSend(fits, LIMITS.maxTextLength)).toBe(true)
    const over = fits + family
    ada.chat('over', over)
    expect(await ada.next('error')).toMatchObject({
      id: 'over',
      message: `invalid chat: text: must be at most ${LIMITS.maxTextBytes} bytes of UTF-8`,
    })
    expect(canSend(over, LIMITS.maxTextLength)).toBe(false)
    expect(lengthHint(over, LIMITS.maxTextLength).over).toBe(true)
  })

  it('a name of maxNameLength characters is welcomed; one more, or one byte too many, is refused with 4006', async () => {
    const { url } = await hub()
    const longest = 'e\u0301'.repeat(20) + '😀'.repeat(20) // 40 characters of 80 code points
    const welcomed = await member(url, longest)
    expect(welcomed.all('welcome')[0]?.you.name).toBe(longest)

    for (const [name, problem] of [
      [longest + 'x', 'must be at most 40 characters'],
      ['👍🏽'.repeat(30) + 'é', 'must be at most 240 bytes of UTF-8'],
    ] as const) {
      const refused = client(url)
      await refused.hello(name, cid(`refused ${name}`))
      expect(await refused.next('error')).toMatchObject({
        code: ERROR_CODES.invalidMessage,
        message: `invalid hello: name: ${problem}`,
      })
      expect(await refused.closed).toBe(CLOSE_CODES.badHello)
    }
  })

  it('a room name of maxRoomNameLength characters starts a hub; one more does not', async () => {
    const sixty = '😀'.repeat(30) + 'e\u0301'.repeat(30)
    const { hub: room } = await hub({ roomName: sixty })
    expect(room.roomName).toBe(sixty)
    await expect(hub({ roomName: sixty + 'x' })).rejects.toMatchObject({
      code: 'HUB_ERR_BAD_OPTIONS',
    })
    await expect(hub({ roomName: 'Team\u200b' })).rejects.toBeInstanceOf(HubError)
  })
})

describe('the name rule, against a real hub', () => {
  it('refuses invisible and bidi characters; welcomes emoji sequences and script joiners as they are', async () => {
    const { url } = await hub()
    for (const [name, shown] of [
      ['Ada\u200b', 'U+200B'],
      ['\u3164', 'U+3164'],
      ['A\u202eda', 'U+202E'],
      ['Ada\u{E0041}', 'U+E0041'],
    ] as const) {
      const refused = client(url)
      await refused.hello(name, cid(`invisible ${shown}`))
      expect((await refused.next('error')).message).toBe(
        `invalid hello: name: must not contain invisible or formatting characters (${shown})`,
      )
      expect(await refused.closed).toBe(CLOSE_CODES.badHello)
    }
    const blank = client(url)
    await blank.hello('\u2800\u2800', cid('blank'))
    expect((await blank.next('error')).message).toBe(
      'invalid hello: name: must contain a visible character',
    )

    const witness = await member(url, 'Witness')
    for (const name of ['👩‍💻 Ada', 'می‌خواهم', 'ශ්‍රී', '❤️', '🏴󠁧󠁢󠁳󠁣󠁴󠁿']) {
      const welcomed = await member(url, name)
      expect(welcomed.all('welcome')[0]?.you.name).toBe(name)
      expect((await witness.next('joined')).member.name).toBe(name)
    }
  })

  it('a look-alike that slips through (a name the client repairs) has the same key as the original', () => {
    // What a hub of an earlier version could still send: the client repairs it, and its key
    // matches, so the two members are told apart.
    const repaired = SCHEMAS.member.parse({
      clientId: cid('Mallory'),
      name: 'Ada\u200b',
      host: false,
    })
    expect(repaired.name).toBe('Ada')
    expect(sameNameKey('Ada\u200b')).toBe(sameNameKey('Ada'))
  })
})

describe('history written under an earlier name rule', () => {
  it('is kept whole, its names repaired: no new epoch, nothing cut', async () => {
    const dir = tempDir()
    cleanups.push(dir.remove)
    // A room whose history has chats by "Ada" + a zero-width space and by a wholly invisible
    // name, as a hub of an earlier version stamped them.
    const store = RoomStore.open({
      dataDir: dir.path,
      name: 'Old room',
      keep: LIMITS.dedupeWindow,
      schemas: SCHEMAS,
      logger: SILENT_LOGGER,
    })
    const written: ChatEvent[] = [
      ['Ada\u200b', 'hello'],
      ['\u3164', 'boo'],
      ['Bob', 'hi'],
    ].map(([name, text], i) => ({
      type: 'chat',
      seq: i + 1,
      id: `old${i}`,
      from: cid(`old ${i}`),
      name: name!,
      text: text!,
      ts: 1_700_000_000_000 + i,
    }))
    for (const event of written) store.append(JSON.stringify(event))
    store.close()
    const epoch = store.meta.epoch

    const { url } = await hub({ dataDir: dir.path, roomName: 'Old room' })
    const welcome = await member(url, 'Reader').then((c) => c.all('welcome')[0]!)
    expect(welcome.room.epoch).toBe(epoch)
    expect(welcome.history.map((chat) => [chat.seq, chat.name, chat.text])).toEqual([
      [1, 'Ada', 'hello'],
      [2, UNNAMED, 'boo'],
      [3, 'Bob', 'hi'],
    ])
  })
})

describe('a login sent to a room without a passphrase', () => {
  it('is signed into the transcript, then ignored: welcome at once, no login frame', async () => {
    const { url } = await hub()
    const login = clientStartLogin('not needed here').request
    const c = client(url)
    const challenge = await c.challenged()
    expect(challenge.passphrase).toBe(false)
    c.sendJson(signedHello(challenge.nonce, c.fingerprint, 'Lin', cid('Lin'), { login }))
    const welcome = await c.next('welcome')
    expect(welcome.you.name).toBe('Lin')
    expect(c.all('login')).toEqual([])
  })

  it('a login the signature does not cover is refused: identity_unproven and 4009', async () => {
    const { url } = await hub()
    const login = clientStartLogin('not needed here').request
    const c = client(url)
    const challenge = await c.challenged()
    // Signed over an empty fifth part, then the login added: the transcript differs.
    const hello = signedHello(challenge.nonce, c.fingerprint, 'Lin', cid('Lin'))
    c.sendJson({ ...hello, login })
    expect(await c.next('error')).toMatchObject({
      code: ERROR_CODES.identityUnproven,
      message: 'hello does not prove its client id: the signature does not match',
    })
    expect(await c.closed).toBe(CLOSE_CODES.identityUnproven)
  })
})

describe('what the hub writes fits what a client accepts', () => {
  /** Checks every frame: it validates as the client reads it, and its sentence is bounded. */
  function expectReadable(frames: string[]): number {
    let sentences = 0
    for (const frame of frames) {
      const value = JSON.parse(frame) as { type: string; message?: string }
      const parsed = SCHEMAS.hubMessage.safeParse(value)
      expect(
        parsed.success,
        `${frame.slice(0, 200)}: ${JSON.stringify(parsed.error?.issues)}`,
      ).toBe(true)
      if (value.message === undefined) continue
      sentences += 1
      expect(graphemeLength(value.message), value.message).toBeLessThanOrEqual(
        LIMITS.maxReasonLength,
      )
      expect(utf8Length(value.message), value.message).toBeLessThanOrEqual(LIMITS.maxReasonBytes)
    }
    return sentences
  }

  it('every error a member can provoke, at its longest', async () => {
    const { url } = await hub({ limits: { maxBadFrames: 1000 } })
    const c = new RawClient(url)
    await c.hello('Ada', cid('Ada'))
    const hostile: unknown[] = [
      '{',
      '[]',
      '"text"',
      `[${'['.repeat(300)}`,
      { type: '👨‍👩‍👧‍👦'.repeat(50) },
      { type: 'x'.repeat(60_000) },
      { type: 'hello', v: 1 },
      { type: 'login_finish', finish: 'x' },
      { type: 'typing', active: 'yes'.repeat(1000) },
      { type: 'chat', id: '€'.repeat(200), text: 7 },
      { type: 'chat', id: 'a'.repeat(65), text: '\u200b'.repeat(20_000) },
      { type: 'chat', id: 'ok', text: ' ' },
      { type: 'chat', id: 'ok2', text: '\u202e'.repeat(10_000) },
      { type: 'chat', id: 'ok3', text: '👨‍👩‍👧‍👦'.repeat(2000) },
      { type: 'chat', id: 'ok4', text: '👍🏽'.repeat(4001) },
      { type: 'chat', id: [], text: {}, extra: '€'.repeat(1000) },
    ]
    for (const frame of hostile) c.send(frame)
    const frames = await c.received(1 + 1 + hostile.length)
    expect(expectReadable(frames)).toBe(hostile.length)
  })

  it('every refused hello, at its longest', async () => {
    const { url } = await hub({ passphrase: 'correct horse', limits: { maxMembers: 1 } })
    const hellos: Array<(nonce: string, fingerprint: string | null) => unknown> = [
      () => ({ type: 'hello', v: 1.2345678901234568e29 }),
      () => ({ type: 'hello', v: '€'.repeat(500) }),
      () => ({
        type: 'hello',
        v: 1,
        name: '\u200b'.repeat(15_000),
        clientId: '€'.repeat(1000),
        key: '👨‍👩‍👧‍👦'.repeat(100),
        sig: [],
        login: 7,
        resume: { epoch: '', lastSeq: -1 },
      }),
      (nonce, fingerprint) => ({
        ...signedHello(nonce, fingerprint, 'Ada', cid('Ada')),
        sig: 'A'.repeat(86),
      }),
      (nonce, fingerprint) => signedHello(nonce, fingerprint, 'Ada', cid('Ada')),
      (nonce, fingerprint) =>
        signedHello(nonce, fingerprint, 'Ada', cid('Ada'), { login: 'A'.repeat(1024) }),
    ]
    for (const make of hellos) {
      const c = new RawClient(url)
      const [challenge] = await c.received(1)
      const { nonce } = JSON.parse(challenge!) as { nonce: string }
      c.send(make(nonce, c.fingerprint))
      await c.closed
      expect(
        expectReadable(c.frames),
        `hello ${hellos.indexOf(make)}: ${c.frames.join('\n')}`,
      ).toBe(1)
    }
  })

  it('closing: the last word fits too', async () => {
    const started = await startTestHub()
    const c = new RawClient(started.url)
    await c.hello('Ada', cid('Ada'))
    await c.received(2)
    await started.stop()
    await c.closed
    expect(c.frames.map((frame) => (JSON.parse(frame) as { type: string }).type)).toEqual([
      'challenge',
      'welcome',
      'closing',
    ])
    expect(expectReadable(c.frames)).toBe(1)
  })
})
