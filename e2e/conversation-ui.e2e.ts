/// <reference lib="dom" />
/**
 * Browser tier, the window alone: replies, reactions, edits, deletes, mentions, "Seen by",
 * paging back and search as the renderer shows and sends them, against a stand-in for the
 * controller (e2e/harness/fake-room.ts) that answers as the contract says. The same through
 * the real controller and hub is e2e/conversation.e2e.ts.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { openApp, type AppPage } from './harness/app-page'
import { BOB, FakeRoom, ME } from './harness/fake-room'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('conversation (window)')
const SHOTS = join(process.cwd(), 'artifacts', 'screenshots')

/** Row of the timeline holding this text. */
function row(page: Page, text: string | RegExp): Locator {
  // By the message's own text, not a quote of it in a reply.
  return page
    .locator('article.chat')
    .filter({ has: page.locator('div.text', { hasText: text }) })
    .last()
}

/** The seq-th message is a "needle" every 500 messages, for search. */
const text = (seq: number): string =>
  seq % 500 === 7 ? `needle number ${seq} in the hay` : `message ${seq}`

describe.skipIf(skipReason !== null)('the conversation in the window', () => {
  const tier = useBrowserTier()
  let app: AppPage | undefined

  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  async function open(room: FakeRoom, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    app = await openApp(tier.browser, {
      url: tier.url,
      handlers: room.handlers(),
      events: room.events,
      colorScheme,
    })
    await app.page.getByRole('heading', { name: 'Lab', level: 1 }).waitFor()
    return app.page
  }

  it('replies, reacts, edits, deletes and mentions, by mouse and keyboard', async () => {
    const room = new FakeRoom({ history: 30 })
    const page = await open(room)
    await row(page, 'message 30').waitFor()

    // Reply, from the toolbar the message shows on hover.
    await row(page, 'message 28').hover()
    await row(page, 'message 28').getByRole('button', { name: 'Reply' }).click()
    await page.getByText('Replying to Bob').waitFor()
    const composer = page.getByLabel('Message', { exact: true })
    await expect.poll(() => composer.evaluate((el) => el === document.activeElement)).toBe(true)
    await composer.fill('an answer')
    await composer.press('Enter')
    await expect
      .poll(() => room.calls.at(-1))
      .toEqual({
        name: 'sendChat',
        args: { text: 'an answer', replyTo: 28 },
      })
    const answer = row(page, 'an answer')
    await answer.getByRole('button', { name: /Reply to Bob: message 28/ }).waitFor()
    expect(await page.getByText('Replying to Bob').count()).toBe(0)

    // Esc in the composer drops a reply.
    await row(page, 'message 25').hover()
    await row(page, 'message 25').getByRole('button', { name: 'Reply' }).click()
    await page.getByText('Replying to Bob').waitFor()
    await composer.press('Escape')
    await expect.poll(() => page.getByText('Replying to Bob').count()).toBe(0)

    // React, by keyboard: a message takes the focus, and its toolbar comes with it.
    const target = row(page, 'message 29')
    await target.focus()
    const toolbar = target.getByRole('toolbar', { name: 'Message from Cy' })
    await toolbar.waitFor()
    expect(await toolbar.evaluate((el) => getComputedStyle(el).opacity)).toBe('1')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Add a reaction',
    )
    await page.keyboard.press('Enter')
    await target.getByRole('toolbar', { name: 'Pick a reaction' }).waitFor()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => room.calls.at(-1))
      .toEqual({
        name: 'react',
        args: { seq: 29, emoji: '❤️' },
      })
    const chip = target.getByRole('button', { name: '❤️ 1: Ada' })
    await chip.waitFor()
    expect(await chip.getAttribute('aria-pressed')).toBe('true')
    expect(await chip.getAttribute('title')).toBe('❤️ 1: Ada')
    await chip.click()
    await expect
      .poll(() => room.calls.at(-1))
      .toEqual({
        name: 'unreact',
        args: { seq: 29, emoji: '❤️' },
      })
    await expect.poll(() => chip.count()).toBe(0)

    // Edit your own: Enter saves, and the message says so.
    const own = page.locator('[data-key="c:30"]')
    await own.hover()
    await own.getByRole('button', { name: 'Edit' }).click()
    const editor = own.getByLabel('Edit message')
    await editor.fill('message 30, fixed')
    await editor.press('Enter')
    await expect
      .poll(() => room.calls.at(-1))
      .toEqual({
        name: 'editMessage',
        args: { seq: 30, text: 'message 30, fixed' },
      })
    await row(page, 'message 30, fixed').getByText('(edited)').waitFor()
    // Up in the empty composer edits your last message; Esc gives the composer back.
    await composer.fill('')
    await composer.press('ArrowUp')
    // "an answer", sent above, is the latest.
    await page.locator('[data-key="c:31"]').getByLabel('Edit message').press('Escape')
    await expect.poll(() => page.getByLabel('Edit message').count()).toBe(0)
    // Esc cancels an edit; others' messages have no Edit or Delete.
    const other = page.locator('[data-key="c:27"]')
    await other.hover()
    await other.getByRole('button', { name: 'Edit' }).click()
    await other.getByLabel('Edit message').press('Escape')
    await expect.poll(() => page.getByLabel('Edit message').count()).toBe(0)
    expect(await row(page, 'message 29').getByRole('button', { name: 'Edit' }).count()).toBe(0)
    expect(await row(page, 'message 29').getByRole('button', { name: 'Delete' }).count()).toBe(0)

    // Delete your own, after a confirmation; the quote of the answer follows.
    const doomed = row(page, 'message 24')
    await doomed.hover()
    await doomed.getByRole('button', { name: 'Delete' }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete this message?' })
    await dialog.getByRole('button', { name: 'Delete' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    expect(room.calls.at(-1)).toEqual({ name: 'deleteMessage', args: { seq: 24 } })
    const gone = page.locator('article.chat').filter({ hasText: 'message deleted' })
    await gone.waitFor()
    expect(await gone.getByRole('toolbar').count()).toBe(0)

    // Copy text.
    await row(page, 'message 29').hover()
    await row(page, 'message 29').getByRole('button', { name: 'Copy text' }).click()
    await expect
      .poll(() => room.calls.at(-1))
      .toEqual({
        name: 'copyText',
        args: { text: 'message 29' },
      })

    // Mention: @ opens the picker, arrows choose, Enter inserts; the client id goes along.
    await composer.fill('')
    await composer.pressSequentially('hi @')
    const picker = page.getByRole('listbox', { name: 'Mention someone' })
    await picker.waitFor()
    expect(await picker.getByRole('option').allInnerTexts()).toEqual([
      '@Bob',
      '@Cy',
      expect.stringContaining('@room'),
    ])
    await composer.pressSequentially('B')
    await expect.poll(() => picker.getByRole('option').count()).toBe(1)
    await composer.press('Enter')
    expect(await composer.inputValue()).toBe('hi @Bob ')
    await composer.pressSequentially('and @ro')
    await composer.press('Enter')
    await composer.press('Enter')
    await expect
      .poll(() => room.calls.at(-1))
      .toEqual({
        name: 'sendChat',
        args: { text: 'hi @Bob and @room ', mentions: [BOB.clientId], mentionsRoom: true },
      })
    await row(page, 'hi @Bob').locator('.mention', { hasText: '@Bob' }).waitFor()

    // A message that mentions you stands out.
    room.receive(BOB, 'look @Ada', { mentions: [ME.clientId], mentionsYou: true })
    const mentioned = row(page, 'look @Ada')
    await mentioned.waitFor()
    expect(await mentioned.getAttribute('class')).toContain('mentioned')
    await mentioned.locator('.mention', { hasText: '@Ada' }).waitFor()

    // Seen by, on your latest message, with the names on hover and for screen readers.
    const latest = room.all.filter((chat) => chat.own).at(-1)
    room.reads = [{ ...BOB, seq: latest?.seq ?? 0 }]
    room.publish()
    const seen = page.getByText('Seen by 1')
    await seen.waitFor()
    expect(await page.locator('.seen').getAttribute('title')).toBe('Seen by Bob')

    // Copying a selection gives the messages' text, not the hidden UI around them.
    const copied = await page.evaluate(() => {
      const rows = document.querySelectorAll('article.chat')
      const selection = window.getSelection()
      const range = document.createRange()
      range.setStartBefore(rows[rows.length - 4] as Node)
      range.setEndAfter(rows[rows.length - 1] as Node)
      selection?.removeAllRanges()
      selection?.addRange(range)
      return selection?.toString() ?? ''
    })
    expect(copied).toContain('hi @Bob and @room')
    for (const noise of ['Add a reaction', 'Sent', 'Seen by', 'Copy text', 'Reply']) {
      expect(copied).not.toContain(noise)
    }

    mkdirSync(SHOTS, { recursive: true })
    await row(page, 'an answer').hover()
    await page.screenshot({ path: join(SHOTS, 'conversation-light.png') })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: join(SHOTS, 'conversation-dark.png') })
    expect(app?.problems).toEqual([])
  }, 120_000)

  it('pages back 2,000 messages to the start, keeping the view steady', async () => {
    const room = new FakeRoom({ history: 2_500, pageDelayMs: 1_000 })
    const page = await open(room)
    await row(page, 'message 2500').waitFor()
    const scroller = page.getByRole('region', { name: 'Messages in Lab' })
    const loads = (): number => room.calls.filter((call) => call.name === 'loadOlder').length
    /** The first row in view: its key and where it is. */
    const topRow = (): Promise<{ key: string; top: number } | null> =>
      scroller.evaluate((el) => {
        const top = el.getBoundingClientRect().top
        const rows = [...el.querySelectorAll<HTMLElement>('article.chat')]
        const first = rows.find((r) => r.getBoundingClientRect().top >= top)
        return first
          ? { key: first.dataset['key'] ?? '', top: first.getBoundingClientRect().top }
          : null
      })
    const topOf = (key: string): Promise<number | null> =>
      scroller.evaluate(
        (el, k) => el.querySelector(`[data-key="${k}"]`)?.getBoundingClientRect().top ?? null,
        key,
      )
    let steps = 0
    let drift = 0
    while (!(await page.getByText('Start of the room').isVisible())) {
      steps++
      expect(steps).toBeLessThan(100)
      const before = loads()
      await scroller.evaluate((el) => el.scrollTo({ top: 0 }))
      // Asked once at the top; the page arrives a moment later (pageDelayMs).
      await expect.poll(loads).toBeGreaterThan(before)
      const mark = await topRow()
      expect(await page.getByText('Loading older messages…').isVisible(), `page ${steps}`).toBe(
        true,
      )
      await expect.poll(() => page.getByText('Loading older messages…').count()).toBe(0)
      await page.waitForTimeout(50)
      // The row that was on top stays where it was: the page went in above it.
      if (mark) {
        const now = await topOf(mark.key)
        expect(now).not.toBeNull()
        drift = Math.max(drift, Math.abs((now ?? 0) - mark.top))
      }
      expect(loads()).toBe(before + 1)
    }
    expect(drift).toBeLessThan(40)
    const pages = room.calls.filter((call) => call.name === 'loadOlder').length
    expect(pages).toBeGreaterThanOrEqual(12)
    // "Start of the room" is in the page once known; the first message is at the very top.
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }))
    await page.locator('[data-key="c:1"]').waitFor()
    // One page at a time, never two asked at once, and the rows stay in order.
    expect(await page.getByText('Loading older messages…').count()).toBe(0)
    const order = await scroller.evaluate((el) =>
      [...el.querySelectorAll('article.chat')].slice(0, 3).map((r) => r.textContent),
    )
    expect(order.join('|')).toMatch(/message 1\b.*message 2\b.*message 3\b/)
    expect(app?.problems).toEqual([])
  }, 180_000)

  it('searches with Ctrl+F, shows the matches safely, pages results and jumps to one', async () => {
    const room = new FakeRoom({ history: 6_000, text })
    const page = await open(room)
    await row(page, 'message 6000').waitFor()
    await page.getByLabel('Message', { exact: true }).press('Control+f')
    const box = page.getByLabel('Search messages')
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true)
    await box.fill('needle')
    await box.press('Enter')
    const results = page.getByRole('list', { name: 'Results for needle' })
    await results.waitFor()
    expect(await results.getByRole('button').count()).toBe(10)
    expect(await results.locator('mark').first().innerText()).toBe('needle')
    await page.getByRole('button', { name: 'More results' }).click()
    await expect.poll(() => results.getByRole('button').count()).toBe(12)
    expect(room.calls.filter((call) => call.name === 'search').at(-1)?.args).toEqual({
      text: 'needle',
      before: 1007,
    })
    await results.getByRole('button', { name: /needle number 507 / }).click()
    await expect.poll(() => room.calls.at(-1)).toEqual({ name: 'openAt', args: { seq: 507 } })
    const found = row(page, 'needle number 507 in the hay')
    await found.waitFor()
    await expect.poll(() => found.getAttribute('class')).toContain('highlighted')
    await expect.poll(() => found.evaluate((el) => el === document.activeElement)).toBe(true)
    const inView = await found.evaluate((el) => {
      const box = el.getBoundingClientRect()
      return box.top >= 0 && box.bottom <= window.innerHeight
    })
    expect(inView).toBe(true)
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: join(SHOTS, 'search-light.png') })
    await box.press('Escape')
    await expect.poll(() => results.count()).toBe(0)
    expect(app?.problems).toEqual([])
  }, 120_000)

  it('turns read receipts off in the settings', async () => {
    const room = new FakeRoom({ history: 1 })
    const setPreferences: unknown[] = []
    const handlers = room.handlers()
    app = await openApp(tier.browser, {
      url: tier.url,
      handlers: {
        ...handlers,
        getSnapshot: () => ({ ...room.snapshot(), situation: 'idle', room: null }),
        setPreferences: (args) => {
          setPreferences.push(args)
          return handlers.setPreferences(args)
        },
      },
      events: room.events,
    })
    const { page } = app
    await page.getByRole('button', { name: 'Settings' }).click()
    const box = page.getByRole('checkbox', { name: 'Send read receipts' })
    await expect.poll(() => box.isChecked()).toBe(true)
    await box.uncheck()
    await expect.poll(() => setPreferences.at(-1)).toEqual({ readReceipts: false })
  }, 60_000)
})
