import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TYPING_EXPIRY_MS, TypingIndicators } from './typing-indicators'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('TypingIndicators', () => {
  it('says a change only when someone starts, stops or is renamed', () => {
    let expired = 0
    const typing = new TypingIndicators(() => (expired += 1))
    expect(typing.start('a', 'Ann')).toBe(true)
    expect(typing.start('a', 'Ann'), 'a refresh').toBe(false)
    expect(typing.start('b', 'Ben')).toBe(true)
    expect(typing.list).toEqual([
      { clientId: 'a', name: 'Ann' },
      { clientId: 'b', name: 'Ben' },
    ])
    expect(typing.rename('a', 'Anna')).toBe(true)
    expect(typing.rename('a', 'Anna')).toBe(false)
    expect(typing.rename('nobody', 'X')).toBe(false)
    expect(typing.stop('a')).toBe(true)
    expect(typing.stop('a')).toBe(false)
    expect(typing.list).toEqual([{ clientId: 'b', name: 'Ben' }])
    expect(typing.clear()).toBe(true)
    expect(typing.clear()).toBe(false)
    expect(typing.size).toBe(0)
    expect(expired).toBe(0)
  })

  it('drops an indicator nobody refreshed, and a refresh keeps it up', () => {
    let expired = 0
    const typing = new TypingIndicators(() => (expired += 1))
    typing.start('a', 'Ann')
    typing.start('b', 'Ben')
    vi.advanceTimersByTime(TYPING_EXPIRY_MS - 1_000)
    typing.start('a', 'Ann')
    vi.advanceTimersByTime(1_000)
    expect(typing.list).toEqual([{ clientId: 'a', name: 'Ann' }])
    expect(expired).toBe(1)
    vi.advanceTimersByTime(TYPING_EXPIRY_MS)
    expect(typing.list).toEqual([])
    expect(expired).toBe(2)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('keeps only those still in the room after a welcome', () => {
    const typing = new TypingIndicators(() => {})
    typing.start('a', 'Ann')
    typing.start('b', 'Ben')
    expect(typing.retain((id) => id === 'b')).toBe(true)
    expect(typing.retain((id) => id === 'b')).toBe(false)
    expect(typing.list).toEqual([{ clientId: 'b', name: 'Ben' }])
    expect(vi.getTimerCount()).toBe(1)
  })

  it('hands out the same list until something changes', () => {
    const typing = new TypingIndicators(() => {})
    typing.start('a', 'Ann')
    const first = typing.list
    typing.start('a', 'Ann')
    expect(typing.list).toBe(first)
    typing.start('b', 'Ben')
    expect(typing.list).not.toBe(first)
    expect(first).toEqual([{ clientId: 'a', name: 'Ann' }])
  })
})
