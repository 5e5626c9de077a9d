/**
 * The Firefox process the BiDi driver (firefox-bidi.ts) talks to: Debian's firefox-esr,
 * headless, in a throwaway profile whose prefs keep it from making any connection of its own
 * (the tests talk only to the hub on loopback, inside a network namespace with no way out);
 * where its BiDi listens; and its end, by its pid, with the profile removed.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BidiError } from './firefox-bidi-protocol'

export const FIREFOX = process.env['LANROOM_FIREFOX'] ?? '/usr/bin/firefox-esr'

/** Why Firefox cannot be driven here, or null. */
export function firefoxUnavailable(): string | null {
  return existsSync(FIREFOX)
    ? null
    : `no Firefox at ${FIREFOX} (apt-get install firefox-esr, or set LANROOM_FIREFOX)`
}

/** A refused address on loopback: where every service URL Firefox has would otherwise go. */
const NOWHERE = 'http://127.0.0.1:9/'

/** Prefs for the throwaway profile: no updates, telemetry, studies, safe browsing, captive
 * portal or connectivity checks, prefetching, remote settings, or DNS over HTTPS. */
const PREFS: Record<string, string | number | boolean> = {
  'app.update.disabledForTesting': true,
  'app.update.auto': false,
  'app.normandy.enabled': false,
  'app.normandy.api_url': '',
  'app.shield.optoutstudies.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.search.update': false,
  'browser.region.update.enabled': false,
  'browser.region.network.url': '',
  'browser.newtabpage.enabled': false,
  'browser.startup.page': 0,
  'browser.startup.homepage': 'about:blank',
  'browser.shell.checkDefaultBrowser': false,
  'browser.aboutwelcome.enabled': false,
  'browser.discovery.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.usage.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': NOWHERE,
  'telemetry.fog.test.localhost_port': -1,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'captivedetect.canonicalURL': NOWHERE,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'services.settings.server': NOWHERE,
  'security.remote_settings.crlite_filters.enabled': false,
  'security.OCSP.enabled': 0,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'media.gmp-manager.updateEnabled': false,
  'geo.provider.network.url': '',
  // Headless and unfocused: focus and keyboard events as if the window had focus.
  'focusmanager.testmode': true,
}

export interface FirefoxProcess {
  /** Firefox's BiDi WebSocket endpoint (ws://127.0.0.1:PORT). */
  readonly url: string
  readonly pid: number | undefined
  readonly profileDir: string
  /** Waits for Firefox to exit (after browser.close), kills it by its pid if it has not within
   * `graceMs`, and removes the profile. */
  end(graceMs: number): Promise<void>
}

/** Starts Firefox and waits, at most `timeoutMs`, for it to say where BiDi listens. */
export async function startFirefox(timeoutMs: number): Promise<FirefoxProcess> {
  const profileDir = mkdtempSync(join(tmpdir(), 'lanroom-firefox-'))
  const lines = Object.entries(PREFS).map(
    ([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`,
  )
  writeFileSync(join(profileDir, 'user.js'), `${lines.join('\n')}\n`)
  const args = ['--headless', '--no-remote', '--remote-debugging-port=0', '--profile', profileDir]
  const child = spawn(FIREFOX, [...args, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
  })
  const end = async (graceMs: number) => {
    await exited(child, graceMs)
    rmSync(profileDir, { recursive: true, force: true })
  }
  try {
    const url = await listening(child, timeoutMs)
    return { url, pid: child.pid, profileDir, end }
  } catch (error) {
    child.kill('SIGKILL')
    await end(5_000)
    throw error
  }
}

/** Reads Firefox's stderr until it says where BiDi listens; keeps draining it afterwards. */
function listening(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = ''
    let found = false
    const fail = (why: string) => {
      clearTimeout(timer)
      const said = seen.slice(-2_000)
      reject(new BidiError('bidi_launch', `Firefox (${FIREFOX}) ${why}; it said: ${said}`))
    }
    const timer = setTimeout(
      () => fail(`did not start listening within ${timeoutMs} ms`),
      timeoutMs,
    )
    child.once('error', (error) => fail(`could not start: ${error.message}`))
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code}) before listening`))
    child.stderr?.on('data', (chunk: Buffer) => {
      // Drained to the end (a full pipe would stop Firefox), but read only until found.
      if (found || seen.length > 16_000) return
      seen += chunk.toString()
      const url = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(seen)?.[1]
      if (url) {
        found = true
        clearTimeout(timer)
        resolve(url)
      }
    })
  })
}

/** Waits for the process to exit, and kills it by its pid if it has not within `graceMs`. */
async function exited(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exit
  clearTimeout(timer)
}
