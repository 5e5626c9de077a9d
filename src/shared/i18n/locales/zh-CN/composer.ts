import type { Catalogue } from '../en'

/**
 * The composer and files: attachments, the file tray and cards, drop zone, transfers, the image
 * lightbox, code blocks.
 */
export const composer: Catalogue = {}
