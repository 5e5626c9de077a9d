/**
 * Issue #7, passphrase rooms: what a connection that has not finished its login can see while the
 * room is busy (nothing), and what the hub keeps of the passphrase once it has started (nothing
 * but OPAQUE's registration record) — checked over real TLS on loopback.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Logger } from '../../src/main/hub/logger'
import { clientFinishLogin, clientStartLogin } from '../../src/main/security/passphrase'
import { CLOSE_CODES, ERROR_CODES, LIMITS } from '../../src/shared/protocol'
import { hubRequest } from '../support/raw-socket'
import { perTest } from '../support/scope'
import { RecordingClient } from '../support/security'
import { cid, type TestClient } from '../support/ws-client'

const { hub, client, keep } = perTest()

/** Every frame type a connection received, in order. */
function typesOf(c: TestClient): string[] {
  return c.received.map((m) => m.type)
}

/**
 * Where `needle` occurs among the values reachable from `root` through own data properties,
 * Map and Set entries, arrays and typed-array views (their own bytes only, not a shared pool):
 * paths of the strings and byte views that contain it. Stops at globalThis and process, which
 * reach everything. Also reports how many objects it walked, for the caller to check that the
 * walk went somewhere.
 */
function reachable(
  root: object,
  needles: string[],
): { paths: Map<string, string[]>; walked: number } {
  const paths = new Map<string, string[]>(needles.map((n) => [n, []]))
  const bytes = needles.map((n) => [n, Buffer.from(n)] as const)
  const seen = new Set<object>()
  const stack: Array<[unknown, string]> = [[root, 'hub']]
  let walked = 0
  const hit = (needle: string, path: string): void => {
    paths.get(needle)?.push(path)
  }
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string]
    if (typeof value === 'string') {
      for (const needle of needles) if (value.includes(needle)) hit(needle, path)
      continue
    }
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) continue
    if (seen.has(value) || value === globalThis || value === process) continue
    seen.add(value)
    walked += 1
    if (ArrayBuffer.isView(value)) {
      const view = Buffer.from(value.buffer, value.byteOffset, value.byteLength)
      for (const [needle, b] of bytes) if (view.includes(b)) hit(needle, path)
      continue
    }
    if (value instanceof Map) {
      let i = 0
      for (const [k, v] of value) {
        stack.push([k, `${path}<key ${i}>`], [v, `${path}<value ${i}>`])
        i += 1
      }
    } else if (value instanceof Set) {
      let i = 0
      for (const v of value) stack.push([v, `${path}<item ${i++}>`])
    }
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key)
      if (descriptor && 'value' in descriptor)
        stack.push([descriptor.value, `${path}.${String(key)}`])
    }
  }
  return { paths, walked }
}

describe('a passphrase room and connections that have not finished the login', () => {
  const PASSPHRASE = 'purple monkey dishwasher'

  it('see nothing of a busy room — joins, chats, typing, leaves, member counts — until they are welcomed', async () => {
    const { hub: room, url } = await hub({ passphrase: PASSPHRASE })
    const alice = client(url)
    await alice.joinWithPassphrase('Alice', cid('alice'), PASSPHRASE)

    // Waiting at the door: one with the right passphrase who has not sent KE3 yet, one with a
    // wrong one (it already knows, from KE2, that it cannot finish), one that never says hello.
    const pending = client(url)
    await pending.challenged()
    const start = clientStartLogin(PASSPHRASE)
    pending.sendJson(pending.helloFrame('Pending', cid('pending'), { login: start.request }))
    const ke2 = await pending.next('login')
    const wrong = client(url)
    await wrong.challenged()
    wrong.sendJson(
      wrong.helloFrame('Wrong', cid('wrong'), { login: clientStartLogin('purple monkey').request }),
    )
    await wrong.next('login')
    const silent = client(url)
    await silent.challenged()

    // The room gets busy: Bob joins, both chat, Alice types, Bob leaves.
    const bob = client(url)
    const bobWelcome = await bob.joinWithPassphrase('Bob', cid('bob'), PASSPHRASE)
    expect(bobWelcome.members.map((m) => m.clientId).sort()).toEqual(
      [cid('alice'), cid('bob')].sort(),
    )
    await alice.next('joined')
    alice.chat('a1', 'the secret plan')
    bob.chat('b1', 'meet at noon')
    alice.sendJson({ type: 'typing', active: true })
    expect(await bob.next('typing')).toMatchObject({ clientId: cid('alice'), active: true })
    await alice.next('chat')
    await alice.next('chat')
    await bob.close()
    await alice.next('left')
    // /info counts members only.
    expect(JSON.parse((await hubRequest(room.port, '/info')).body)).toMatchObject({
      passphrase: true,
      members: 1,
    })
    expect(room.memberCount).toBe(1)

    // Each outsider now gets one answer of its own; anything the room had leaked to it would
    // have been queued, in order, before that answer.
    silent.sendJson({ type: 'chat', id: 's1', text: 'let me in' })
    expect(await silent.next('error')).toMatchObject({ code: ERROR_CODES.helloRequired })
    expect(typesOf(silent)).toEqual(['challenge', 'error'])

    wrong.sendJson({ type: 'login_finish', finish: 'A'.repeat(86) })
    expect(await wrong.closed).toBe(CLOSE_CODES.passphrase)
    expect(typesOf(wrong)).toEqual(['challenge', 'login', 'error'])
    expect(wrong.all('error')[0]).toMatchObject({ code: ERROR_CODES.wrongPassphrase })

    const finish = clientFinishLogin(PASSPHRASE, start.state, ke2.response, pending.fingerprint)
    expect(finish).not.toBeNull()
    pending.sendJson({ type: 'login_finish', finish })
    const welcome = await pending.next('welcome')
    expect(typesOf(pending).slice(0, 3)).toEqual(['challenge', 'login', 'welcome'])
    // Control: the room's content was there to be leaked; it comes with the welcome, not before.
    expect(welcome.history.map((c) => c.text)).toEqual(['the secret plan', 'meet at noon'])
    expect(welcome.members.map((m) => m.clientId).sort()).toEqual(
      [cid('alice'), cid('pending')].sort(),
    )
    // Alice saw Bob come and go and Pending arrive; no one who has not finished a login.
    expect(await alice.next('joined')).toMatchObject({ member: { clientId: cid('pending') } })
    expect(alice.all('joined').map((j) => j.member.clientId)).toEqual([cid('bob'), cid('pending')])
  })
})

