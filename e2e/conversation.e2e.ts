/// <reference lib="dom" />
/**
 * End-to-end, browser tier: the conversation features of issue #13 through the real
 * controllers and the real hub, two app instances on one network (Ada hosts, Bob joins):
 * reply, react, edit, delete, mention with a notification, "Seen by", scrolling back over
 * 2,000 messages to the first, and search with a jump to the result.
 */
import { freePort } from '../test/support/free-port'
import { afterEach, describe, expect, it } from 'vitest'
import { TestClient, cid, tempDir, waitFor } from '../test/support/ws-client'
import { launchApp, type AppInstance } from './harness/launch'
import { chatRow as row, chooseName, say } from './harness/screens'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('conversation (end to end)')
/** Steps that wait on the network between two instances (typically well under a second). */
const SLOW_STEP_MS = 40_000
/** Chats seeded into the room for paging back and search. */
const SEEDED = 2_600

describe.skipIf(skipReason !== null)('the conversation, through the controllers and hub', () => {
  const tier = useBrowserTier()
  const cleanups: Array<() => unknown> = []

  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  async function instance(name: string): Promise<AppInstance> {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const app = await launchApp(tier.browser, {
      url: tier.url,
      dataDir: dir.path,
      suggestedName: name,
      hostPort: await freePort(),
      // The seeding client sends thousands of chats at once.
      hub: { rateLimit: 0 },
    })
    cleanups.push(() => app.close())
    await chooseName(app.page, name)
    return app
  }

  /** Ada hosts "Atelier"; Bob joins it once he sees it nearby. */
  async function room(seed = 0): Promise<{ ada: AppInstance; bob: AppInstance }> {
    const ada = await instance('Ada')
    const bob = await instance('Bob')
    await ada.page.getByRole('button', { name: 'Host a room' }).click()
    await ada.page.getByLabel('Room name').fill('Atelier')
    await ada.page.getByRole('button', { name: /Host room/ }).click()
    await ada.page.getByRole('heading', { name: 'Atelier', level: 1 }).waitFor()
    if (seed > 0) await seedRoom(ada, seed)
    const join = bob.page.getByRole('button', { name: 'Join Atelier' })
    await join.waitFor({ timeout: SLOW_STEP_MS })
    await join.click()
    await bob.page.getByRole('heading', { name: 'Atelier', level: 1 }).waitFor()
    return { ada, bob }
  }

  /** Chats from a third member straight to Ada's hub: "seed N", with a needle every 500. */
  async function seedRoom(ada: AppInstance, count: number): Promise<void> {
    const hub = ada.hubs[0]
    if (!hub) throw new Error('Ada hosts no hub')
    const client = new TestClient(`wss://127.0.0.1:${hub.port}/ws`)
    cleanups.push(() => client.close())
    await client.join('Seeder', cid('seeder'))
    for (let sent = 0; sent < count;) {
      const batch = Math.min(200, count - sent)
      for (let i = 0; i < batch; i++) {
        sent++
        const text = sent % 500 === 7 ? `needle ${sent} in the hay` : `seed ${sent}`
        client.sendJson({ type: 'chat', id: `seed-${sent}`, text })
      }
      await waitFor(() => client.all('chat').length >= sent, SLOW_STEP_MS, 'seeded chats')
    }
  }

  it('replies, reacts, edits, deletes, mentions with a notification, and shows Seen by', async () => {
    const { ada, bob } = await room()
    const incoming: Array<{ text: string; mention?: boolean }> = []
    ada.app.controller.on('incoming', (chat) => incoming.push(chat))

    await say(ada.page, 'hello from Ada')
    await say(ada.page, 'a typo to take back')
    await row(bob.page, 'a typo to take back').waitFor({ timeout: SLOW_STEP_MS })

    // Bob replies to Ada's first message: both see the quote.
    const original = row(bob.page, 'hello from Ada')
    await original.hover()
    await original.getByRole('button', { name: 'Reply' }).click()
    await bob.page.getByText('Replying to Ada').waitFor()
    await say(bob.page, 'hi back')
    const quoted = row(ada.page, 'hi back')
    await quoted
      .getByRole('button', { name: /Reply to Ada: hello from Ada/ })
      .waitFor({ timeout: SLOW_STEP_MS })

    // Bob reacts; Ada sees who.
    await original.hover()
    await original.getByRole('button', { name: 'Add a reaction' }).click()
    await bob.page.getByRole('button', { name: 'React with 👍' }).click()
    await row(ada.page, 'hello from Ada')
      .getByRole('button', { name: '👍 1: Bob' })
      .waitFor({ timeout: SLOW_STEP_MS })
    expect(
      await row(bob.page, 'hello from Ada')
        .getByRole('button', { name: '👍 1: Bob' })
        .getAttribute('aria-pressed'),
    ).toBe('true')

    // Ada edits her message; Bob sees the new text, marked, and the quote follows.
    const mine = row(ada.page, 'hello from Ada')
    await mine.hover()
    await mine.getByRole('button', { name: 'Edit' }).click()
    const editor = ada.page.getByLabel('Edit message')
    await editor.fill('hello from Ada, edited')
    await editor.press('Enter')
    await row(bob.page, 'hello from Ada, edited')
      .getByText('(edited)')
      .waitFor({ timeout: SLOW_STEP_MS })

    // Ada deletes the other one, after confirming; Bob sees "message deleted" in its place.
    const typo = row(ada.page, 'a typo to take back')
    await typo.hover()
    await typo.getByRole('button', { name: 'Delete' }).click()
    await ada.page
      .getByRole('dialog', { name: 'Delete this message?' })
      .getByRole('button', { name: 'Delete' })
      .click()
    await expect
      .poll(() => row(bob.page, 'a typo to take back').count(), { timeout: SLOW_STEP_MS })
      .toBe(0)
    await row(bob.page, 'message deleted').waitFor()

    // Bob mentions Ada through the picker: Ada's window marks it, her controller notifies.
    const composer = bob.page.getByLabel('Message', { exact: true })
    await composer.pressSequentially('look @A')
    await bob.page.getByRole('option', { name: '@Ada' }).waitFor()
    await composer.press('Enter')
    await composer.pressSequentially('here')
    await composer.press('Enter')
    const mention = row(ada.page, 'look @Ada here')
    await mention.waitFor({ timeout: SLOW_STEP_MS })
    expect(await mention.getAttribute('class')).toContain('mentioned')
    await expect
      .poll(() => incoming.find((chat) => chat.text === 'look @Ada here')?.mention)
      .toBe(true)

    // Ada writes again; Bob's window, open on the room, reads it: "Seen by 1" with his name.
    await say(ada.page, 'did you see this?')
    const seen = ada.page.getByText('Seen by 1')
    await seen.waitFor({ timeout: SLOW_STEP_MS })
    expect(await ada.page.locator('.seen').getAttribute('title')).toBe('Seen by Bob')
    expect([...ada.problems, ...bob.problems]).toEqual([])
  }, 180_000)

  it('scrolls back over 2,000 messages to the first', async () => {
    const { bob } = await room(SEEDED)
    const { page } = bob
    await row(page, `seed ${SEEDED}`).waitFor({ timeout: SLOW_STEP_MS })
    const scroller = page.getByRole('region', { name: 'Messages in Atelier' })
    const firstKey = (): Promise<string | undefined> =>
      scroller.evaluate((el) => el.querySelector<HTMLElement>('article.chat')?.dataset['key'])
    let pages = 0
    while ((await page.getByText('Start of the room').count()) === 0) {
      pages++
      expect(pages).toBeLessThan(100)
      const before = await firstKey()
      await scroller.evaluate((el) => el.scrollTo({ top: 0 }))
      await expect
        .poll(
          async () =>
            (await firstKey()) !== before ||
            (await page.getByText('Start of the room').count()) > 0,
          { timeout: SLOW_STEP_MS },
        )
        .toBe(true)
    }
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }))
    await row(page, 'seed 1').waitFor()
    expect(pages).toBeGreaterThan(5)
    expect(bob.problems).toEqual([])
  }, 240_000)

  it('searches the whole history and jumps to a match far back', async () => {
    const { bob } = await room(SEEDED)
    const { page } = bob
    await row(page, `seed ${SEEDED}`).waitFor({ timeout: SLOW_STEP_MS })
    await page.getByLabel('Message', { exact: true }).press('Control+f')
    const box = page.getByLabel('Search messages')
    await box.fill('needle')
    await box.press('Enter')
    const results = page.getByRole('list', { name: 'Results for needle' })
    await results.waitFor({ timeout: SLOW_STEP_MS })
    // Needles at 7, 507, … 2507: six, newest first, with the word marked.
    await expect.poll(() => results.getByRole('button').count()).toBe(6)
    expect(await results.locator('mark').first().innerText()).toBe('needle')
    await results.getByRole('button', { name: /needle 7 in the hay/ }).click()
    const found = row(page, 'needle 7 in the hay')
    await found.waitFor({ timeout: SLOW_STEP_MS })
    await expect.poll(() => found.getAttribute('class')).toContain('highlighted')
    const inView = await found.evaluate((el) => {
      const box = el.getBoundingClientRect()
      return box.top >= 0 && box.bottom <= window.innerHeight
    })
    expect(inView).toBe(true)
    expect(bob.problems).toEqual([])
  }, 240_000)
})
