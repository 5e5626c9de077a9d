import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useHubFixture } from '../hub/testing/hub-fixture'
import { HAVE_NATS_SERVER, startNats, type TestNats } from './testing/nats-server'

// Every way a clustered hub ends closes every NATS connection it opened (the room's log, which
// presence, typing and read positions share, and the file store's own), as the server sees it.

const { hubWith } = useHubFixture()

let nats: TestNats | null = null
let rooms = 0

beforeAll(async () => {
  if (!HAVE_NATS_SERVER) return
  nats = await startNats({ monitor: true })
})
afterAll(async () => {
  await nats?.stop()
})

/** The names of the clients connected to the server now (its /connz). */
async function connectionNames(): Promise<string[]> {
  const response = await fetch(`${(nats as TestNats).monitorUrl}/connz?limit=1024`)
  const body = (await response.json()) as { connections?: Array<{ name?: string }> }
  return (body.connections ?? []).map((c) => c.name ?? '')
}

/** Polls /connz until `check` holds: a safety net of 10 s (a close is seen within ~50 ms). */
async function connectionsUntil(check: (names: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const names = await connectionNames()
    if (check(names) || Date.now() > deadline) return names
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function clusteredHub() {
  const roomName = `Abort room ${++rooms}`
  const started = await hubWith({
    roomName,
    rateLimit: 0,
    nats: { servers: [(nats as TestNats).url] },
    files: {},
  })
  const ours = (name: string): boolean =>
    name === `lanroom hub "${roomName}"` || name === `lanroom hub files ${started.hub.roomId}`
  const open = await connectionsUntil((names) => names.filter(ours).length === 2)
  expect(open.filter(ours)).toHaveLength(2)
  return { ...started, ours }
}

describe.skipIf(!HAVE_NATS_SERVER)('a clustered hub ending', () => {
  it('abort closes every NATS connection the hub opened', async () => {
    const { hub, ours } = await clusteredHub()
    hub.abort()
    const after = await connectionsUntil((names) => !names.some(ours))
    expect(after.filter(ours)).toEqual([])
  })

  it('stop closes every NATS connection the hub opened', async () => {
    const { hub, ours } = await clusteredHub()
    await hub.stop()
    const after = await connectionsUntil((names) => !names.some(ours))
    expect(after.filter(ours)).toEqual([])
  })
})
