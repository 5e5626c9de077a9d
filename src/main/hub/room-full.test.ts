import { describe, expect, it } from 'vitest'
import { CLOSE_CODES } from '../../shared/protocol'
import { fullRefusal } from './room-full'

const LIMITS = { maxMembers: 3, maxRoomMembers: 8 }

describe('fullRefusal', () => {
  it('takes a newcomer up to the last place of the hub and of the room, not one more', () => {
    expect(fullRefusal(LIMITS, { own: 2, room: () => 7, clustered: true }, false)).toBeNull()
    expect(fullRefusal(LIMITS, { own: 2, room: () => 8, clustered: true }, false)).toEqual({
      message: 'the room is full (8)',
      closeCode: CLOSE_CODES.roomFull,
      reason: 'room full',
    })
    expect(fullRefusal(LIMITS, { own: 3, room: () => 5, clustered: true }, false)).toEqual({
      message: 'this hub of the room is full (3); another of its hubs may not be',
      closeCode: CLOSE_CODES.hubFull,
      reason: 'hub full',
    })
  })

  it('says the room is full (final) when it is, even where this hub is full too', () => {
    const refusal = fullRefusal(LIMITS, { own: 3, room: () => 8, clustered: true }, false)
    expect(refusal?.closeCode).toBe(CLOSE_CODES.roomFull)
  })

  it('counts a member moving from another hub in the room already, but not in this hub', () => {
    expect(fullRefusal(LIMITS, { own: 2, room: () => 8, clustered: true }, true)).toBeNull()
    expect(fullRefusal(LIMITS, { own: 3, room: () => 8, clustered: true }, true)?.closeCode).toBe(
      CLOSE_CODES.hubFull,
    )
  })

  it('in a room of one hub, a full hub is a full room', () => {
    expect(fullRefusal(LIMITS, { own: 3, room: () => 3, clustered: false }, false)).toEqual({
      message: 'the room is full (3)',
      closeCode: CLOSE_CODES.roomFull,
      reason: 'room full',
    })
    const lower = { maxMembers: 5, maxRoomMembers: 2 }
    expect(fullRefusal(lower, { own: 2, room: () => 2, clustered: false }, false)?.message).toBe(
      'the room is full (2)',
    )
  })
})
