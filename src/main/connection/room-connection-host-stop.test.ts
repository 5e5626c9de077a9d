import { describe, expect, it } from 'vitest'
import { fakeConnection } from '../../../test/support/fake-connection'
import { ME_ID, chat, welcome } from '../../../test/support/fake-room'

/** Lets promise continuations (the reconnect's candidate lookup) run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('hostStopIsDrop', () => {
  it('waits out a host that stops and comes back, with hostStopIsDrop (lanroom send, get)', async () => {
    const { network, clock, connection, welcomeOn } = fakeConnection({ hostStopIsDrop: true })
    const closing: string[] = []
    connection.on('closing', (message) => closing.push(message))
    void connection.connect()
    await welcomeOn()
    const pending = connection.send('after the restart', 'later')
    network.last.receive({ type: 'closing', reason: 'host_stopped', message: 'Bye.' })
    network.last.drop(1001, 'going away')
    expect(closing).toEqual(['Bye.'])
    expect(connection.state).toMatchObject({ status: 'reconnecting', attempt: 1 })
    // Still stopping when the next attempt comes: only that attempt fails.
    clock.advance(clock.scheduled[0] ?? 0)
    await settle()
    await network.last.open()
    network.last.receive({ type: 'closing', reason: 'host_stopped', message: 'Bye.' })
    network.last.drop(1001, 'going away')
    expect(connection.state).toMatchObject({ status: 'reconnecting', attempt: 2 })
    clock.advance(clock.scheduled[0] ?? 0)
    await settle()
    const back = await welcomeOn(welcome({ history: [], lastSeq: 0, resumed: true }))
    expect(back.chatIds).toEqual(['later'])
    back.receive(chat(1, 'later', ME_ID))
    expect((await pending).seq).toBe(1)
    expect(connection.state.status).toBe('connected')
  })
})
