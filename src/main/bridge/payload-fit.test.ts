import { describe, expect, it } from 'vitest'
import {
  BRIDGE_LIMITS,
  type EventName,
  type EventPayload,
  type MemberView,
  type Snapshot,
} from '../../shared/bridge'
import { SNAPSHOT } from '../../../test/support/bridge-fixtures'
import { EventBatcher } from './batcher'
import type { BridgeLogEntry } from './dispatch'
import { FIT_LOG_CODES, PayloadFitter, prepareEvent } from './payload-fit'

function recorder() {
  const logged: BridgeLogEntry[] = []
  const fitter = new PayloadFitter((entry) => logged.push(entry))
  const sent: Array<{ channel: string; payload: unknown }> = []
  const sink = <K extends EventName>(name: K, payload: EventPayload<K>): void => {
    const event = prepareEvent(name, payload, fitter)
    if (event) sent.push(event)
  }
  return { logged, fitter, sent, sink }
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 40))

function member(i: number): MemberView {
  return { clientId: `client-${i}`, name: `Member ${i}`, host: false, you: false, guest: false }
}

function inRoom(members: MemberView[], reason: string | null = null): Snapshot {
  return {
    ...SNAPSHOT,
    situation: 'joined',
    room: {
      id: 'room-1',
      name: 'Lab',
      hostName: 'Ada',
      hosting: false,
      joinAddresses: [],
      guestLink: null,
      roomCodes: [],
      connection: { status: 'reconnecting', attempt: 1, nextRetryAt: null, reason },
      members,
      typing: [],
      maxTextLength: 4000,
      unread: 0,
      security: { encrypted: true, verificationCode: null, trust: 'verified', passphrase: false },
    },
  }
}

describe('prepareEvent', () => {
  it('derives the channel and strips fields the contract does not name', () => {
    const { fitter } = recorder()
    expect(prepareEvent('onSnapshot', { ...SNAPSHOT, internal: 1 } as Snapshot, fitter)).toEqual({
      channel: 'lanroom:evt:onSnapshot',
      payload: SNAPSHOT,
    })
  })

  it('drops a payload that cannot be made to match, logging it once, and never throws', () => {
    const { fitter, logged } = recorder()
    const broken = { ...SNAPSHOT, situation: 'lost' } as unknown as Snapshot
    expect(prepareEvent('onSnapshot', broken, fitter)).toBeNull()
    expect(prepareEvent('onSnapshot', broken, fitter)).toBeNull()
    expect(logged).toMatchObject([{ level: 'error', code: FIT_LOG_CODES.dropped }])
  })
})

describe('events through the batcher', () => {
  it('reach the sink clipped, and later events still flow', async () => {
    const { sink, sent, logged } = recorder()
    const batcher = new EventBatcher(sink, 16)
    const unreachable = `Cannot reach the room at any of its 16 addresses: ${Array.from(
      { length: 16 },
      (_, i) =>
        `cannot connect to wss://[2001:db8:4c61:6e52:6f6f:6d00:0:${i + 1}]:47800/ws: EHOSTUNREACH`,
    ).join('; ')}.`
    expect(unreachable.length).toBeGreaterThan(1_300)
    const crowd = Array.from({ length: BRIDGE_LIMITS.members + 500 }, (_, i) => member(i))

    batcher.pushNotice({ level: 'error', code: 'ROOM_ERR_HUB', message: 'e'.repeat(600) })
    batcher.pushSnapshot(inRoom(crowd, unreachable))
    await settle()
    batcher.pushNotice({ level: 'info', code: 'later', message: 'still here' })
    batcher.pushSnapshot(inRoom([member(1)]))
    await settle()
    batcher.dispose()

    const payloads = sent.map((event) => event.payload)
    const snapshots = sent.filter((e) => e.channel.endsWith('onSnapshot')).map((e) => e.payload)
    const notices = sent.filter((e) => e.channel.endsWith('onNotice')).map((e) => e.payload)
    expect(payloads).toHaveLength(4)
    const first = snapshots[0] as Snapshot
    expect(first.room?.connection.reason).toHaveLength(500)
    expect(first.room?.connection.reason?.startsWith('Cannot reach the room')).toBe(true)
    expect(first.room?.members).toHaveLength(BRIDGE_LIMITS.members)
    expect((snapshots[1] as Snapshot).room?.members).toEqual([member(1)])
    expect(notices).toEqual([
      { level: 'error', code: 'ROOM_ERR_HUB', message: `${'e'.repeat(499)}…`.slice(0, 500) },
      { level: 'info', code: 'later', message: 'still here' },
    ])
    // Each kind of clipping is logged once.
    expect(logged.map((entry) => entry.message).sort()).toEqual([
      expect.stringMatching(/^onNotice: message was too long/),
      expect.stringMatching(/^onSnapshot: room\.connection\.reason was too long/),
      expect.stringMatching(/^onSnapshot: room\.members was too long/),
    ])
  })

  it('keep flowing when the sink itself throws', async () => {
    const delivered: string[] = []
    const failures: string[] = []
    let broken = true
    const batcher = new EventBatcher(
      (name, payload) => {
        if (broken && name === 'onSnapshot') throw new Error('the window is gone')
        delivered.push(name === 'onNotice' ? (payload as { message: string }).message : name)
      },
      16,
      undefined,
      (name) => failures.push(name),
    )
    batcher.pushSnapshot(SNAPSHOT)
    batcher.pushNotice({ level: 'info', code: 'x', message: 'same flush' })
    await settle()
    broken = false
    batcher.pushSnapshot(SNAPSHOT)
    await settle()
    batcher.dispose()
    expect(failures).toEqual(['onSnapshot'])
    expect(delivered).toEqual(['same flush', 'onSnapshot'])
  })
})
