import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { createApp, type App, type AppOptions } from '../../src/main/app'
import { Hub, type HubOptions } from '../../src/main/hub'
import type { EventName, EventPayload } from '../../src/shared/bridge'
import { SILENT_LOGGER } from '../../src/main/hub/logger'
import type { ApplyPreferences } from '../../src/main/settings/preferences'
import { openApp, type AppPage } from './app-page'

export const CHROMIUM = process.env['LANROOM_CHROMIUM'] ?? '/usr/bin/chromium'

/** Why the browser tier cannot run here, or null. */
export function browserUnavailable(): string | null {
  return existsSync(CHROMIUM)
    ? null
    : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set LANROOM_CHROMIUM)`
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      // The tests find controls by their English names: English, whatever the machine speaks.
      '--lang=en-US',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

export interface AppInstance extends AppPage {
  app: App
  hubs: Hub[]
  /** The options each hub was started with (to start it again after killing it). */
  hubOptions: HubOptions[]
}

/**
 * One app instance: the real controller (createApp, as main builds it) in this process, and
 * the built renderer in its own browser context, wired through the contract.
 */
export async function launchApp(
  browser: Browser,
  options: {
    url: string
    dataDir: string
    suggestedName: string
    hostPort: number
    /** Where preferences are applied (Electron's session in the app); default nowhere. */
    applyPreferences?: ApplyPreferences
    /** Look harder's /info fetcher, and the directory's options, for tests that scan. */
    lookHarder?: AppOptions['lookHarder']
    directory?: AppOptions['directory']
    /** Options for the hub this instance hosts (a test's own limits, no rate limit…). */
    hub?: Partial<HubOptions>
    /** What "copy" does (the system clipboard in the app); default nothing. */
    copyText?: (text: string) => void
    /** System notifications (the notifier's show and wanted); default none. */
    notifications?: AppOptions['notifications']
    /** What files need of the platform (downloads folder, Show in folder…); default headless. */
    files?: AppOptions['files']
    /** The guest app its hosted rooms serve (a fixture build); default none. */
    guestApp?: AppOptions['guestApp']
    /** The app's own updates (a fake electron-updater port); default none. */
    updates?: AppOptions['updates']
  },
): Promise<AppInstance> {
  let send: (<K extends EventName>(name: K, payload: EventPayload<K>) => void) | null = null
  const hubs: Hub[] = []
  const hubOptions: HubOptions[] = []
  const app = createApp({
    dataDir: options.dataDir,
    logger: SILENT_LOGGER,
    suggestedName: options.suggestedName,
    hostPort: options.hostPort,
    platform: { copyText: options.copyText ?? (() => {}) },
    ...(options.applyPreferences ? { applyPreferences: options.applyPreferences } : {}),
    directory: {
      probeIntervalMs: 1_000,
      probeTimeoutMs: 800,
      ...options.directory,
    },
    ...(options.lookHarder ? { lookHarder: options.lookHarder } : {}),
    ...(options.notifications ? { notifications: options.notifications } : {}),
    ...(options.files ? { files: options.files } : {}),
    ...(options.guestApp ? { guestApp: options.guestApp } : {}),
    ...(options.updates ? { updates: options.updates } : {}),
    startHub: async (started: HubOptions) => {
      const merged = { ...started, ...options.hub }
      const hub = await Hub.start(merged)
      hubs.push(hub)
      hubOptions.push(merged)
      return hub
    },
    sink: (name, payload) => send?.(name, payload),
  })
  app.controller.start()
  const page = await openApp(browser, {
    url: options.url,
    handlers: app.handlers,
    events: (deliver) => {
      send = deliver
      return () => {
        send = null
      }
    },
  })
  return {
    ...page,
    app,
    hubs,
    hubOptions,
    close: async () => {
      await page.close()
      app.batcher.dispose()
      await app.controller.shutdown().catch(() => {})
    },
  }
}
