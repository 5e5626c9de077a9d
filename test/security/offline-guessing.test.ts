/**
 * The offline-guessing argument, checked on what really crosses the wire: every frame of
 * a passphrase login, both ways, as raw text (not as the test client's schema reads it back, which
 * would drop fields the schema does not know). An eavesdropper who could read all of it — TLS
 * broken, say — finds nothing derived from the passphrase alone, and nothing to test a guess on.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { clientFinishLogin, clientStartLogin } from '../../src/main/security/passphrase'
import { perTest } from '../support/scope'
import { RecordingClient } from '../support/security'
import { cid } from '../support/ws-client'

const PASSPHRASE = 'purple monkey dishwasher'
const GUESSES = [
  'purple monkey',
  'Purple monkey dishwasher',
  'hunter2',
  'purple monkey dishwasher ',
]

const { hub, keep } = perTest()

/** A passphrase room on loopback over TLS; stopped after the test. */
async function hubUrl(): Promise<string> {
  return (await hub({ passphrase: PASSPHRASE })).url
}

interface Recording {
  /** Every frame, both directions, exactly as sent. */
  frames: string[]
  ke1: string
  ke2: string
  ke3: string
  /** The client's secret OPAQUE state (never sent): only for the control check below. */
  clientState: string
  fingerprint: string | null
}

/** Runs one passphrase login by hand and records it. */
async function recordLogin(url: string, name: string): Promise<Recording> {
  const c = keep(new RecordingClient(url), (recorder) => recorder.ws.terminate())
  await c.challenged()
  const start = clientStartLogin(PASSPHRASE)
  c.sendJson(c.helloFrame(name, cid(name), { login: start.request }))
  const login = await c.next('login')
  const ke3 = clientFinishLogin(PASSPHRASE, start.state, login.response, c.fingerprint)
  if (ke3 === null) throw new Error('the right passphrase did not finish')
  c.sendJson({ type: 'login_finish', finish: ke3 })
  await c.next('welcome')
  c.ws.terminate()
  return {
    frames: [...c.sent, ...c.receivedRaw],
    ke1: start.request,
    ke2: login.response,
    ke3,
    clientState: start.state,
    fingerprint: c.fingerprint,
  }
}

/** Every 8-byte piece of some byte strings, as hex. */
function pieces(messages: Buffer[]): Set<string> {
  const found = new Set<string>()
  for (const m of messages) {
    for (let i = 0; i + 8 <= m.length; i++) found.add(m.subarray(i, i + 8).toString('hex'))
  }
  return found
}

/** Values anyone could compute from the passphrase alone, to look for in a recording. */
function derivedFromPassphrase(passphrase: string): Buffer[] {
  const utf8 = Buffer.from(passphrase)
  return [
    utf8,
    Buffer.from(passphrase, 'utf16le'),
    Buffer.from(passphrase.toUpperCase()),
    createHash('sha256').update(utf8).digest(),
    createHash('sha512').update(utf8).digest(),
    createHash('sha1').update(utf8).digest(),
  ]
}

describe('a recorded passphrase exchange', () => {
  it('carries the passphrase in no encoding, and no simple function of it', async () => {
    const url = await hubUrl()
    const recording = await recordLogin(url, 'rec-a')
    const text = recording.frames.join('\n')
    expect(recording.frames.length).toBeGreaterThanOrEqual(5) // hello, finish; challenge, login, welcome
    for (const value of derivedFromPassphrase(PASSPHRASE)) {
      for (const encoded of [
        value.toString('utf8'),
        value.toString('hex'),
        value.toString('hex').toUpperCase(),
        value.toString('base64'),
        value.toString('base64').replace(/=+$/, ''),
        value.toString('base64url'),
      ]) {
        if (encoded.length >= 8) expect(text).not.toContain(encoded)
      }
    }
    // Nor any 8 bytes of those values inside the OPAQUE messages' bytes.
    const derived = pieces(derivedFromPassphrase(PASSPHRASE))
    const wire = pieces(
      [recording.ke1, recording.ke2, recording.ke3].map((m) => Buffer.from(m, 'base64url')),
    )
    expect([...wire].filter((p) => derived.has(p))).toEqual([])
  })

  it('shares no 8-byte piece of its login fields with a second exchange of the same passphrase', async () => {
    const url = await hubUrl()
    const first = await recordLogin(url, 'rec-1')
    const second = await recordLogin(url, 'rec-2')
    const bytes = (r: Recording): Buffer[] =>
      [r.ke1, r.ke2, r.ke3].map((m) => Buffer.from(m, 'base64url'))
    for (const m of [...bytes(first), ...bytes(second)]) expect(m.length).toBeGreaterThanOrEqual(32)
    const shared = [...pieces(bytes(second))].filter((p) => pieces(bytes(first)).has(p))
    expect(shared).toEqual([])
    // KE1 alone, made twice for the same passphrase on one machine: blinded each time.
    const a = Buffer.from(clientStartLogin(PASSPHRASE).request, 'base64url')
    const b = Buffer.from(clientStartLogin(PASSPHRASE).request, 'base64url')
    expect([...pieces([a])].filter((p) => pieces([b]).has(p))).toEqual([])
  })

  it('gives an offline guesser nothing to test: the right passphrase fails exactly like a wrong one', async () => {
    const url = await hubUrl()
    const recording = await recordLogin(url, 'rec-g')
    // The guesser runs the library's client finish on the recorded KE2, with a fresh state of
    // their own (the client's blinding state never crossed the network).
    const outcome = (guess: string): string | null =>
      clientFinishLogin(guess, clientStartLogin(guess).state, recording.ke2, recording.fingerprint)
    expect(outcome(PASSPHRASE)).toBeNull()
    for (const guess of GUESSES) expect(outcome(guess), guess).toBeNull()
    // Nor can a fresh KE1 for a guess be compared with the recorded one.
    for (const guess of [PASSPHRASE, ...GUESSES]) {
      expect(clientStartLogin(guess).request).not.toBe(recording.ke1)
    }

    // Control: the same check WOULD tell right from wrong if the secret state had leaked — so
    // the nulls above are the recording's silence, not a broken harness.
    expect(
      clientFinishLogin(PASSPHRASE, recording.clientState, recording.ke2, recording.fingerprint),
    ).not.toBeNull()
    for (const guess of GUESSES) {
      expect(
        clientFinishLogin(guess, recording.clientState, recording.ke2, recording.fingerprint),
        guess,
      ).toBeNull()
    }
    // And the secret state appears nowhere on the wire.
    expect(recording.frames.join('\n')).not.toContain(recording.clientState)
    const state = Buffer.from(recording.clientState, 'base64url')
    const wire = pieces(
      [recording.ke1, recording.ke2, recording.ke3].map((m) => Buffer.from(m, 'base64url')),
    )
    // The state holds KE1 itself (the client needs it for the transcript); its secret part —
    // the OPRF blind and the ephemeral private key — is on the wire nowhere.
    const ke1 = pieces([Buffer.from(recording.ke1, 'base64url')])
    const secret = [...pieces([state])].filter((p) => !ke1.has(p))
    expect(secret.length).toBeGreaterThanOrEqual(64)
    expect(secret.filter((p) => wire.has(p))).toEqual([])
  })
})
