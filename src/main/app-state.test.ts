import { describe, expect, it } from 'vitest'
import { AppStateStore, createAppStateHandlers, defaultProfileName } from './app-state'
import type { AppState } from '../shared/bridge'

const JOINED: AppState = { situation: 'joined', room: { id: 'r1', name: 'Kitchen' } }

describe('AppStateStore', () => {
  it('starts idle, in no room', () => {
    const store = new AppStateStore({ profile: { name: 'Ada' } })
    expect(store.state).toEqual({ situation: 'idle', room: null })
  })

  it('tells subscribers about changes until they unsubscribe', () => {
    const store = new AppStateStore({ profile: { name: 'Ada' } })
    const seen: AppState[] = []
    const unsubscribe = store.subscribe((state) => seen.push(state))
    store.setState(JOINED)
    unsubscribe()
    store.setState({ situation: 'idle', room: null })
    expect(seen).toEqual([JOINED])
  })

  it('hands out state nobody can change behind the listeners’ backs', () => {
    const store = new AppStateStore({ profile: { name: 'Ada' } })
    const room = { id: 'r1', name: 'Kitchen' }
    store.setState({ situation: 'joined', room })
    room.name = 'Changed'
    expect(store.state.room?.name).toBe('Kitchen')
    expect(Object.isFrozen(store.state)).toBe(true)
    expect(Object.isFrozen(store.state.room)).toBe(true)
  })
})

describe('createAppStateHandlers', () => {
  it('serves getState and setProfile from the store', async () => {
    const store = new AppStateStore({ profile: { name: 'Ada' } })
    const handlers = createAppStateHandlers(store)
    store.setState(JOINED)
    expect(await handlers.getState(undefined)).toEqual(JOINED)
    expect(await handlers.setProfile({ name: 'Grace' })).toEqual({ name: 'Grace' })
    expect(store.profile).toEqual({ name: 'Grace' })
  })
})

describe('defaultProfileName', () => {
  it('uses the login name when it is a valid display name', () => {
    expect(defaultProfileName(() => ' ada ')).toBe('ada')
  })

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(41)],
    ['with control characters', 'ada\u0007'],
  ])('falls back when the login name is %s', (_label, name) => {
    expect(defaultProfileName(() => name)).toBe('Guest')
  })

  it('falls back when the login name cannot be read', () => {
    expect(
      defaultProfileName(() => {
        throw new Error('no passwd entry')
      }),
    ).toBe('Guest')
  })
})
