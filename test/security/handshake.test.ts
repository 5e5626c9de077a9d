/**
 * Issue #7 at the protocol level, with real TLS on loopback: identities that cannot be taken
 * over, passphrase logins that let only the right passphrase in and count the guesses, and the
 * certificate a client sees being the one the room announces. What a recorded login gives an
 * offline guesser (nothing) is shown, with its control, in offline-guessing.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { CLOSE_CODES } from '../../src/shared/protocol'
import { clientStartLogin } from '../../src/main/security/passphrase'
import { hubRequest } from '../support/raw-socket'
import { perTest } from '../support/scope'
import { testTls } from '../support/tls'
import { cid, signedHello } from '../support/ws-client'

const { hub, client } = perTest()

describe('TLS', () => {
  it('presents on every connection the certificate /info announces', async () => {
    const { hub: room, url } = await hub()
    const { fingerprint } = await testTls()
    const info = await hubRequest(room.port, '/info')
    expect(JSON.parse(info.body)).toMatchObject({ tls: true, fingerprint })
    expect(info.fingerprint).toBe(fingerprint)
    const c = client(url)
    await c.join('alice', cid('alice'))
    expect(c.fingerprint).toBe(fingerprint)
  })

  it('speaks plain only when started with tls: false, and a plain client cannot talk to a TLS hub', async () => {
    const plain = await hub({ tls: false })
    const info = await hubRequest(plain.hub.port, '/info', { tls: false })
    expect(JSON.parse(info.body)).toMatchObject({ tls: false, fingerprint: null })
    expect(plain.url).toMatch(/^ws:\/\//)
    const secure = await hub()
    const wrong = client(secure.url.replace('wss://', 'ws://'))
    await expect(wrong.opened).rejects.toThrow()
    // The hub keeps serving.
    await client(secure.url).join('after', cid('after'))
  })
})

describe('identity', () => {
  it('nobody takes over a member with a copied client id, a replayed proof or a borrowed key', async () => {
    const { url } = await hub()
    const alice = client(url)
    await alice.join('Alice', cid('alice'))
    const bob = client(url)
    await bob.join('Bob', cid('bob'))
    await alice.next('joined')
    alice.chat('a1', 'hello from Alice')
    expect((await bob.next('chat')).from).toBe(cid('alice'))

    // Mallory copies Alice's id from the member list and signs with her own key.
    const copied = client(url)
    const { nonce, roomId } = await copied.challenged()
    expect(roomId).toBeTruthy()
    const mallory = signedHello(nonce, copied.fingerprint, 'Alice', cid('mallory'))
    copied.sendJson({ ...mallory, clientId: cid('alice') })
    expect(await copied.closed).toBe(CLOSE_CODES.identityUnproven)
    expect(copied.all('error')[0]).toMatchObject({ code: 'identity_unproven' })

    // She replays the hello Alice would send on another connection (another nonce).
    const other = client(url)
    await other.challenged()
    const recorded = other.helloFrame('Alice', cid('alice'))
    other.ws.terminate()
    const replay = client(url)
    await replay.challenged()
    replay.sendJson(recorded)
    expect(await replay.closed).toBe(CLOSE_CODES.identityUnproven)

    // She uses Alice's public key, but cannot sign with it.
    const borrowed = client(url)
    const challenge = await borrowed.challenged()
    const forged = borrowed.helloFrame('Alice', cid('alice')) as { key: string }
    const hers = signedHello(challenge.nonce, borrowed.fingerprint, 'Alice', cid('mallory')) as {
      sig: string
    }
    borrowed.sendJson({ ...forged, sig: hers.sig })
    expect(await borrowed.closed).toBe(CLOSE_CODES.identityUnproven)

    // Alice was never replaced; Bob saw no one leave, join or speak as her.
    alice.chat('a2', 'still me')
    expect(await bob.next('chat')).toMatchObject({ from: cid('alice'), text: 'still me' })
    expect(alice.closeCode).toBeNull()
    expect(bob.all('left')).toEqual([])
    expect(bob.all('joined')).toEqual([])
    expect(bob.all('chat').map((c) => [c.from, c.text])).toEqual([
      [cid('alice'), 'hello from Alice'],
      [cid('alice'), 'still me'],
    ])
  })

  it('lets the holder of the key take its own place back (a reconnect)', async () => {
    const { url } = await hub()
    const first = client(url)
    await first.join('Alice', cid('alice'))
    const again = client(url)
    await again.join('Alice', cid('alice'))
    expect(await first.closed).toBe(CLOSE_CODES.replaced)
  })
})

describe('passphrase', () => {
  const PASSPHRASE = 'purple monkey dishwasher'

  it('gives nothing of the room to a connection that has not proved the passphrase', async () => {
    const { hub: room, url } = await hub({ passphrase: PASSPHRASE })
    const member = client(url)
    await member.joinWithPassphrase('Member', cid('member'), PASSPHRASE)
    member.chat('m1', 'the secret plan')
    await member.next('chat')
    expect(JSON.parse((await hubRequest(room.port, '/info')).body)).toMatchObject({
      passphrase: true,
      members: 1,
    })

    const none = client(url)
    await none.hello('Nobody', cid('nobody'))
    expect(await none.closed).toBe(CLOSE_CODES.passphrase)
    const wrong = client(url)
    await expect(wrong.joinWithPassphrase('Guess', cid('guess'), 'purple monkey')).rejects.toThrow(
      'wrong passphrase',
    )
    const garbage = client(url)
    await garbage.challenged()
    garbage.sendJson(
      garbage.helloFrame('Garbage', cid('garbage'), { login: clientStartLogin('x').request }),
    )
    await garbage.next('login')
    garbage.sendJson({ type: 'login_finish', finish: 'A'.repeat(86) })
    expect(await garbage.closed).toBe(CLOSE_CODES.passphrase)
    expect(garbage.all('error')[0]).toMatchObject({ code: 'wrong_passphrase' })
    // What reached them: the challenge, the login step and an error — nothing of the room.
    for (const outsider of [none, wrong, garbage]) {
      const types = new Set(outsider.received.map((m) => m.type))
      expect([...types].every((t) => ['challenge', 'login', 'error'].includes(t))).toBe(true)
    }
    expect(member.all('joined')).toEqual([])
  })

  it('limits guesses per address, and a right passphrase gives its guess back', async () => {
    const { url } = await hub({
      passphrase: PASSPHRASE,
      limits: { passphraseAttemptBurst: 3, passphraseAttemptsPerSecond: 0.01 },
    })
    const started = performance.now()
    // Right logins in a row never run out.
    for (let i = 0; i < 5; i++) {
      const ok = client(url)
      await ok.joinWithPassphrase(`Ok ${i}`, cid(`ok${i}`), PASSPHRASE)
      ok.ws.terminate()
    }
    for (let i = 0; i < 3; i++) {
      const guess = client(url)
      await expect(guess.joinWithPassphrase('G', cid(`g${i}`), `guess ${i}`)).rejects.toThrow(
        'wrong passphrase',
      )
    }
    // The fourth attempt from this address is refused before any login, right or not.
    const blocked = client(url)
    await expect(blocked.joinWithPassphrase('G', cid('g4'), PASSPHRASE)).rejects.toThrow(
      /closed \(4011/,
    )
    const error = blocked.all('error')[0]
    expect(error).toMatchObject({ code: 'too_many_attempts' })
    // One guess every 100 s: the next is that far away, less what came back meanwhile (at most
    // the time the test has taken, however slow the machine).
    expect(error?.retryAfterMs).toBeGreaterThanOrEqual(100_000 - (performance.now() - started) - 1)
    expect(error?.retryAfterMs).toBeLessThanOrEqual(100_000)
    expect(blocked.all('login')).toEqual([])
  })
})
