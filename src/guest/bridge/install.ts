/**
 * Installs `window.lanroom` before the renderer's modules load (they read it once, at import:
 * src/renderer/src/lib/bridge.ts). Imported first by main.ts.
 */
import { createGuestBridge } from './web-bridge'
import { browserPlatform } from './platform'

const guest = createGuestBridge(browserPlatform())
Object.defineProperty(window, 'lanroom', { value: guest.api, enumerable: true })
