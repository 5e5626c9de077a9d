/**
 * Where OPAQUE's WebAssembly cannot load at all (a page whose Content-Security-Policy lacks
 * 'wasm-unsafe-eval'), a passphrase room's handshake ends at once with a sentence saying so,
 * instead of waiting out its time limit. The loading is made to fail here on purpose.
 */
import { describe, expect, it, vi } from 'vitest'
import { handshakeAttempt } from '../../../test/support/handshake-attempt'
import type * as Passphrase from '../security/passphrase'

vi.mock('../security/passphrase', async (importOriginal) => {
  const real = await importOriginal<typeof Passphrase>()
  const blocked = Promise.reject(new Error('CompileError: WebAssembly.instantiate(): refused'))
  blocked.catch(() => {})
  return { ...real, passphraseIsReady: () => false, passphraseReady: blocked }
})

describe('Handshake where OPAQUE cannot load', () => {
  it('ends the connection with a sentence, sending nothing', async () => {
    const { socket, results } = handshakeAttempt({ passphrase: 'correct horse' })
    await socket.open({ passphrase: true })
    expect(socket.sent).toEqual([])
    expect(results).toEqual([
      {
        type: 'end',
        end: {
          reason: 'incompatible',
          message:
            'This client cannot run the passphrase login: its WebAssembly could not be loaded.',
          closeCode: null,
          extra: {},
        },
      },
    ])
  })
})
