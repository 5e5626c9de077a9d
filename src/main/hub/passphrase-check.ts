import type { PassphraseVerifier } from '../security/passphrase'

/**
 * What admission needs of a passphrase room: OPAQUE's record of the passphrase and the
 * server's two login steps. OPAQUE (WebAssembly) is loaded only for a room that has a
 * passphrase: instantiated, it costs about 15 MB that an open room has no use for.
 */
export interface PassphraseCheck {
  readonly verifier: PassphraseVerifier
  /** KE1 → the server state to keep and KE2; null when it is not a login request. */
  start(login: string): { state: string; response: string } | null
  /** KE3: true when it proves the passphrase. */
  finish(state: string, finish: string): boolean
}

export async function loadPassphraseCheck(
  passphrase: string,
  fingerprint: string | null,
): Promise<PassphraseCheck> {
  const opaque = await import('../security/passphrase')
  const verifier = await opaque.createPassphraseVerifier(passphrase, fingerprint)
  return {
    verifier,
    start: (login) => opaque.serverStartLogin(verifier, login),
    finish: (state, finish) => opaque.serverFinishLogin(verifier, state, finish),
  }
}