describe('passphrase guesses with the limits the app ships', () => {
  const PASSPHRASE = 'purple monkey dishwasher'

  it('from one address, the login after the burst gets too_many_attempts, retryAfterMs and 4011 — the right passphrase too', async () => {
    const { hub: room, url } = await hub({ passphrase: PASSPHRASE })
    const burst = LIMITS.passphraseAttemptBurst
    const refillMs = 1000 / LIMITS.passphraseAttemptsPerSecond
    expect(room.limits.passphraseAttemptBurst).toBe(burst)
    expect(burst).toBeGreaterThan(0)
    const started = performance.now()
    // Guesses abandoned after KE2 (enough to test a guess locally): cheap, and each one counts.
    for (let i = 0; i < burst; i++) {
      const c = client(url)
      await c.challenged()
      c.sendJson(c.helloFrame('G', cid(`guess${i}`), { login: clientStartLogin(`g${i}`).request }))
      await c.next('login')
      await c.close()
    }
    const blocked = client(url)
    await expect(blocked.joinWithPassphrase('Right', cid('right'), PASSPHRASE)).rejects.toThrow(
      /closed \(4011/,
    )
    // The burst went by faster than one refill, so no guess was earned back meanwhile.
    const elapsed = performance.now() - started
    expect(elapsed).toBeLessThan(refillMs)
    expect(typesOf(blocked)).toEqual(['challenge', 'error'])
    const error = blocked.all('error')[0]
    expect(error).toMatchObject({ code: ERROR_CODES.tooManyAttempts })
    expect(error?.retryAfterMs).toBeGreaterThan(0)
    expect(error?.retryAfterMs).toBeLessThanOrEqual(refillMs)
    expect(error?.retryAfterMs).toBeGreaterThanOrEqual(refillMs - elapsed - 1)
    expect(blocked.closeCode).toBe(CLOSE_CODES.tooManyAttempts)
  })
})

describe('what the hub keeps of its passphrase', () => {
  it('nothing reachable from the Hub object holds it after start, nor does anything it logs', async () => {
    // Made at run time, so that no source text or module anywhere can contain it by accident.
    const passphrase = `pp-${randomBytes(16).toString('hex')}`
    const roomName = `room-${randomBytes(8).toString('hex')}`
    const logged: string[] = []
    const record = (fields: object, message: string): void => {
      logged.push(`${message} ${JSON.stringify(fields)}`)
    }
    const logger: Logger = { debug: record, info: record, warn: record, error: record }
    const { hub: room, url } = await hub({ passphrase, roomName, logger })

    // Use it: a right login, a wrong one, a member who chats.
    const member = keep(new RecordingClient(url), (c) => c.ws.terminate())
    await member.joinWithPassphrase('Member', cid('member'), passphrase)
    member.chat('m1', 'hello')
    await member.next('chat')
    const guess = client(url)
    await expect(guess.joinWithPassphrase('Guess', cid('guess'), `${passphrase}!`)).rejects.toThrow(
      'wrong passphrase',
    )

    const { paths, walked } = reachable(room, [passphrase, roomName])
    // Control: the walk reached the hub's state (its room name is kept in several places).
    expect(walked).toBeGreaterThan(100)
    expect(paths.get(roomName)?.length).toBeGreaterThan(0)
    expect(paths.get(passphrase)).toEqual([])
    expect(JSON.stringify(room.info())).not.toContain(passphrase)
    expect(logged.length).toBeGreaterThan(0)
    expect(logged.join('\n')).not.toContain(passphrase)
    // And of course nothing the member sent or received carries it.
    expect([...member.sent, ...member.receivedRaw].join('\n')).not.toContain(passphrase)
  })
})
