/**
 * Proves the three sides of the bridge agree: the contract, main's dispatch and the API the
 * preload exposes. The preload's API is built here with a fake transport that calls main's
 * dispatch directly, so a round trip runs exactly the code Electron would, minus Electron.
 */
import { describe, expect, it, vi } from 'vitest'
import {
  BRIDGE_CONTRACT,
  BRIDGE_ERROR_CODES,
  COMMAND_NAMES,
  EVENT_NAMES,
  commandChannel,
  createBridgeApi,
  eventChannel,
  type AppState,
  type BridgeResult,
  type BridgeTransport,
  type CommandChannel,
  type EventChannel,
} from './index'
import {
  dispatchCommand,
  type BridgeHandlers,
  type DispatchOptions,
} from '../../main/bridge/dispatch'

const TRUSTED_URL = 'http://localhost:5173/'
const STATE: AppState = { situation: 'joined', room: { id: 'room-1', name: 'Kitchen' } }

const HANDLERS: BridgeHandlers = {
  getState: () => STATE,
  setProfile: (args) => ({ name: args.name }),
}

// @ts-expect-error -- a contract command without a handler must not compile.
const _missingHandler: BridgeHandlers = { getState: () => STATE }

/** The preload's API with its IPC replaced by a direct call into main's dispatch. */
function connectedApi(frameUrl: string | null = TRUSTED_URL) {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()
  const options: DispatchOptions = {
    isTrustedSender: (url) => url === TRUSTED_URL,
    log: () => {},
  }
  const transport: BridgeTransport = {
    invoke: async (channel, args) => {
      const name = COMMAND_NAMES.find((candidate) => commandChannel(candidate) === channel)
      if (!name) throw new Error(`No handler registered for '${channel}'`)
      return dispatchCommand(name, HANDLERS, { frameUrl }, [args], options)
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set()
      set.add(listener)
      listeners.set(channel, set)
      return () => set.delete(listener)
    },
  }
  const fire = (channel: EventChannel, payload: unknown): void => {
    for (const listener of listeners.get(channel) ?? []) listener(payload)
  }
  const api = createBridgeApi(transport)
  // Hostile callers ignore the types; tests reach the functions the same way.
  const untyped = api as unknown as Record<
    string,
    (...args: unknown[]) => Promise<BridgeResult<unknown>>
  >
  return { api, untyped, fire, listeners }
}

describe('bridge contract', () => {
  it('lists every command and event', () => {
    expect(COMMAND_NAMES).toEqual(['getState', 'setProfile'])
    expect(EVENT_NAMES).toEqual(['onState'])
    expect(Object.keys(BRIDGE_CONTRACT.commands)).toEqual(COMMAND_NAMES)
    expect(Object.keys(BRIDGE_CONTRACT.events)).toEqual(EVENT_NAMES)
  })

  it('derives one distinct channel per entry', () => {
    expect(COMMAND_NAMES.map(commandChannel)).toEqual([
      'lanroom:cmd:getState',
      'lanroom:cmd:setProfile',
    ])
    expect(EVENT_NAMES.map(eventChannel)).toEqual(['lanroom:evt:onState'])
  })

  it('keeps commands and events apart in the one exposed namespace', () => {
    for (const name of EVENT_NAMES) expect(name).toMatch(/^on[A-Z]/)
    for (const name of COMMAND_NAMES) expect(name).not.toMatch(/^on[A-Z]/)
  })

  it('has a handler in main for every command', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual([...COMMAND_NAMES].sort())
  })

  it("exposes exactly the contract's names from the preload, all functions", () => {
    const { api } = connectedApi()
    expect(Object.keys(api).sort()).toEqual([...COMMAND_NAMES, ...EVENT_NAMES].sort())
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
    expect(Object.isFrozen(api)).toBe(true)
  })
})

