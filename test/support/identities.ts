import { createHash } from 'node:crypto'
import {
  helloTranscript,
  identityFromSeed,
  type NodeIdentity,
} from '../../src/main/security/identity'
import { PROTOCOL_VERSION } from '../../src/shared/protocol'

const byClientId = new Map<string, NodeIdentity>()

/** The same name is the same person in every test: a key pair seeded from the name. */
export function testIdentity(name: string): NodeIdentity {
  const identity = identityFromSeed(createHash('sha256').update(`lanroom test ${name}`).digest())
  byClientId.set(identity.clientId, identity)
  return identity
}

/** The client id of the test person `name` (derived from their key, as the hub requires). */
export function cid(name: string): string {
  return testIdentity(name).clientId
}

/** The identity behind a client id made by `cid`/`testIdentity`, if any. */
export function identityOf(clientId: string): NodeIdentity | undefined {
  return byClientId.get(clientId)
}

/**
 * A `hello` proving `clientId` for a connection whose challenge carried `nonce`, as seen through
 * a certificate with `fingerprint` (null: plain ws). A client id with no test identity behind it
 * gets a well-formed but wrong proof (a stranger's key and signature), for tests of refusal.
 */
export function signedHello(
  nonce: string,
  fingerprint: string | null,
  name: string,
  clientId: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const login = typeof extra['login'] === 'string' ? extra['login'] : undefined
  const identity = byClientId.get(clientId) ?? testIdentity(`stranger for ${clientId}`)
  const sig = identity.signNow(helloTranscript({ nonce, fingerprint, clientId, login }))
  return {
    type: 'hello',
    v: PROTOCOL_VERSION,
    name,
    clientId,
    key: identity.publicKey,
    sig,
    ...extra,
  }
}
