/**
 * Semantic versions (semver.org) as the release feed writes them: enough to say whether an
 * offered version is newer than this one. The updater refuses anything that is not newer
 * (downgrades), whatever electron-updater decided: a feed that offers an older version is
 * either a mistake or an attack that wants an old, vulnerable copy back.
 */

export interface Version {
  major: number
  minor: number
  patch: number
  /** Pre-release identifiers (`beta.2` → ['beta', '2']); empty for a release. */
  pre: string[]
}

// Numbers without leading zeros, an optional `v` (tags), pre-release and build metadata.
const PATTERN =
  /^v?(0|[1-9]\d{0,15})\.(0|[1-9]\d{0,15})\.(0|[1-9]\d{0,15})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/

/** The version, or null when `text` is not one (then nothing is offered). */
export function parseVersion(text: string): Version | null {
  if (text.length > 64) return null
  const match = PATTERN.exec(text)
  if (!match) return null
  const pre = match[4] === undefined ? [] : match[4].split('.')
  // Numeric identifiers must not have leading zeros either.
  if (pre.some((part) => /^0\d+$/.test(part))) return null
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), pre }
}

function compareIdentifiers(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a)
  const bNumeric = /^\d+$/.test(b)
  if (aNumeric && bNumeric) return Math.sign(Number(a) - Number(b))
  // Numeric identifiers sort before alphanumeric ones.
  if (aNumeric) return -1
  if (bNumeric) return 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** Negative when a < b, 0 when equal in precedence (build metadata ignored), positive else. */
export function compareVersions(a: Version, b: Version): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return Math.sign(a[key] - b[key])
  }
  // A pre-release sorts before the release of the same numbers.
  if (a.pre.length === 0 || b.pre.length === 0) return Math.sign(b.pre.length - a.pre.length)
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const order = compareIdentifiers(a.pre[i] ?? '', b.pre[i] ?? '')
    if (order !== 0) return order
  }
  return Math.sign(a.pre.length - b.pre.length)
}

/** Whether `offered` is strictly newer than `current`; false when either is not a version. */
export function isNewer(offered: string, current: string): boolean {
  const a = parseVersion(offered)
  const b = parseVersion(current)
  return a !== null && b !== null && compareVersions(a, b) > 0
}
