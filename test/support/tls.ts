import { createSelfSignedCredentials, type TlsCredentials } from '../../src/main/security/tls'

let shared: Promise<TlsCredentials> | null = null

/** One certificate for a test process (making one takes a few milliseconds; most tests do not
 * care which certificate a hub has). Tests about certificates make their own. */
export function testTls(): Promise<TlsCredentials> {
  shared ??= createSelfSignedCredentials()
  return shared
}
