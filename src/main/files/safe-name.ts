/**
 * A file name another member declared, made safe to save on this computer (the rules are in
 * shared/file-name.ts, which the guest page uses too), and a free path for it in a folder.
 */
import { constants } from 'node:fs'
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { nameCandidates } from '../../shared/file-name'

export { MAX_SAFE_NAME_BYTES, nameCandidates, safeFileName } from '../../shared/file-name'

/**
 * The first of "a.pdf", "a (1).pdf", "a (2).pdf"… that does not exist in `dir`. `name` must be
 * safe already (safeFileName). Whoever creates the file must still refuse to overwrite (a
 * name may be taken between this check and the write): download.ts links without replacing.
 */
export async function uniquePath(dir: string, name: string): Promise<string> {
  for (const candidate of nameCandidates(name)) {
    const path = join(dir, candidate)
    if (!(await exists(path))) return path
  }
  throw new Error(`No free name for ${name} in ${dir}`)
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT'
  }
}
