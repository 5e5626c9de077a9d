import { mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/**
 * `mkdirSync(path, { recursive: true, mode })` without the loop Node's recursive mkdir falls
 * into under a directory that exists but can hold no directories (/proc, /sys): there mkdir says
 * ENOENT for the child, then EEXIST for its parent, and Node tries both again for ever, at full
 * speed. Here the missing directories are made one at a time from the deepest one that exists,
 * and the first refusal is thrown as the system gave it (ENOENT under /proc).
 */
export function makeDirectory(path: string, mode?: number): void {
  const missing: string[] = []
  for (let at = resolve(path); ;) {
    const found = statOrNull(at)
    if (found?.isDirectory()) break
    if (found) {
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${at}'`), {
        code: 'ENOTDIR',
        syscall: 'mkdir',
        path: at,
      })
    }
    missing.push(at)
    const parent = dirname(at)
    if (parent === at) break
    at = parent
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir, mode === undefined ? undefined : { mode })
    } catch (error) {
      // Made meanwhile by another process: as good as made here.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statOrNull(dir)?.isDirectory()) {
        throw error
      }
    }
  }
}

function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}
