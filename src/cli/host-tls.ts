import { createPrivateKey, X509Certificate } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { fingerprintOfDer, type TlsCredentials } from '../main/security/tls'
import { readProblem } from './paths'

/** Far above a certificate chain or a key in PEM (a few KB): a larger file is not one. */
const MAX_PEM_BYTES = 1024 * 1024

/** One PEM file, read whole; a sentence saying why not. */
function readPem(
  path: string,
  what: string,
): { ok: true; text: string } | { ok: false; message: string } {
  let text: string
  try {
    if (statSync(path).size > MAX_PEM_BYTES) {
      return {
        ok: false,
        message: `the ${what} ${path} is larger than ${MAX_PEM_BYTES} bytes: not a PEM file`,
      }
    }
    text = readFileSync(path, 'utf8')
  } catch (error) {
    return { ok: false, message: `cannot read the ${what} ${path} (${readProblem(error)})` }
  }
  if (!text.includes('-----BEGIN ')) {
    return { ok: false, message: `the ${what} ${path} is not PEM (no "-----BEGIN" line)` }
  }
  return { ok: true, text }
}

/**
 * The operator's certificate and key (`--cert FILE --key FILE`, PEM), checked: both readable,
 * the first a certificate (a chain may follow it), the second a private key, and the key the
 * certificate's. Every hub of a clustered room serves the same pair, so that members' pins and
 * verification codes hold whichever hub they reach (docs/cluster.md).
 */
export function readTlsFiles(
  certFile: string,
  keyFile: string,
): { ok: true; tls: TlsCredentials } | { ok: false; message: string } {
  const cert = readPem(certFile, 'certificate')
  if (!cert.ok) return cert
  const key = readPem(keyFile, 'key')
  if (!key.ok) return key
  let parsed: X509Certificate
  try {
    parsed = new X509Certificate(cert.text)
  } catch {
    // OpenSSL's words (`error:0480006C:PEM routines::no start line`) say nothing to a person.
    return {
      ok: false,
      message: `the certificate ${certFile} is not a PEM certificate (is it the key?)`,
    }
  }
  let matches: boolean
  try {
    matches = parsed.checkPrivateKey(createPrivateKey(key.text))
  } catch {
    return {
      ok: false,
      message: `the key ${keyFile} is not a PEM private key (is it the certificate?)`,
    }
  }
  if (!matches) {
    return {
      ok: false,
      message: `the key ${keyFile} is not the key of the certificate ${certFile}`,
    }
  }
  return {
    ok: true,
    tls: { cert: cert.text, key: key.text, fingerprint: fingerprintOfDer(parsed.raw) },
  }
}
