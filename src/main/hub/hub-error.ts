import type { IdentityErrorCode } from '../cluster/identity-errors'

/** Errors the hub reports to whoever started it, with stable codes. */
export class HubError extends Error {
  constructor(
    readonly code:
      | 'HUB_ERR_PORT_IN_USE'
      | 'HUB_ERR_LISTEN'
      | 'HUB_ERR_BAD_OPTIONS'
      | 'HUB_ERR_GUEST_APP'
      | 'HUB_ERR_CLUSTER'
      | 'HUB_ERR_ROOM_IN_USE'
      | IdentityErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'HubError'
  }
}
