import { isIP, isIPv4 } from 'node:net'
import { hostname as osHostname } from 'node:os'
import { X509Certificate } from 'node:crypto'

/** One label of a DNS name, letters, digits and inner hyphens (RFC 1123). */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

/** What every hub's certificate names besides its join addresses. */
const ALWAYS = ['localhost', '127.0.0.1', '::1']

/** An IP address in one spelling (IPv6 compressed, lowercase, without a zone); else null. */
function canonicalIp(text: string): string | null {
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '')
  if (isIPv4(bare)) return bare
  if (isIP(bare) !== 6) return null
  return new URL(`http://[${bare}]/`).hostname.slice(1, -1)
}

/** A host as the certificate names it: a canonical IP, or a lowercase DNS name; else null. */
function canonicalName(host: string): string | null {
  const ip = canonicalIp(host)
  if (ip !== null) return ip
  const name = host.toLowerCase().replace(/\.$/, '')
  return name.length <= 253 && name.split('.').every((label) => LABEL.test(label)) ? name : null
}

/** The host of a join address (`host:port`, `[v6]:port`, or a bare host). */
export function hostOfAddress(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address)
  if (bracketed?.[1]) return bracketed[1]
  return isIP(address) === 6 ? address : address.replace(/:\d+$/, '')
}

/** This machine's mDNS name (`<first label of the host name>.local`), or null. */
export function localHostName(name: string = osHostname()): string | null {
  const label = name.toLowerCase().split('.')[0] ?? ''
  return LABEL.test(label) ? `${label}.local` : null
}

/**
 * What a hub's certificate names (its subjectAltNames), sorted and without duplicates: the
 * hosts it can be joined at, this machine's `.local` name, localhost, 127.0.0.1 and ::1.
 * Hosts that are neither an IP address nor a DNS name are left out.
 */
export function certificateNames(
  hosts: readonly string[],
  hostname: string = osHostname(),
): string[] {
  const local = localHostName(hostname)
  const all = [...hosts, ...(local ? [local] : []), ...ALWAYS]
  const names = all.flatMap((host) => canonicalName(host) ?? [])
  return [...new Set(names)].sort()
}

/** The names a PEM certificate's subjectAltName holds (DNS names and IP addresses), sorted. */
export function namesOfCertificate(pem: string): string[] {
  const text = new X509Certificate(pem).subjectAltName ?? ''
  const names = text.split(', ').flatMap((entry) => {
    const dns = /^DNS:(.+)$/.exec(entry)?.[1]
    if (dns !== undefined) return [dns.toLowerCase()]
    const ip = /^IP Address:(.+)$/.exec(entry)?.[1]
    return ip !== undefined ? (canonicalIp(ip) ?? []) : []
  })
  return [...new Set(names)].sort()
}

export function sameNames(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort()
  const right = [...new Set(b)].sort()
  return left.length === right.length && left.every((name, i) => name === right[i])
}

/** The names as `selfsigned` takes them: iPAddress (7) for IPs, dNSName (2) for the rest. */
export function altNamesOf(
  names: readonly string[],
): Array<{ type: 2 | 7; value?: string; ip?: string }> {
  return names.map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name }))
}
