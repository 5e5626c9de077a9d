import type { SecureContextOptions } from 'node:tls'
import type { TlsCredentials } from './tls'

/**
 * The suites a hub offers: TLS 1.3's own (all AEAD), and under TLS 1.2 only ECDHE with the
 * certificate's ECDSA key and an AEAD cipher. No CBC suite (LUCKY13 and its kin), no RSA key
 * exchange (no forward secrecy). Every browser and TLS library of the last decade speaks one of
 * these; a measurement that finds a client needing more would say so here.
 */
export const TLS_CIPHERS = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
].join(':')

/**
 * The hub's secure context: its certificate, key, versions and suites. The same at start and
 * when the certificate is re-issued (`setSecureContext` replaces all of it).
 */
export function hubSecureContext(credentials: TlsCredentials): SecureContextOptions {
  return {
    cert: credentials.cert,
    key: credentials.key,
    minVersion: 'TLSv1.2',
    ciphers: TLS_CIPHERS,
    honorCipherOrder: true,
  }
}
