import * as opaque from '@serenity-kit/opaque'

/**
 * Passphrase rooms use OPAQUE (RFC 9807, the `@serenity-kit/opaque` build of Meta's opaque-ke:
 * ristretto255, SHA-512, Argon2id key stretching with the library's "memory-constrained"
 * parameters). Why a PAKE and not a challenge-response: see docs/security.md.
 *
 * The room's passphrase is registered once when the room starts (both roles run in the host's
 * process); the hub then keeps only the registration record and its server setup, never the
 * passphrase. Each joining client runs a three-message login:
 *   hello.login (KE1) → login.response (KE2) → login_finish.finish (KE3).
 * The server identity is bound to the hub's certificate fingerprint as the client sees it, so a
 * login relayed through another TLS endpoint fails.
 */

const KEY_STRETCHING = 'memory-constrained' as const
/** OPAQUE's user identifier: every member logs in to the one room record. */
const USER = 'room'

export const passphraseReady: Promise<void> = opaque.ready
let ready = false
// Where WebAssembly cannot load (a page whose CSP forbids it), `ready` stays false and the
// handshake reports it; the rejection is not left unhandled.
passphraseReady.then(
  () => {
    ready = true
  },
  () => {},
)

/** Whether OPAQUE's WebAssembly is loaded, so that the synchronous client calls below work. A
 * process that dials a passphrase room as soon as it starts can meet the hub's challenge first. */
export function passphraseIsReady(): boolean {
  return ready
}

/** The OPAQUE server identity for a hub: bound to its certificate (or to "plain"). */
export function serverIdentity(fingerprint: string | null): string {
  return `lanroom.v1 ${fingerprint ?? 'plain'}`
}

/** What a hub keeps of a passphrase. */
export interface PassphraseVerifier {
  readonly serverSetup: string
  readonly registrationRecord: string
  readonly server: string
}

/** Registers `passphrase` for a hub whose certificate has `fingerprint`. Takes ~0.2 s. */
export async function createPassphraseVerifier(
  passphrase: string,
  fingerprint: string | null,
): Promise<PassphraseVerifier> {
  await opaque.ready
  const server = serverIdentity(fingerprint)
  const serverSetup = opaque.server.createSetup()
  const started = opaque.client.startRegistration({ password: passphrase })
  const { registrationResponse } = opaque.server.createRegistrationResponse({
    serverSetup,
    userIdentifier: USER,
    registrationRequest: started.registrationRequest,
  })
  const { registrationRecord } = opaque.client.finishRegistration({
    clientRegistrationState: started.clientRegistrationState,
    registrationResponse,
    password: passphrase,
    identifiers: { server },
    keyStretching: KEY_STRETCHING,
  })
  return { serverSetup, registrationRecord, server }
}

/** Hub side, KE1 → KE2. Null when KE1 is not a valid login request. */
export function serverStartLogin(
  verifier: PassphraseVerifier,
  startLoginRequest: string,
): { state: string; response: string } | null {
  try {
    const { serverLoginState, loginResponse } = opaque.server.startLogin({
      serverSetup: verifier.serverSetup,
      registrationRecord: verifier.registrationRecord,
      startLoginRequest,
      userIdentifier: USER,
      identifiers: { server: verifier.server },
    })
    return { state: serverLoginState, response: loginResponse }
  } catch {
    return null
  }
}

/** Hub side, KE3: true when the client proved the passphrase. */
export function serverFinishLogin(
  verifier: PassphraseVerifier,
  state: string,
  finishLoginRequest: string,
): boolean {
  try {
    opaque.server.finishLogin({
      serverLoginState: state,
      finishLoginRequest,
      identifiers: { server: verifier.server },
    })
    return true
  } catch {
    return false
  }
}

/** Client side: KE1, and the state to finish with. */
export function clientStartLogin(passphrase: string): { state: string; request: string } {
  const { clientLoginState, startLoginRequest } = opaque.client.startLogin({ password: passphrase })
  return { state: clientLoginState, request: startLoginRequest }
}

/** Client side, KE2 → KE3. Null when the passphrase is wrong (or the hub is not the one whose
 * certificate the client sees). Takes ~0.2 s (key stretching). */
export function clientFinishLogin(
  passphrase: string,
  state: string,
  loginResponse: string,
  fingerprint: string | null,
): string | null {
  try {
    const result = opaque.client.finishLogin({
      clientLoginState: state,
      loginResponse,
      password: passphrase,
      identifiers: { server: serverIdentity(fingerprint) },
      keyStretching: KEY_STRETCHING,
    })
    return result?.finishLoginRequest ?? null
  } catch {
    return null
  }
}
