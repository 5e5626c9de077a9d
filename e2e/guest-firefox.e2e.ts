/// <reference lib="dom" />
/**
 * End-to-end, Firefox tier: the guest app (#16) in Debian's firefox-esr, the smoke flow of
 * e2e/guest-app.e2e.ts. A real hub with TLS serves the built guest page (out/guest) itself; the
 * guest link with its fingerprint opens in a phone-sized tab; the guest joins through the UI,
 * sees a Node member and its typing, chats both ways, and the Node member sees the guest,
 * marked as one. Firefox is driven over WebDriver BiDi by e2e/harness/firefox-bidi.ts, not by
 * Playwright (docs/security.md, "Which browsers are tested", says why).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { TestClient, cid } from '../test/support/ws-client'
import { ENTER, Firefox } from './harness/firefox-bidi'
import { firefoxTierSkip } from './harness/tier'
import { startGuestHub, type GuestHub } from '../test/support/guest-hub'

const skipReason = firefoxTierSkip('guest app in Firefox (end to end)')
const GUEST_DIR = join(process.cwd(), 'out', 'guest')
const PHONE = { width: 390, height: 844 }
const SHOTS = join(process.cwd(), 'artifacts', 'screenshots')
/** Safety net for one step in the page (typically well under a second). */
const STEP_MS = 30_000
/** Safety net for Firefox to start or end (typically 5-20 s on this loaded two-core machine). */
const LAUNCH_MS = 180_000
/** How often a typing person repeats "still typing" (docs/protocol.md, `typing`). */
const TYPING_REPEAT_MS = 2_000

// In the page (each is sent as source, so it uses nothing from this file).

/** The first element matching `selector` whose own text, trimmed, is `text`. */
const byText = (selector: string, text: string): Element | null =>
  Array.from(document.querySelectorAll(selector)).find(
    (element) => element.textContent?.trim() === text,
  ) ?? null

/** The control a <label> with this text names. */
const labelled = (text: string): Element | null =>
  Array.from(document.querySelectorAll('label')).find((label) => label.textContent?.trim() === text)
    ?.control ?? null

/** The people button (a phone's way to the member list), once it counts `count` people. */
const peopleButton = (count: string): Element | null => {
  const button = document.querySelector('button[title="People in the room"]')
  return button?.querySelector('span')?.firstChild?.textContent === count ? button : null
}

/** The member list's row for `name`, with each badge it carries. */
const memberBadges = (name: string): string[] | null => {
  const row = Array.from(document.querySelectorAll('li.member')).find(
    (item) => item.querySelector('.name')?.textContent === name,
  )
  return row ? Array.from(row.querySelectorAll('.badge'), (badge) => badge.textContent ?? '') : null
}

/** How IndexedDB keeps the guest's key: WebCrypto's CryptoKey, or @noble/ed25519's seed. */
const storedIdentity = (): Promise<{ kind: string; extractable: boolean | null }> =>
  new Promise((resolve, reject) => {
    const request = indexedDB.open('lanroom')
    request.onerror = () => reject(new Error('cannot open the identity database'))
    request.onsuccess = () => {
      const get = request.result
        .transaction('identity', 'readonly')
        .objectStore('identity')
        .get('self')
      get.onsuccess = () => {
        const value = get.result as { kind: string; privateKey?: CryptoKey }
        resolve({ kind: value.kind, extractable: value.privateKey?.extractable ?? null })
      }
    }
  })

