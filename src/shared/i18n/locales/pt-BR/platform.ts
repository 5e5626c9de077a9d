import type { Catalogue } from '../en'

/**
 * Outside the page and across it: the language setting, error sentences by code (errors),
 * notifications, the tray menu, main process dialogs, the updater.
 */
export const platform: Catalogue = {}
