import { join } from 'node:path'
import type { Limits } from '../../../shared/protocol'
import { HubError } from '../hub-error'
import type { Logger } from '../logger'
import type { TimelineStore } from '../timeline-store'
import { HubFiles } from './hub-files'

/** The hub's `files` option (see HubOptions). */
export type FilesOption = { dir?: string; maxFileBytes?: number; budgetBytes?: number } | false

/** Where the room's files live and how large they may be. */
export interface FilesSettings {
  dir: string
  maxFileBytes: number
  budgetBytes: number
}

/** The room's files settings as the options ask, or null without files; bad sizes are
 * HUB_ERR_BAD_OPTIONS. */
export function filesSettings(
  options: { files?: FilesOption | undefined; dataDir: string },
  store: TimelineStore,
  limits: Limits,
): FilesSettings | null {
  const files = options.files
  if (!files) return null
  const maxFileBytes = files.maxFileBytes ?? limits.maxFileBytes
  const budgetBytes = files.budgetBytes ?? limits.filesBudgetBytes
  for (const [name, value] of Object.entries({ maxFileBytes, budgetBytes })) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new HubError('HUB_ERR_BAD_OPTIONS', `files ${name} must be a whole number above 0`)
    }
  }
  const dir = files.dir ?? join(store.dir ?? join(options.dataDir, 'rooms', store.meta.id), 'files')
  // A file larger than the whole budget could never be kept: the room's largest file is the
  // smaller of the two, and that is what the welcome and Tus-Max-Size say.
  return { dir, maxFileBytes: Math.min(maxFileBytes, budgetBytes), budgetBytes }
}

/** The room's files as the options ask, or null without them; bad sizes are HUB_ERR_BAD_OPTIONS. */
export function openFiles(
  options: { files?: FilesOption | undefined; dataDir: string },
  store: TimelineStore,
  limits: Limits,
  log: Logger,
): HubFiles | null {
  const settings = filesSettings(options, store, limits)
  return settings && new HubFiles({ ...settings, limits, log })
}
