import type { Catalogue } from '../en'

/**
 * The settings dialog and its pages, preferences, confirmation dialogs, the passphrase field, the
 * update notice.
 */
export const settings: Catalogue = {}
