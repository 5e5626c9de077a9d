/**
 * Browser guests at scale: 200 own-origin WebSockets (what 200 phones opening the guest link
 * do) arrive at once while members with the app keep chatting. Each guest is either welcomed,
 * marked as a guest, or refused with an explicit answer (503 with Retry-After while too many
 * are waiting to say hello, as LIMITS.maxPendingConnections says); a refused one tries again
 * after Retry-After, as the guest app's reconnect does. In the end all 200 are in, every
 * member sees each of them as a guest, and the room chat (the witnesses) never stalled. Pages
 * of foreign origins arriving at the same time are all refused (403).
 *
 * Time bounds are safety nets (see support.ts); how fast guests get in is for `npm run bench`.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { LIMITS } from '../../src/shared/protocol'
import { guestBuild } from '../../src/main/hub/testing/guest-build'
import { TestClient, cid, startTestHub, waitFor } from '../support/ws-client'
import { PATIENCE_MS, Witnesses, collectingCheck, sleep } from './support'

const GUESTS = 200
const FOREIGN = 50

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

type Outcome = 'welcomed' | 'busy' | 'other'

/** One guest's attempt: welcomed (and kept open), refused busy (503), or anything else. */
async function attempt(url: string, origin: string, i: number): Promise<[Outcome, TestClient]> {
  const guest = new TestClient(url, { headers: { Origin: origin } })
  cleanups.push(() => guest.ws.terminate())
  try {
    const welcome = await guest.join(`Guest ${i}`, cid(`guest-${i}`))
    return [welcome.you.guest === true ? 'welcomed' : 'other', guest]
  } catch (error) {
    return [String(error).includes('HTTP 503') ? 'busy' : 'other', guest]
  }
}

describe('200 browser guests at once', () => {
  it('welcomes each or refuses it explicitly, and the room chat keeps flowing', async () => {
    const build = guestBuild()
    cleanups.push(build.remove)
    const started = await startTestHub({ guestApp: { dir: build.dir } })
    cleanups.push(started.stop)
    const { hub, url } = started
    const origin = `https://127.0.0.1:${hub.port}`
    const witnesses = await Witnesses.join(url)
    cleanups.push(() => witnesses.close())
    witnesses.start()

    const foreign = Array.from({ length: FOREIGN }, async () => {
      const page = new TestClient(url, { headers: { Origin: 'https://evil.example' } })
      cleanups.push(() => page.ws.terminate())
      return page.opened.then(
        () => 'opened',
        (error: unknown) => String(error),
      )
    })
    let waiting = Array.from({ length: GUESTS }, (_, i) => i)
    const rounds: Array<{ welcomed: number; busy: number }> = []
    while (waiting.length > 0) {
      expect(rounds.length, 'rounds of retries').toBeLessThan(30)
      const outcomes = await Promise.all(waiting.map((i) => attempt(url, origin, i)))
      const other = outcomes.filter(([outcome]) => outcome === 'other')
      expect(other, 'every guest is welcomed or refused as busy').toEqual([])
      const busy = waiting.filter((_, k) => outcomes[k]?.[0] === 'busy')
      rounds.push({ welcomed: waiting.length - busy.length, busy: busy.length })
      waiting = busy
      // Retry-After, as a refused guest's page waits before it tries again.
      if (waiting.length > 0) await sleep(1_000)
    }
    expect(rounds.reduce((sum, round) => sum + round.welcomed, 0)).toBe(GUESTS)
    // The first wave alone is more than may wait for hello at once: some were told to wait.
    expect(rounds[0]!.welcomed).toBeGreaterThanOrEqual(1)
    expect(rounds[0]!.welcomed + rounds[0]!.busy).toBe(GUESTS)
    expect(LIMITS.maxPendingConnections).toBeLessThan(GUESTS)

    for (const result of await Promise.all(foreign)) expect(result).toBe('Error: HTTP 403')
    expect(hub.memberCount).toBe(GUESTS + 3)
    // Every member sees every guest as a guest, and the witnesses as no guests.
    const witness = witnesses.clients[0]!
    await waitFor(() => witness.all('joined').length >= GUESTS + 2, PATIENCE_MS, 'joins')
    const joined = witness.all('joined').map((event) => event.member)
    const guests = joined.filter((member) => member.name.startsWith('Guest '))
    expect(guests).toHaveLength(GUESTS)
    expect(guests.every((member) => member.guest === true)).toBe(true)
    expect(joined.filter((member) => member.guest === true)).toHaveLength(GUESTS)

    await witnesses.stop()
    const failures: string[] = []
    witnesses.check(collectingCheck(failures))
    expect(failures).toEqual([])
  })
})