describe('round trip: preload API → main dispatch', () => {
  it('getState returns the state', async () => {
    const { api } = connectedApi()
    expect(await api.getState()).toEqual({ ok: true, value: STATE })
  })

  it('setProfile trims the name and returns the profile', async () => {
    const { api } = connectedApi()
    expect(await api.setProfile({ name: '  Ada  ' })).toEqual({ ok: true, value: { name: 'Ada' } })
  })

  it('sends each command on its own channel with exactly one argument', async () => {
    const invoke = vi.fn<BridgeTransport['invoke']>(async () => ({ ok: true, value: null }))
    const api = createBridgeApi({ invoke, on: () => () => {} })
    await api.getState()
    await api.setProfile({ name: 'Ada' })
    const untyped = api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
    await untyped['setProfile']?.({ name: 'Ada' }, 'smuggled')
    expect(invoke.mock.calls).toEqual([
      ['lanroom:cmd:getState', undefined],
      ['lanroom:cmd:setProfile', { name: 'Ada' }],
      ['lanroom:cmd:setProfile', { name: 'Ada' }],
    ] satisfies [CommandChannel, unknown][])
  })

  it.each([
    ['an empty name', { name: '' }],
    ['a blank name', { name: '   ' }],
    ['a name over 40 characters', { name: 'x'.repeat(41) }],
    ['a name with control characters', { name: 'Ada\u0000' }],
    ['a name that is not a string', { name: 42 }],
    ['an unexpected key', { name: 'Ada', admin: true }],
    ['no object', 'Ada'],
    ['null', null],
    ['an array', [{ name: 'Ada' }]],
    ['nothing', undefined],
  ])('setProfile refuses %s with BRIDGE_ERR_INVALID_ARGS', async (_label, args) => {
    const { untyped } = connectedApi()
    const result = await untyped['setProfile']?.(args)
    expect(result).toMatchObject({ ok: false, error: { code: BRIDGE_ERROR_CODES.invalidArgs } })
    if (result && !result.ok)
      expect(result.error.message).toMatch(/^Invalid arguments for setProfile/)
  })

  it('getState refuses an argument it does not take', async () => {
    const { untyped } = connectedApi()
    expect(await untyped['getState']?.({ sneaky: true })).toMatchObject({
      ok: false,
      error: { code: BRIDGE_ERROR_CODES.invalidArgs },
    })
  })

  it('refuses a call from an untrusted frame with BRIDGE_ERR_UNTRUSTED_SENDER', async () => {
    for (const frameUrl of ['https://evil.example/', 'file:///tmp/downloaded.html', null]) {
      const { api } = connectedApi(frameUrl)
      expect(await api.getState()).toMatchObject({
        ok: false,
        error: { code: BRIDGE_ERROR_CODES.untrustedSender },
      })
      expect(await api.setProfile({ name: 'Ada' })).toMatchObject({
        ok: false,
        error: { code: BRIDGE_ERROR_CODES.untrustedSender },
      })
    }
  })

  it('resolves with BRIDGE_ERR_UNAVAILABLE when IPC itself fails, instead of rejecting', async () => {
    const api = createBridgeApi({
      invoke: () => Promise.reject(new Error("No handler registered for 'lanroom:cmd:getState'")),
      on: () => () => {},
    })
    expect(await api.getState()).toMatchObject({
      ok: false,
      error: { code: BRIDGE_ERROR_CODES.unavailable },
    })
  })
})

describe('events: main → preload API', () => {
  it('delivers payloads to listeners until they unsubscribe', () => {
    const { api, fire } = connectedApi()
    const seen: AppState[] = []
    const unsubscribe = api.onState((state) => seen.push(state))
    fire('lanroom:evt:onState', STATE)
    unsubscribe()
    fire('lanroom:evt:onState', { situation: 'idle', room: null })
    expect(seen).toEqual([STATE])
  })

  it('subscribes each event on its own channel', () => {
    const { api, listeners } = connectedApi()
    api.onState(() => {})
    expect([...listeners.keys()]).toEqual(EVENT_NAMES.map(eventChannel))
  })

  it('refuses a listener that is not a function', () => {
    const { untyped } = connectedApi()
    expect(() => untyped['onState']?.('not a function')).toThrow(TypeError)
  })
})
