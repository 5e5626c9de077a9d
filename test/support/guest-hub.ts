/**
 * A hub as the guest-app tests and bench meet it: TLS on 127.0.0.1, a port of its own, serving
 * the built guest app (out/guest, from `npm run build`) itself, as `lanroom host` and the app do.
 */
import { join } from 'node:path'
import { Hub, SILENT_LOGGER, type HubOptions } from '../../src/main/hub'
import { tempDir } from './temp-dir'
import { testTls } from './tls'

export const GUEST_DIR = join(import.meta.dirname, '..', '..', 'out', 'guest')

export interface GuestHub {
  hub: Hub
  /** `https://127.0.0.1:PORT`: the guest page's origin. */
  origin: string
  /** The certificate's SHA-256, as the guest link carries it. */
  fingerprint: string
  /** The hub's data directory (a temporary one, removed by `stop`). */
  dataDir: string
  /** Stops the hub and removes its data directory. */
  stop: () => Promise<void>
}

export async function startGuestHub(
  roomName: string,
  more: Partial<Omit<HubOptions, 'dataDir' | 'tls' | 'guestApp'>> = {},
): Promise<GuestHub> {
  const dir = tempDir()
  const tls = await testTls()
  const hub = await Hub.start({
    roomName,
    hostName: 'Ada',
    port: 0,
    bind: '127.0.0.1',
    logger: SILENT_LOGGER,
    ...more,
    dataDir: dir.path,
    tls,
    guestApp: { dir: GUEST_DIR },
  }).catch((error: unknown) => {
    dir.remove()
    throw error
  })
  return {
    hub,
    origin: `https://127.0.0.1:${hub.port}`,
    fingerprint: tls.fingerprint,
    dataDir: dir.path,
    stop: async () => {
      await hub.stop()
      dir.remove()
    },
  }
}
