/**
 * A file name another member declared, made safe to save, whatever the hub let through: the
 * receiver trusts no hub (docs/protocol.md, Files). Platform-free: the app saves under it on
 * disk (main/files/safe-name.ts), the guest page as the browser download's name.
 */

/** Longest saved name in UTF-8 bytes: under every common file system's 255, with room for
 * " (123)" and ".part" suffixes. */
export const MAX_SAFE_NAME_BYTES = 200

/** What a name becomes when nothing of it is left. */
const FALLBACK = 'file'

/** Control characters (C0, C1), bidirectional marks, embeddings, overrides and isolates, and
 * invisible characters that make one name look like another ("\u202egnp.exe"). */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
/** Separators and the characters Windows refuses in names. */
const UNSAFE = /[/\\<>:"|?*]/g
/** Device names Windows resolves in every folder, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i
/** An extension kept when a name is shortened: a dot and up to 16 letters or digits. */
const EXTENSION = /\.[\p{L}\p{N}_-]{1,16}$/u

const ENCODER = new TextEncoder()
const utf8Length = (text: string): number => ENCODER.encode(text).byteLength

/**
 * `name` as a safe single path component: no controls or direction marks, no separators or
 * characters Windows refuses, no Windows device name (CON, NUL, COM1…), no leading dots
 * (hidden) nor trailing dots and spaces, at most MAX_SAFE_NAME_BYTES bytes of UTF-8 keeping
 * the extension; never empty ("file").
 */
export function safeFileName(name: string): string {
  let safe = name
    .normalize('NFC')
    .replace(LONE_SURROGATES, '')
    .replace(INVISIBLE, '')
    .replace(UNSAFE, '_')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
  const base = safe.split('.')[0] ?? ''
  if (RESERVED.test(base.trim())) safe = `_${safe}`
  safe = shorten(safe, MAX_SAFE_NAME_BYTES)
  return safe === '' ? FALLBACK : safe
}

/** Cuts `name` to `max` bytes at a character boundary, keeping its extension. */
function shorten(name: string, max: number): string {
  if (utf8Length(name) <= max) return name
  const match = EXTENSION.exec(name)
  const extension = match && match.index > 0 ? match[0] : ''
  const stem = extension ? name.slice(0, -extension.length) : name
  let kept = ''
  let bytes = utf8Length(extension)
  for (const char of stem) {
    const size = utf8Length(char)
    if (bytes + size > max) break
    kept += char
    bytes += size
  }
  // A cut may leave a trailing dot or space that the first pass had removed.
  return kept.replace(/[.\s]+$/, '') + extension
}

/** How many numbered names uniquePath (main/files/safe-name.ts) tries before giving up. */
const MAX_NUMBERED = 10_000

/** "a.pdf", then "a (1).pdf", "a (2).pdf"… each within MAX_SAFE_NAME_BYTES. */
export function* nameCandidates(name: string): Generator<string> {
  yield name
  const match = EXTENSION.exec(name)
  const extension = match && match.index > 0 ? match[0] : ''
  const stem = extension ? name.slice(0, -extension.length) : name
  for (let n = 1; n <= MAX_NUMBERED; n++) {
    const suffix = ` (${n})${extension}`
    yield shorten(stem, MAX_SAFE_NAME_BYTES - utf8Length(suffix)) + suffix
  }
}
