import { describe, expect, it, vi } from 'vitest'
import { BRIDGE_ERROR_CODES, type Snapshot } from '../../shared/bridge'
import { SNAPSHOT, fixtureHandlers } from '../../../test/support/bridge-fixtures'
import {
  BridgeCommandError,
  dispatchCommand,
  type BridgeHandlers,
  type BridgeLogEntry,
  type DispatchOptions,
} from './dispatch'

const TRUSTED = { frameUrl: 'file:///app/out/renderer/index.html', mainFrame: true }
const STATE = SNAPSHOT

function setup(overrides: Partial<BridgeHandlers> = {}) {
  const handlers = {
    ...fixtureHandlers(),
    getSnapshot: vi.fn<BridgeHandlers['getSnapshot']>(() => STATE),
    setProfile: vi.fn<BridgeHandlers['setProfile']>((args) => ({
      name: args.name,
      clientId: 'client-ada-0001',
    })),
    ...overrides,
  }
  const logged: BridgeLogEntry[] = []
  const options: DispatchOptions = {
    isTrustedSender: (url) => url === TRUSTED.frameUrl,
    log: (entry) => logged.push(entry),
  }
  return { handlers, logged, options }
}

describe('dispatchCommand', () => {
  it('runs the handler with the parsed arguments and wraps its value', async () => {
    const { handlers, options } = setup()
    const result = await dispatchCommand(
      'setProfile',
      handlers,
      TRUSTED,
      [{ name: ' Ada ' }],
      options,
    )
    expect(result).toEqual({ ok: true, value: { name: 'Ada', clientId: 'client-ada-0001' } })
    expect(handlers.setProfile).toHaveBeenCalledWith({ name: 'Ada' })
  })

  it('awaits asynchronous handlers', async () => {
    const { handlers, options } = setup({ getSnapshot: async () => STATE })
    expect(await dispatchCommand('getSnapshot', handlers, TRUSTED, [], options)).toEqual({
      ok: true,
      value: STATE,
    })
  })

  describe('checks the sender first', () => {
    it.each([
      ['another origin', 'https://evil.example/index.html'],
      ['another file', 'file:///home/someone/Downloads/page.html'],
      ['a blank frame', 'about:blank'],
      ['an empty url', ''],
    ])('refuses %s without parsing or running anything', async (_label, frameUrl) => {
      const { handlers, logged, options } = setup()
      // Invalid arguments too: an untrusted caller learns nothing about what would be valid.
      const result = await dispatchCommand(
        'setProfile',
        handlers,
        { frameUrl, mainFrame: true },
        [42],
        options,
      )
      expect(result).toMatchObject({
        ok: false,
        error: { code: BRIDGE_ERROR_CODES.untrustedSender },
      })
      expect(handlers.setProfile).not.toHaveBeenCalled()
      expect(logged).toHaveLength(1)
    })

    it('refuses a frame that is gone', async () => {
      const { handlers, options } = setup()
      const result = await dispatchCommand(
        'getSnapshot',
        handlers,
        { frameUrl: null, mainFrame: false },
        [],
        options,
      )
      expect(result).toMatchObject({
        ok: false,
        error: { code: BRIDGE_ERROR_CODES.untrustedSender },
      })
    })

    it('refuses a frame inside the page, even at the trusted URL', async () => {
      const { handlers, options } = setup()
      const result = await dispatchCommand(
        'getSnapshot',
        handlers,
        { ...TRUSTED, mainFrame: false },
        [],
        options,
      )
      expect(result).toMatchObject({
        ok: false,
        error: { code: BRIDGE_ERROR_CODES.untrustedSender },
      })
      expect(handlers.getSnapshot).not.toHaveBeenCalled()
    })

    it('refuses when the check itself throws or answers something other than true', async () => {
      const { handlers } = setup()
      const throwing = await dispatchCommand('getSnapshot', handlers, TRUSTED, [], {
        isTrustedSender: () => {
          throw new Error('broken check')
        },
        log: () => {},
      })
      expect(throwing).toMatchObject({
        ok: false,
        error: { code: BRIDGE_ERROR_CODES.untrustedSender },
      })
      const truthy = await dispatchCommand('getSnapshot', handlers, TRUSTED, [], {
        isTrustedSender: () => 'yes' as unknown as boolean,
        log: () => {},
      })
      expect(truthy).toMatchObject({
        ok: false,
        error: { code: BRIDGE_ERROR_CODES.untrustedSender },
      })
    })
  })

  describe('then parses the arguments', () => {
    it.each([
      ['more than one argument', [{ name: 'Ada' }, { name: 'Eve' }]],
      ['a prototype-polluting key', [JSON.parse('{"name":"Ada","__proto__":{"admin":true}}')]],
      ['a huge name', [{ name: 'x'.repeat(1_000_000) }]],
      ['a bidirectional override in the name', [{ name: 'Ada\u202eevE' }]],
      ['a number', [7]],
    ])('refuses %s', async (_label, args) => {
      const { handlers, logged, options } = setup()
      const result = await dispatchCommand('setProfile', handlers, TRUSTED, args, options)
      expect(result).toMatchObject({ ok: false, error: { code: BRIDGE_ERROR_CODES.invalidArgs } })
      expect(handlers.setProfile).not.toHaveBeenCalled()
      expect(logged.map((entry) => entry.code)).toEqual([BRIDGE_ERROR_CODES.invalidArgs])
    })

    it('names the field in a readable message', async () => {
      const { handlers, options } = setup()
      const result = await dispatchCommand('setProfile', handlers, TRUSTED, [{ name: '' }], options)
      expect(result).toMatchObject({ ok: false })
      if (!result.ok)
        expect(result.error.message).toMatch(/^Invalid arguments for setProfile: name: /)
    })
  })

  describe('then reports what the handler did', () => {
    it('passes a deliberate, coded failure through unchanged', async () => {
      const { handlers, logged, options } = setup({
        setProfile: () => {
          throw new BridgeCommandError('SETTINGS_ERR_READ_ONLY', 'Settings cannot be saved.')
        },
      })
      const result = await dispatchCommand(
        'setProfile',
        handlers,
        TRUSTED,
        [{ name: 'Ada' }],
        options,
      )
      expect(result).toEqual({
        ok: false,
        error: { code: 'SETTINGS_ERR_READ_ONLY', message: 'Settings cannot be saved.' },
      })
      expect(logged).toEqual([])
    })

    it('bounds the sentence of a deliberate failure, which may quote a peer', async () => {
      const { handlers, options } = setup({
        joinRoom: () => {
          throw new BridgeCommandError('APP_ERR_CONNECT', `Refused: ${'x'.repeat(100_000)}`)
        },
      })
      const result = await dispatchCommand(
        'joinRoom',
        handlers,
        TRUSTED,
        [{ roomId: 'room-1' }],
        options,
      )
      expect(result).toMatchObject({ ok: false, error: { code: 'APP_ERR_CONNECT' } })
      if (!result.ok) expect(result.error.message).toHaveLength(500)
    })

    it('hides the details of an unexpected error from the renderer and logs them', async () => {
      const secret = new Error('EACCES: /home/ada/.config/lanroom/settings.json')
      const { handlers, logged, options } = setup({
        getSnapshot: async () => {
          throw secret
        },
      })
      const result = await dispatchCommand('getSnapshot', handlers, TRUSTED, [], options)
      expect(result).toMatchObject({ ok: false, error: { code: BRIDGE_ERROR_CODES.handlerFailed } })
      expect(JSON.stringify(result)).not.toContain('/home/ada')
      expect(logged).toMatchObject([{ level: 'error', detail: secret }])
    })

    it('refuses a result that does not match the contract', async () => {
      const { handlers, options } = setup({
        getSnapshot: () => ({ ...STATE, situation: 'lost' }) as unknown as Snapshot,
      })
      expect(await dispatchCommand('getSnapshot', handlers, TRUSTED, [], options)).toMatchObject({
        ok: false,
        error: { code: BRIDGE_ERROR_CODES.invalidResult },
      })
    })

    it('clips a field too long for the contract instead of refusing the whole result', async () => {
      const reason = `Cannot reach the room at any of its 16 addresses: ${'x'.repeat(1_400)}.`
      const { handlers, logged, options } = setup({
        getSnapshot: () => ({
          ...STATE,
          joinFailure: { kind: 'other', roomId: null, message: reason, retryAt: null },
        }),
      })
      for (let i = 0; i < 3; i++) {
        const result = await dispatchCommand('getSnapshot', handlers, TRUSTED, [], options)
        expect(result.ok).toBe(true)
        if (result.ok) {
          expect(result.value.joinFailure?.message).toHaveLength(500)
          expect(result.value.joinFailure?.message.endsWith('…')).toBe(true)
        }
      }
      // Logged once, not on every call.
      expect(logged).toMatchObject([{ level: 'warn', command: 'getSnapshot' }])
    })

    it('strips fields the contract does not name from the result', async () => {
      const internal = { ...STATE, passphrase: 'hunter2' } as Snapshot
      const { handlers, options } = setup({ getSnapshot: () => internal })
      expect(await dispatchCommand('getSnapshot', handlers, TRUSTED, [], options)).toEqual({
        ok: true,
        value: STATE,
      })
    })
  })
})
