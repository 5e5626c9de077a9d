import { describe, expect, it } from 'vitest'
import { fakeConnection, fullWelcome } from '../../test/support/fake-connection'
import { chat } from '../../test/support/fake-room'
import { SCHEMAS, type HubMessage } from '../shared/protocol'
import { writeJsonEvents } from './json-events'

const OTHER = 'client-other'
const member = { clientId: OTHER, name: 'Other', host: false }

describe('writeJsonEvents', () => {
  it('writes the welcome, then each hub message once, as valid JSON lines; again after a reconnect', async () => {
    const { connection, welcomeOn, reconnect } = fakeConnection()
    const first = fullWelcome({ history: [chat(1, 'a', OTHER)], lastSeq: 1 })
    const welcomed = connection.connect()
    const socket = await welcomeOn(first)
    const lines: string[] = []
    writeJsonEvents(connection, await welcomed, (line) => lines.push(line))
    const react = {
      type: 'react',
      seq: 3,
      id: 'r',
      from: OTHER,
      name: 'Other',
      target: 1,
      emoji: '👍',
      ts: 3,
    } as const
    const live: HubMessage[] = [
      { type: 'joined', member },
      chat(2, 'b', OTHER),
      react,
      { type: 'typing', clientId: OTHER, name: 'Other', active: true },
      { type: 'reads', positions: [{ clientId: OTHER, seq: 3 }] },
      { type: 'error', code: 'invalid_message', message: 'that was not JSON' },
    ]
    for (const message of live) socket.receive(message)
    // Repeats are not events.
    socket.receive(chat(2, 'b', OTHER))
    socket.receive(react)
    await reconnect(socket)
    const again = fullWelcome({
      history: [chat(1, 'a', OTHER), chat(2, 'b', OTHER), chat(4, 'd', OTHER)],
      lastSeq: 4,
      resumed: true,
      reads: [{ clientId: OTHER, seq: 4 }],
    })
    const second = await welcomeOn(again)
    second.receive({ type: 'left', clientId: OTHER, name: 'Other', reason: 'left' })
    second.receive({
      type: 'closing',
      reason: 'host_stopped',
      message: 'The host closed the room.',
    })
    const written = lines.map((line) => SCHEMAS.hubMessage.parse(JSON.parse(line)))
    expect(written).toEqual([
      first,
      ...live,
      again,
      chat(4, 'd', OTHER),
      { type: 'left', clientId: OTHER, name: 'Other', reason: 'left' },
      { type: 'closing', reason: 'host_stopped', message: 'The host closed the room.' },
    ])
  })
})
