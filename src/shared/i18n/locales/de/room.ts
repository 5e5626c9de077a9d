import type { Catalogue } from '../en'

/**
 * The room: header, timeline, messages, reactions, emoji, typing, unread, delivery, connection
 * banner, members, search, toasts and the lib/ sentences they use.
 */
export const room: Catalogue = {}
