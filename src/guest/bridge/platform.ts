/**
 * What the guest page takes from the browser: storage, its origin, and (until the connection
 * module's browser seam lands) a stand-in identity and a connect that says joining is not
 * available yet.
 */
import { linkFingerprint } from '../../shared/security/link-fingerprint'
import { ControllerError } from '../../main/controller/errors'
import type { GuestPlatform } from './web-bridge'

export function browserPlatform(): GuestPlatform {
  return {
    storage: window.localStorage,
    origin: { protocol: location.protocol, host: location.host },
    fetch: (input, init) => window.fetch(input, init),
    userAgent: navigator.userAgent,
    identity: () =>
      Promise.resolve({
        clientId: 'guest-identity-pending',
        publicKey: '',
        sign: () => {
          throw new Error('no identity yet')
        },
      }),
    connect: () => () => {
      throw new ControllerError(
        'APP_ERR_NOT_IN_BROWSER',
        'Joining from the browser is not available in this build yet.',
      )
    },
    linkFingerprint: linkFingerprint(location.hash),
    copyText: (text) => void navigator.clipboard?.writeText(text).catch(() => {}),
  }
}
