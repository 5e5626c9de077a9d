import { join } from 'node:path'
import type { Limits } from '../../../shared/protocol'
import { HubError } from '../hub-error'
import type { Logger } from '../logger'
import type { TimelineStore } from '../timeline-store'
import { HubFiles } from './hub-files'

/** The hub's `files` option (see HubOptions). */
export type FilesOption = { dir?: string; maxFileBytes?: number; budgetBytes?: number } | false

/** The room's files as the options ask, or null without them; bad sizes are HUB_ERR_BAD_OPTIONS. */
export function openFiles(
  options: { files?: FilesOption | undefined; dataDir: string },
  store: TimelineStore,
  limits: Limits,
  log: Logger,
): HubFiles | null {
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
  return new HubFiles({ dir, maxFileBytes, budgetBytes, limits, log })
}
