/**
 * The browser tier's common setup, for vitest files only (bench/ imports ./launch outside vitest):
 * whether it can run here, and one browser and renderer server per describe block.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { netnsUnavailableReason } from '../../test/support/netns'
import { serveRenderer } from './app-page'
import { firefoxUnavailable } from './firefox-process'
import { browserUnavailable, launchBrowser } from './launch'

/** Why a browser-tier file cannot run here (no Chromium, or no network namespace), or null. */
export function browserTierSkip(what: string): string | null {
  const reason = browserUnavailable() ?? netnsUnavailableReason()
  if (reason) console.warn(`[e2e] ${what} (browser tier) did not run: ${reason}`)
  return reason
}

/** Why a Firefox-tier file cannot run here (no firefox-esr, or no network namespace), or null. */
export function firefoxTierSkip(what: string): string | null {
  const reason = firefoxUnavailable() ?? netnsUnavailableReason()
  if (reason) console.warn(`[e2e] ${what} (Firefox tier) did not run: ${reason}`)
  return reason
}

/**
 * Launches Chromium and serves the built renderer for the describe block it is called in
 * (closed after it); read `browser` and `url` inside its tests.
 */
export function useBrowserTier(): { readonly browser: Browser; readonly url: string } {
  let browser: Browser | undefined
  let server: { url: string; close: () => Promise<void> } | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
    server = await serveRenderer()
  })
  afterAll(async () => {
    await server?.close()
    await browser?.close()
  })
  const ready = () => {
    if (!browser || !server) throw new Error('useBrowserTier: read only inside its tests')
    return { browser, server }
  }
  return {
    get browser() {
      return ready().browser
    },
    get url() {
      return ready().server.url
    },
  }
}
