import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeConnection } from '../../test/support/fake-connection'
import { welcome } from '../../test/support/fake-room'
import { transferStop } from './transfer-stop'

const AWAY_LIMIT_MS = 60_000
/** Lets promise continuations (the reconnect's candidate lookup) run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }))
afterEach(() => void vi.useRealTimers())

/** In the room, over a connection that waits out the host's stop (as send and get open it). */
async function inRoom() {
  const room = fakeConnection({ hostStopIsDrop: true })
  void room.connection.connect()
  await room.welcomeOn()
  const stop = transferStop(room.connection, { awayLimitMs: AWAY_LIMIT_MS })
  const hostStops = (): void => {
    room.network.last.receive({ type: 'closing', reason: 'host_stopped', message: 'Bye.' })
    room.network.last.drop(1001, 'going away')
  }
  const comesBack = async (): Promise<void> => {
    room.clock.advance(room.clock.scheduled[0] ?? 0)
    await settle()
    await room.welcomeOn(welcome({ resumed: true }))
  }
  return { ...room, stop, hostStops, comesBack }
}

describe('transferStop', () => {
  it('waits out a host that stops and comes back within the limit', async () => {
    const { connection, stop, hostStops, comesBack } = await inRoom()
    hostStops()
    // Meanwhile, a transfer that fails failed because the host stopped.
    expect(stop.roomEnded()).toBe(true)
    vi.advanceTimersByTime(AWAY_LIMIT_MS - 1)
    await comesBack()
    expect(stop.roomEnded()).toBe(false)
    vi.advanceTimersByTime(AWAY_LIMIT_MS)
    expect(stop.signal.aborted).toBe(false)
    expect(connection.state.status).toBe('connected')
    stop.dispose()
  })

  it('gives up on a host that stays away past the limit, file chat and all', async () => {
    const { connection, stop, hostStops } = await inRoom()
    const { sent } = connection.sendFile({
      file: {
        id: 'f'.repeat(32),
        name: 'a.bin',
        size: 1,
        type: 'application/octet-stream',
        sha256: '0'.repeat(64),
      },
    })
    hostStops()
    vi.advanceTimersByTime(AWAY_LIMIT_MS - 1)
    expect(stop.signal.aborted).toBe(false)
    vi.advanceTimersByTime(1)
    expect(stop.signal.aborted).toBe(true)
    expect(stop.roomEnded()).toBe(true)
    expect(connection.state.status).toBe('closed')
    await expect(sent).rejects.toMatchObject({ code: 'CONN_ERR_CLOSED' })
    stop.dispose()
  })

  it('gives up on a dropped connection as long away, and counts from each drop', async () => {
    const { connection, network, stop, comesBack } = await inRoom()
    network.last.drop(1006)
    vi.advanceTimersByTime(AWAY_LIMIT_MS - 1)
    await comesBack()
    network.last.drop(1006)
    vi.advanceTimersByTime(AWAY_LIMIT_MS - 1)
    expect(stop.signal.aborted).toBe(false)
    vi.advanceTimersByTime(1)
    expect(stop.signal.aborted).toBe(true)
    expect(connection.state.status).toBe('closed')
    stop.dispose()
  })
})
