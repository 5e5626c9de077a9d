import { createHash } from 'node:crypto'
import { closeSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs'
import { extname, join } from 'node:path'
import { constants, gzipSync } from 'node:zlib'
import { HubError } from './hub-error'

/**
 * One file of the guest app, read once when the hub starts. A text file is kept gzipped only
 * (every browser takes gzip; a client that does not is given it unzipped as it reads): the
 * build is about 5 MB as it is and 1 MB gzipped, and every hub holds it for its whole life.
 */
export type GuestFile = {
  contentType: string
  cacheControl: string
  /** A strong validator made from the content, for revalidation (`If-None-Match`). */
  etag: string
  /** The file's length as it is (not gzipped). */
  size: number
} & (
  | { body: Buffer; gzip: null }
  /** The body gzipped, when that is smaller (text: scripts, styles, pages, data). */
  | { body: null; gzip: Buffer }
)

/** The guest app's files by URL path (`/index.html`, `/assets/app-1a2b3c.js`). */
export type GuestFiles = ReadonlyMap<string, GuestFile>

/**
 * Bounds on what is read from the build: it is ours, but a directory handed to the hub must not
 * make it read a disk's worth into memory. The real build is well under a megabyte.
 */
export const GUEST_BOUNDS = {
  maxFiles: 512,
  maxFileBytes: 8 * 1024 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
  maxDepth: 4,
} as const

/** Only the kinds of file a web build is made of; anything else in the directory is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
}

/** A path segment the build may use: no dot first (dotfiles, `..`), nothing to escape. */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/

/** Content-hashed names never change content: they may be kept for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** Everything else (the page, the manifest, icons): kept, but asked about again each time. */
const REVALIDATE = 'no-cache'

/**
 * Reads the built guest app in `dir` once: regular files only (symlinks, dotfiles and odd names
 * are skipped), of known kinds, within GUEST_BOUNDS. What the hub serves is this map and nothing
 * else: no request ever reaches the disk. HUB_ERR_GUEST_APP when `dir` has no index.html or is
 * past the bounds.
 */
export function loadGuestFiles(dir: string): GuestFiles {
  const files = new Map<string, GuestFile>()
  const scratch = { buffer: Buffer.alloc(0) }
  let total = 0
  const fail = (why: string): never => {
    throw new HubError('HUB_ERR_GUEST_APP', `the guest app in ${dir} ${why}`)
  }
  const walk = (at: string, urlPath: string, depth: number): void => {
    let names: string[]
    try {
      names = readdirSync(at).sort()
    } catch (error) {
      return fail(`cannot be read: ${(error as Error).message}`)
    }
    for (const name of names) {
      if (!SEGMENT.test(name)) continue
      const path = join(at, name)
      const stat = lstatSync(path)
      if (stat.isDirectory()) {
        if (depth < GUEST_BOUNDS.maxDepth) walk(path, `${urlPath}${name}/`, depth + 1)
        continue
      }
      const contentType = CONTENT_TYPES[extname(name).toLowerCase()]
      if (!stat.isFile() || !contentType) continue
      if (stat.size > GUEST_BOUNDS.maxFileBytes) fail(`has a file past the bounds: ${name}`)
      total += stat.size
      if (files.size >= GUEST_BOUNDS.maxFiles || total > GUEST_BOUNDS.maxTotalBytes) {
        fail('is larger than a guest app can be')
      }
      const body = readInto(scratch, path, stat.size)
      const key = `${urlPath}${name}`
      const gzip = compressed(body, contentType)
      files.set(key, {
        contentType,
        cacheControl: key.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
        size: body.length,
        ...(gzip ? { body: null, gzip } : { body: Buffer.from(body), gzip: null }),
      })
    }
  }
  walk(dir, '/', 0)
  if (!files.has('/index.html')) fail('has no index.html')
  return files
}

/**
 * Reads the file at `path` (`size` bytes by its stat) into `scratch`, growing it as needed: one
 * buffer for the whole build rather than one per file, which the allocator would keep after
 * they are gone (the text files are kept gzipped only). The view is valid until the next read.
 */
function readInto(scratch: { buffer: Buffer }, path: string, size: number): Buffer {
  if (scratch.buffer.length < size) scratch.buffer = Buffer.allocUnsafeSlow(size)
  const fd = openSync(path, 'r')
  try {
    let read = 0
    while (read < size) {
      const n = readSync(fd, scratch.buffer, read, size - read, read)
      if (n === 0) break
      read += n
    }
    return scratch.buffer.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

/**
 * A text file gzipped once at start (the build is read once): the guest's scripts shrink to
 * about a third, which is what a phone on a busy network waits for on every visit (browsers
 * do not cache pages whose certificate they warned about). Images and sounds are compressed
 * already. Level 9 takes a few tens of milliseconds for the whole build.
 */
function compressed(body: Buffer, contentType: string): Buffer | null {
  if (!/^(text\/|application\/(json|manifest\+json|wasm)|image\/svg)/.test(contentType)) return null
  const gzip = gzipSync(body, { level: constants.Z_BEST_COMPRESSION })
  return gzip.length < body.length ? gzip : null
}
