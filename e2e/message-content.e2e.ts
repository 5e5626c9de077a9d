/// <reference lib="dom" />
/**
 * End-to-end, browser tier: what a message shows and what can be done with it (issue #14),
 * through the real controllers and the real hub, two app instances (Ada hosts, Bob joins):
 * formatting and hostile markup, a code block's Copy, emoji-only messages, the emoji picker and
 * `:shortcodes:`, "Show more", right-to-left text, copying a selection of several messages, and
 * the context menu from the mouse and the keyboard.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort } from '../test/support/free-port'
import { tempDir } from '../test/support/ws-client'
import { launchApp, type AppInstance } from './harness/launch'
import { chatRow as row, chooseName, say } from './harness/screens'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('message content (end to end)')
/** Steps that wait on the network between two instances (typically well under a second). */
const SLOW_STEP_MS = 40_000
const SHOTS = join(process.cwd(), 'artifacts', 'screenshots')

describe.skipIf(skipReason !== null)('message content, through the controllers and hub', () => {
  const tier = useBrowserTier()
  const cleanups: Array<() => unknown> = []

  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.()
  })

  async function instance(name: string, copied: string[]): Promise<AppInstance> {
    const dir = tempDir()
    cleanups.push(dir.remove)
    const app = await launchApp(tier.browser, {
      url: tier.url,
      dataDir: dir.path,
      suggestedName: name,
      hostPort: await freePort(),
      copyText: (text) => copied.push(text),
    })
    cleanups.push(() => app.close())
    await chooseName(app.page, name)
    return app
  }

  /** Ada hosts "Typeset"; Bob joins it once he sees it nearby. */
  async function room(): Promise<{ ada: AppInstance; bob: AppInstance; copied: string[] }> {
    const copied: string[] = []
    const ada = await instance('Ada', [])
    const bob = await instance('Bob', copied)
    await ada.page.getByRole('button', { name: 'Host a room' }).click()
    await ada.page.getByLabel('Room name').fill('Typeset')
    await ada.page.getByRole('button', { name: /Host room/ }).click()
    await ada.page.getByRole('heading', { name: 'Typeset', level: 1 }).waitFor()
    const join = bob.page.getByRole('button', { name: 'Join Typeset' })
    await join.waitFor({ timeout: SLOW_STEP_MS })
    await join.click()
    await bob.page.getByRole('heading', { name: 'Typeset', level: 1 }).waitFor()
    return { ada, bob, copied }
  }

  it('formats safely, copies code, enlarges emoji, picks emoji, expands shortcodes and folds', async () => {
    const { ada, bob, copied } = await room()
    const page = bob.page

    // Formatting, with a mention (chosen in the picker) inside bold text.
    const adaComposer = ada.page.getByLabel('Message', { exact: true })
    await adaComposer.fill('**hi ')
    await adaComposer.pressSequentially('@Bo')
    await ada.page.getByRole('option', { name: '@Bob' }).waitFor()
    await adaComposer.press('Enter')
    await adaComposer.pressSequentially(
      'there** _slanted_ ~~gone~~ `x < y` see https://example.com/a',
    )
    await adaComposer.press('Enter')
    const formatted = row(page, 'slanted')
    await formatted.waitFor({ timeout: SLOW_STEP_MS })
    await expect.poll(() => formatted.locator('strong').textContent()).toBe('hi @Bob there')
    expect(await formatted.locator('strong .mention').textContent()).toBe('@Bob')
    expect(await formatted.locator('em').textContent()).toBe('slanted')
    expect(await formatted.locator('s').textContent()).toBe('gone')
    expect(await formatted.locator('code').textContent()).toBe('x < y')
    expect(await formatted.locator('a').getAttribute('href')).toBe('https://example.com/a')

    // Hostile markup is text: no element made, no script run, no javascript: link.
    const hostile = '<img src=x onerror="window.__pwned=1"> [click](javascript:window.__pwned=2)'
    await say(ada.page, hostile)
    const inert = row(page, 'click')
    await inert.waitFor({ timeout: SLOW_STEP_MS })
    expect(await inert.locator('div.text').innerText()).toBe(hostile)
    expect(await inert.locator('img').count()).toBe(0)
    expect(await inert.locator('a').count()).toBe(0)
    expect(await page.evaluate('window.__pwned')).toBeUndefined()

    // A code block: monospace, verbatim, and its Copy button copies the code alone.
    await say(ada.page, '```js\nconst answer = 42\n  return **answer**\n```')
    const code = row(page, 'const answer')
    await code.waitFor({ timeout: SLOW_STEP_MS })
    const pre = code.locator('pre')
    expect(await pre.textContent()).toBe('const answer = 42\n  return **answer**')
    expect(await pre.evaluate((element) => getComputedStyle(element).fontFamily)).toMatch(/mono/i)
    await code.getByRole('button', { name: 'Copy code' }).click()
    await expect.poll(() => copied.at(-1)).toBe('const answer = 42\n  return **answer**')

    // Emoji only: enlarged; with words: not.
    await say(ada.page, '🎉🎉')
    const party = row(page, '🎉🎉')
    await party.waitFor({ timeout: SLOW_STEP_MS })
    expect(
      await party.locator('div.text').evaluate((element) => getComputedStyle(element).fontSize),
    ).toBe('32px')

    // The picker in the composer, from the app's own data, and a shortcode typed.
    await page.getByRole('button', { name: 'Emoji', exact: true }).click()
    const picker = page.getByRole('dialog', { name: 'Insert an emoji' })
    await picker.getByLabel('Search emoji').fill('rocket')
    await picker.getByRole('button', { name: 'rocket', exact: true }).click()
    const composer = page.getByLabel('Message', { exact: true })
    await expect.poll(() => composer.inputValue()).toBe('🚀')
    await composer.press('End')
    await composer.pressSequentially(' ship it :thumbsup:')
    await expect.poll(() => composer.inputValue()).toBe('🚀 ship it 👍️')
    await composer.press('Enter')
    await row(ada.page, '🚀 ship it 👍️').waitFor({ timeout: SLOW_STEP_MS })

    // The reaction palette's More opens the full picker.
    await formatted.hover()
    await formatted.getByRole('button', { name: 'Add a reaction' }).click()
    await page.getByRole('button', { name: 'More emoji' }).click()
    const reactions = page.getByRole('dialog', { name: 'Pick a reaction' })
    await reactions.getByLabel('Search emoji').fill('avocado')
    await reactions.getByRole('button', { name: 'avocado' }).click()
    await row(ada.page, 'slanted')
      .getByRole('button', { name: '🥑 1: Bob' })
      .waitFor({ timeout: SLOW_STEP_MS })

    // A quote, to see with the rest.
    await say(ada.page, '> quoted line\nand the answer')
    await row(page, 'and the answer').waitFor({ timeout: SLOW_STEP_MS })
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: join(SHOTS, 'message-formatting.png') })

    // A long message folds; Show more opens it from the keyboard, Show less closes it.
    await say(ada.page, `long start ${'lorem ipsum dolor '.repeat(80)}long end`)
    const long = row(page, 'long start')
    await long.waitFor({ timeout: SLOW_STEP_MS })
    const text = long.locator('div.text')
    const foldedHeight = await text.evaluate((element) => element.clientHeight)
    expect(foldedHeight).toBeLessThanOrEqual(12 * 20)
    const more = long.getByRole('button', { name: 'Show more' })
    expect(await more.getAttribute('aria-expanded')).toBe('false')
    await more.focus()
    await page.keyboard.press('Enter')
    const less = long.getByRole('button', { name: 'Show less' })
    await less.waitFor()
    expect(await less.getAttribute('aria-expanded')).toBe('true')
    expect(await text.evaluate((element) => element.clientHeight)).toBeGreaterThan(foldedHeight)
  })

  it('lays out right-to-left text, copies a selection as people paste it, and has a context menu', async () => {
    const { ada, bob, copied } = await room()
    const page = bob.page
    await say(ada.page, 'مرحبا بالعالم، كيف حالك؟')
    await say(ada.page, 'שלום עולם, מה שלומך?')
    await say(ada.page, 'Hello שלום world')
    const arabic = row(page, 'مرحبا')
    const hebrew = row(page, 'שלום עולם')
    const mixed = row(page, 'Hello')
    await mixed.waitFor({ timeout: SLOW_STEP_MS })
    const direction = (locator: Locator): Promise<string> =>
      locator
        .locator('p')
        .first()
        .evaluate((element) => getComputedStyle(element).direction)
    expect(await direction(arabic)).toBe('rtl')
    expect(await direction(hebrew)).toBe('rtl')
    expect(await direction(mixed)).toBe('ltr')
    // Names are isolated from the text around them.
    expect(
      await page
        .locator('article.chat .name')
        .first()
        .evaluate((e) => e.tagName),
    ).toBe('BDI')
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: join(SHOTS, 'rtl-messages.png') })
    // Right-to-left text starts at the right of the text column.
    const edges = await hebrew.locator('div.text').evaluate((element) => {
      const box = element.getBoundingClientRect()
      const words = document.createRange()
      words.selectNodeContents(element.querySelector('p') as Element)
      const text = words.getBoundingClientRect()
      return { left: box.left, right: box.right, textLeft: text.left, textRight: text.right }
    })
    expect(Math.abs(edges.right - edges.textRight)).toBeLessThan(2)
    expect(edges.textLeft - edges.left).toBeGreaterThan(100)

    // A selection over the three messages: names, times and visible text only.
    const copiedText = (await page.evaluate(`(() => {
      const rows = [...document.querySelectorAll('article.chat')].slice(-3)
      const range = document.createRange()
      range.setStartBefore(rows[0])
      range.setEndAfter(rows[2])
      const selection = document.getSelection()
      selection.removeAllRanges()
      selection.addRange(range)
      const data = new DataTransfer()
      document.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }))
      return data.getData('text/plain')
    })()`)) as string
    expect(copiedText).toMatch(
      /^Ada, \d{1,2}:\d{2}.*\nمرحبا بالعالم، كيف حالك؟\n\nAda, .+\nשלום עולם, מה שלומך\?\n\nAda, .+\nHello שלום world$/u,
    )
    expect(copiedText).not.toMatch(/Sent|Reply|Sending/)
    await page.evaluate('document.getSelection().removeAllRanges()')

    // The context menu, from the mouse: Copy text first; Reply works from it.
    await hebrew.click({ button: 'right' })
    const menu = page.getByRole('menu', { name: 'Message from Ada' })
    await menu.waitFor()
    const items = await menu.getByRole('menuitem').allTextContents()
    expect(items.map((item) => item.trim())).toEqual(['Copy text', 'Reply', 'React…'])
    await menu.getByRole('menuitem', { name: 'Copy text' }).click()
    await expect.poll(() => copied.at(-1)).toBe('שלום עולם, מה שלומך?')
    expect(await menu.count()).toBe(0)

    // From the keyboard (Shift+F10) on Bob's own message: edit and delete are there too; Esc
    // closes it and gives the focus back to the message.
    await say(page, 'mine to change')
    const mine = row(page, 'mine to change')
    await mine.waitFor()
    await mine.focus()
    await page.keyboard.press('Shift+F10')
    const own = page.getByRole('menu', { name: 'Message from Bob' })
    await own.waitFor()
    await expect
      .poll(async () => (await own.getByRole('menuitem').allTextContents()).map((t) => t.trim()))
      .toEqual(['Copy text', 'Reply', 'React…', 'Edit', 'Delete'])
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Escape')
    expect(await own.count()).toBe(0)
    expect(await mine.evaluate((element) => element === document.activeElement)).toBe(true)
    await page.keyboard.press('Shift+F10')
    await own.getByRole('menuitem', { name: 'Reply' }).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.getByText('Replying to Bob').waitFor()
  })
})
