/// <reference lib="dom" />
/**
 * Browser tier, the window alone: the member list of a full clustered room (maxRoomMembers,
 * 8,192 people; docs/cluster.md) stays a list of the rows in view, reaches its last member by
 * keyboard, and follows changes, against a stand-in for the controller (harness/fake-room.ts).
 * It prints how long the window takes to show such a room, and main to fit its snapshot to the
 * contract; nothing is asserted on those but a safety net.
 */
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { MemberView, Snapshot } from '../src/shared/bridge'
import { LIMITS } from '../src/shared/protocol'
import { prepareEvent } from '../src/main/bridge/payload-fit'
import { openApp, type AppPage } from './harness/app-page'
import { FakeRoom } from './harness/fake-room'
import { browserTierSkip, useBrowserTier } from './harness/tier'

const skipReason = browserTierSkip('crowd (window)')

/** FakeRoom's three members, and as many more as `crowd` says. */
class CrowdRoom extends FakeRoom {
  crowd: MemberView[] = []

  override snapshot(): Snapshot {
    const snapshot = super.snapshot()
    const room = snapshot.room
    if (!room) return snapshot
    return { ...snapshot, room: { ...room, members: [...room.members, ...this.crowd] } }
  }
}

/** Members beyond FakeRoom's three, as the page makes them too (see `shown`). */
function crowdOf(count: number): MemberView[] {
  return Array.from({ length: count }, (_, i) => {
    const id = String(i + 3).padStart(8, '0')
    return { clientId: `crowd-${id}`, name: `Member ${id}`, host: false, you: false, guest: false }
  })
}

/**
 * Hands the window the room with `count` members as main would (the event as main sends it,
 * the members made in the page: through the test harness a payload this large takes seconds of
 * the page's own time to arrive, which Electron's IPC does not), and waits until the member
 * list's heading counts them and a frame has been drawn: how long that took, in ms.
 */
async function shown(page: Page, room: CrowdRoom, count: number): Promise<number> {
  const event = prepareEvent('onSnapshot', room.snapshot())
  if (!event) throw new Error('the snapshot does not fit the contract')
  return page.evaluate(
    async ([channel, payload, total]) => {
      const members = (payload as { room: { members: unknown[] } }).room.members
      for (let i = members.length; i < total; i++) {
        const id = String(i).padStart(8, '0')
        members.push({
          clientId: `crowd-${id}`,
          name: `Member ${id}`,
          host: false,
          you: false,
          guest: false,
        })
      }
      const started = performance.now()
      ;(
        globalThis as unknown as { __lanroomDeliver(c: string, p: unknown): void }
      ).__lanroomDeliver(channel, payload)
      const heading = () => document.querySelector('.members .count')?.textContent
      while (heading() !== String(total))
        await new Promise((resolve) => requestAnimationFrame(resolve))
      await new Promise((resolve) => requestAnimationFrame(resolve))
      return performance.now() - started
    },
    [event.channel, event.payload, count] as const,
  )
}

describe.skipIf(skipReason !== null)('the member list of a full clustered room', () => {
  const tier = useBrowserTier()
  let app: AppPage | undefined

  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  it('renders the rows in view of 8,192 people, reaches the last by keyboard and follows changes', async () => {
    const room = new CrowdRoom({ history: 30 })
    app = await openApp(tier.browser, {
      url: tier.url,
      handlers: room.handlers(),
      events: room.events,
    })
    const page = app.page
    await page.getByRole('heading', { name: 'Lab', level: 1 }).waitFor()

    const firstMs = await shown(page, room, LIMITS.maxRoomMembers)
    const list = page.getByRole('list', { name: /In the room/ })
    const rows = list.getByRole('listitem')
    expect(await rows.count()).toBeLessThan(60)
    expect(await rows.first().getAttribute('aria-setsize')).toBe(String(LIMITS.maxRoomMembers))

    await page.getByRole('region', { name: /In the room/ }).focus()
    await page.keyboard.press('End')
    const last = String(LIMITS.maxRoomMembers - 1).padStart(8, '0')
    await list.getByText(`Member ${last}`).waitFor()
    expect(await rows.last().getAttribute('aria-posinset')).toBe(String(LIMITS.maxRoomMembers))
    expect(await rows.count()).toBeLessThan(60)

    // One leaves (main sends the room whole again): the view follows.
    const changeMs = await shown(page, room, LIMITS.maxRoomMembers - 1)
    expect(await rows.last().getAttribute('aria-posinset')).toBe(String(LIMITS.maxRoomMembers - 1))
    expect(await rows.count()).toBeLessThan(60)
    // Main's share: fitting the snapshot to the contract before it is sent (payload-fit.ts).
    const crowded = new CrowdRoom({ history: 0 })
    crowded.crowd = crowdOf(LIMITS.maxRoomMembers - 3)
    const fitStarted = performance.now()
    prepareEvent('onSnapshot', crowded.snapshot())
    const fitMs = performance.now() - fitStarted
    console.info(
      `[crowd] ${LIMITS.maxRoomMembers} members: the window shows them in ${firstMs.toFixed(0)} ms, ` +
        `one leaving in ${changeMs.toFixed(0)} ms; main fits the snapshot in ${fitMs.toFixed(0)} ms`,
    )
    // A safety net only (typically well under a second, here on a busy 2-core machine).
    expect(firstMs).toBeLessThan(10_000)
    expect(app.problems).toEqual([])
  }, 60_000)
})
