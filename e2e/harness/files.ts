/**
 * Files in the timeline, as the browser tiers reach them: a file chat's row by its file name,
 * and files dropped on the conversation as a person's drag would drop them.
 */
import type { JSHandle, Locator, Page } from 'playwright-core'

/** The timeline row of the file chat holding this file name. */
export function fileRow(page: Page, name: string | RegExp): Locator {
  return page.locator('article.chat').filter({ has: page.locator('bdi.name', { hasText: name }) })
}

/** Drops a DataTransfer made in the page on the conversation (dragenter, dragover, drop). */
export async function dropFiles(page: Page, transfer: JSHandle<DataTransfer>): Promise<void> {
  const conversation = page.locator('main.conversation')
  await conversation.dispatchEvent('dragenter', { dataTransfer: transfer })
  await conversation.dispatchEvent('dragover', { dataTransfer: transfer })
  await conversation.dispatchEvent('drop', { dataTransfer: transfer })
}
