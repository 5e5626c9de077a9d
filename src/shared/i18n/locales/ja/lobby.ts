import type { Catalogue } from '../en'

/**
 * The lobby: rooms nearby, hosting, joining by address, sharing, the doctor, network preferences,
 * certificates and verification codes, the guest join page.
 */
export const lobby: Catalogue = {}