describe.skipIf(skipReason !== null)('the guest app in Firefox', () => {
  const cleanups: Array<() => unknown> = []
  let firefox: Firefox | undefined
  beforeAll(async () => {
    firefox = await Firefox.launch()
  }, LAUNCH_MS)
  afterAll(() => firefox?.close(), LAUNCH_MS)
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  async function courtyard(): Promise<GuestHub> {
    const started = await startGuestHub('Courtyard')
    cleanups.push(started.stop)
    return started
  }

  it('joins from a phone-sized tab, sees members and typing, and chats both ways with Node', async () => {
    expect(existsSync(join(GUEST_DIR, 'index.html')), 'run npm run build first').toBe(true)
    if (!firefox) throw new Error('no Firefox')
    const ff = firefox
    const { hub, origin, fingerprint } = await courtyard()
    const tab = await ff.newTab(PHONE)
    await ff.navigate(tab, `${origin}/#fp=${fingerprint}`)

    // First run: a name, then the join step for this hub, the link's code matching the hub's.
    await ff.waitFor(tab, 'the first-run screen', STEP_MS, byText, 'h1', 'Welcome to LAN Room')
    await ff.click(tab, labelled, 'Display name')
    await ff.evaluate(tab, () => (document.activeElement as HTMLInputElement).select())
    await ff.type(tab, 'Flo')
    await ff.click(tab, byText, 'button', 'Continue')
    await ff.waitFor(tab, 'the join step', STEP_MS, byText, 'h2', 'Join this room')
    const match = 'The codes match: this is the room whose link or QR code you opened.'
    await ff.waitFor(tab, 'the codes compared', STEP_MS, byText, 'p.note span', match)
    await ff.click(tab, byText, 'button', 'Join')
    await ff.waitFor(tab, 'the room', STEP_MS, byText, 'h1', 'Courtyard')

    // A member on Node sees the guest, marked as one (and is not marked herself).
    const nora = new TestClient(`wss://127.0.0.1:${hub.port}/ws`)
    cleanups.push(() => nora.close())
    const welcome = await nora.join('Nora', cid('nora'))
    expect(welcome.members).toContainEqual(expect.objectContaining({ name: 'Flo', guest: true }))
    expect(welcome.you.guest).toBeUndefined()

    // The guest sees her in the member list (behind the people button on a phone).
    await ff.waitFor(tab, 'two people', STEP_MS, peopleButton, '2')
    await ff.click(tab, peopleButton, '2')
    await ff.waitFor(tab, 'Nora in the list', STEP_MS, memberBadges, 'Nora')
    expect(await ff.evaluate(tab, memberBadges, 'Nora')).toEqual([])
    expect(await ff.evaluate(tab, memberBadges, 'Flo')).toEqual(['You', 'Guest'])
    await ff.click(tab, byText, 'button', 'Close')

    // Nora types (repeating it, as a typing person does): the guest sees it.
    const typing = setInterval(
      () => nora.sendJson({ type: 'typing', active: true }),
      TYPING_REPEAT_MS,
    )
    cleanups.push(() => clearInterval(typing))
    nora.sendJson({ type: 'typing', active: true })
    await ff.waitFor(tab, 'Nora typing', STEP_MS, byText, '.typing .text', 'Nora is typing…')
    clearInterval(typing)

    // The guest types, key by key: Nora sees her typing, then her message.
    await ff.click(tab, labelled, 'Message')
    await ff.type(tab, 'hello from Firefox')
    await expect(nora.next('typing', STEP_MS)).resolves.toMatchObject({ name: 'Flo', active: true })
    await ff.type(tab, ENTER)
    await expect(nora.next('chat', STEP_MS)).resolves.toMatchObject({
      name: 'Flo',
      text: 'hello from Firefox',
    })
    nora.chat('n-1', 'hello from Node')
    await ff.waitFor(
      tab,
      'Nora’s message',
      STEP_MS,
      byText,
      'article.chat div.text',
      'hello from Node',
    )

    // Which Ed25519 this Firefox signs with: either is fine, the test says which.
    const identity = await ff.evaluate(tab, storedIdentity)
    console.info(`[e2e] Firefox ${ff.version} keeps the guest's Ed25519 key as: ${identity.kind}`)
    expect(identity).toEqual(
      identity.kind === 'webcrypto'
        ? { kind: 'webcrypto', extractable: false }
        : { kind: 'noble', extractable: null },
    )

    mkdirSync(SHOTS, { recursive: true })
    writeFileSync(join(SHOTS, 'guest-room-firefox.png'), await ff.screenshot(tab))
    expect(ff.pageErrors).toEqual([])
  })
})
