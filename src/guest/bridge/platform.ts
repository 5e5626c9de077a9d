/**
 * What the guest page takes from the browser: localStorage, its own origin, its identity in
 * IndexedDB (platform/web-identity.ts), and room sessions over the browser's WebSocket
 * (connection/browser-socket.ts), which report the fingerprint the page was given.
 */
import { linkFingerprint } from '../../shared/security/link-fingerprint'
import { browserSocketFactory } from '../../main/connection/browser-socket'
import { ConnectionSession } from '../../main/controller/room-session'
import { loadOrCreateWebIdentity } from '../platform/web-identity'
import { saveBlob } from '../files/save'
import { webFiles } from '../files/web-file-io'
import type { GuestPlatform } from './web-bridge'

export function browserPlatform(): GuestPlatform {
  return {
    storage: window.localStorage,
    origin: { protocol: location.protocol, host: location.host },
    fetch: (input, init) => window.fetch(input, init),
    userAgent: navigator.userAgent,
    identity: () => loadOrCreateWebIdentity(),
    connect: (fingerprint) => (options) =>
      new ConnectionSession(
        options,
        // The fingerprint is the one given for these addresses, not for hubs a welcome names.
        browserSocketFactory({ fingerprint: fingerprint(), candidates: options.urls }),
      ),
    linkFingerprint: linkFingerprint(location.hash),
    copyText: (text) => void navigator.clipboard?.writeText(text).catch(() => {}),
    files: webFiles({ fetch: (input, init) => window.fetch(input, init), save: saveBlob }),
  }
}
