/// <reference lib="dom" />
/**
 * Firefox tier: the WebDriver BiDi driver itself (e2e/harness/firefox-bidi.ts) against a real
 * firefox-esr and a page served on loopback. It drives a page (arguments in, JSON out, a mouse
 * click, keys typed one by one, a screenshot), fails with a stable code and a sentence that
 * says what went wrong, and leaves nothing behind: the process it started ends and the
 * throwaway profile is gone.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BidiError, ENTER, Firefox } from './harness/firefox-bidi'
import { firefoxTierSkip } from './harness/tier'

const skipReason = firefoxTierSkip('Firefox driver')
/** Safety net for Firefox to start or end (typically 5-20 s on this loaded two-core machine). */
const LAUNCH_MS = 180_000
const STEP_MS = 30_000
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const PAGE = `<!doctype html><meta charset="utf-8"><title>driver</title>
<input id="field" aria-label="Field">
<button id="button" onclick="document.title = 'clicked ' + event.isTrusted">Press</button>
<p id="keys"></p>
<script>
  document.getElementById('field').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') document.getElementById('keys').textContent = 'Enter'
  })
</script>`

describe.skipIf(skipReason !== null)('the Firefox driver (WebDriver BiDi)', () => {
  let firefox: Firefox | undefined
  let server: Server | undefined
  let url = ''
  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      response.end(PAGE)
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    firefox = await Firefox.launch()
  }, LAUNCH_MS)
  afterAll(async () => {
    await firefox?.close()
    await new Promise((resolve) => server?.close(resolve))
  }, LAUNCH_MS)

  function ready(): Firefox {
    if (!firefox) throw new Error('no Firefox')
    return firefox
  }

  it('starts in a profile whose prefs keep Firefox off the network', () => {
    const prefs = readFileSync(join(ready().profileDir, 'user.js'), 'utf8')
    for (const off of [
      'user_pref("app.update.disabledForTesting", true);',
      'user_pref("toolkit.telemetry.enabled", false);',
      'user_pref("browser.safebrowsing.malware.enabled", false);',
      'user_pref("network.captive-portal-service.enabled", false);',
    ]) {
      expect(prefs).toContain(off)
    }
    expect(ready().version).toMatch(/^\d+\./)
  })

  it('drives a page: JSON in and out, a trusted click, keys one by one, a screenshot', async () => {
    const ff = ready()
    const tab = await ff.newTab({ width: 390, height: 844 })
    await ff.navigate(tab, url)
    expect(
      await ff.evaluate(
        tab,
        (a: number, b: string) => ({ size: [innerWidth, innerHeight], a, b }),
        7,
        'x',
      ),
    ).toEqual({ size: [390, 844], a: 7, b: 'x' })
    expect(await ff.evaluate(tab, () => undefined)).toBeNull()

    await ff.click(tab, (id: string) => document.getElementById(id), 'button')
    await ff.waitFor(tab, 'the click', STEP_MS, () => document.title === 'clicked true')

    await ff.click(tab, (id: string) => document.getElementById(id), 'field')
    await ff.type(tab, `héllo 👩‍💻${ENTER}`)
    await ff.waitFor(
      tab,
      'Enter',
      STEP_MS,
      () => document.getElementById('keys')?.textContent === 'Enter',
    )
    expect(
      await ff.evaluate(tab, () => (document.getElementById('field') as HTMLInputElement).value),
    ).toBe('héllo 👩‍💻')

    const png = await ff.screenshot(tab)
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    expect(ff.pageErrors).toEqual([])
  })

  it('fails with a stable code and a sentence: a throw, a wait, a missing element, a command', async () => {
    const ff = ready()
    const tab = await ff.newTab({ width: 390, height: 844 })
    await ff.navigate(tab, url)
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: unknown) =>
          error instanceof BidiError ? { code: error.code, message: error.message } : error,
      )

    await expect(
      failure(
        ff.evaluate(tab, () => {
          throw new Error('nope')
        }),
      ),
    ).resolves.toEqual({ code: 'bidi_exception', message: 'the page threw: Error: nope' })
    await expect(failure(ff.waitFor(tab, 'nothing', 200, () => false))).resolves.toEqual({
      code: 'bidi_wait_timeout',
      message: 'timed out after 200 ms waiting for nothing',
    })
    await expect(failure(ff.click(tab, () => document.getElementById('absent')))).resolves.toEqual({
      code: 'bidi_exception',
      message: 'the page threw: Error: no such element',
    })
    const never = {
      functionDeclaration: '() => new Promise(() => {})',
      awaitPromise: true as const,
      target: { context: tab },
      arguments: [],
    }
    await expect(failure(ff.send('script.callFunction', never, 200))).resolves.toEqual({
      code: 'bidi_timeout',
      message: 'script.callFunction: no answer from Firefox within 200 ms',
    })
    await expect(failure(ff.navigate('no-such-context', url))).resolves.toMatchObject({
      code: 'bidi_command',
      message: expect.stringMatching(/^browsingContext\.navigate: no such frame: /),
    })
    // An uncaught error in the page is collected, as Playwright's `pageerror` is.
    await ff.evaluate(
      tab,
      () =>
        void setTimeout(() => {
          throw new Error('uncaught')
        }),
    )
    await ff.waitFor(tab, 'a tick', STEP_MS, () => true)
    await expect.poll(() => ff.pageErrors).toEqual(['Error: uncaught'])
  })

  it(
    'ends the Firefox it started, by its pid, and removes the profile',
    async () => {
      const ff = ready()
      const { pid, profileDir } = ff
      expect(pid).toBeTypeOf('number')
      await ff.close()
      expect(() => process.kill(pid as number, 0)).toThrow(
        expect.objectContaining({ code: 'ESRCH' }),
      )
      expect(existsSync(profileDir)).toBe(false)
      await expect(ff.navigate('any', url)).rejects.toMatchObject({ code: 'bidi_closed' })
    },
    LAUNCH_MS,
  )
})
