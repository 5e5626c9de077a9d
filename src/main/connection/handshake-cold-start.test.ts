/**
 * A process that dials a passphrase room as soon as it starts can meet the hub's challenge
 * before OPAQUE's WebAssembly has loaded, when its synchronous client calls throw. The handshake
 * then writes its hello once OPAQUE is ready, and not at all if the socket closed meanwhile.
 * Here the loading is held back on purpose (the real module is used once it is "ready").
 */
import { describe, expect, it, vi } from 'vitest'
import { handshakeAttempt } from '../../../test/support/handshake-attempt'
import type * as Passphrase from '../security/passphrase'

const loading = vi.hoisted(() => {
  let finish = (): void => {}
  const done = new Promise<void>((resolve) => {
    finish = resolve
  })
  return { loaded: false, done, finish }
})

vi.mock('../security/passphrase', async (importOriginal) => {
  const real = await importOriginal<typeof Passphrase>()
  return {
    ...real,
    passphraseIsReady: () => loading.loaded,
    passphraseReady: loading.done.then(() => real.passphraseReady),
  }
})

const attempt = (): ReturnType<typeof handshakeAttempt> =>
  handshakeAttempt({ passphrase: 'correct horse' })

describe('Handshake before OPAQUE has loaded', () => {
  it('writes the login hello once it has, and nothing on a socket that closed meanwhile', async () => {
    const early = attempt()
    const dropped = attempt()
    await early.socket.open({ passphrase: true })
    await dropped.socket.open({ passphrase: true })
    // Nothing thrown, nothing sent yet.
    expect(early.socket.sent).toEqual([])
    expect(early.handshake.helloSent).toBe(false)
    dropped.socket.drop(1006)
    expect(dropped.results).toMatchObject([{ type: 'failed' }])

    loading.loaded = true
    loading.finish()
    await vi.waitFor(() => expect(early.socket.sent).toHaveLength(1))
    const hello = early.socket.sent[0] as { type: string; login?: string }
    expect(hello.type).toBe('hello')
    expect(typeof hello.login).toBe('string')
    expect(JSON.stringify(hello)).not.toContain('correct horse')
    expect(early.handshake.helloSent).toBe(true)
    expect(early.results).toEqual([])
    await Promise.resolve()
    expect(dropped.socket.sent).toEqual([])
  })
})
