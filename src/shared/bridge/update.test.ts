/**
 * The update entries of the bridge contract (getUpdate, checkForUpdates, restartToUpdate,
 * onUpdate), through the preload's API into main's dispatch, and the event fitter main sends
 * with: what crosses is checked both ways, and what came from the release feed is bounded.
 */
import { describe, expect, it } from 'vitest'
import { BRIDGE_ERROR_CODES, COMMAND_NAMES, commandChannel, createBridgeApi } from './index'
import { UPDATE_ERROR_CODES, UPDATE_LIMITS, updateStateSchema, type UpdateState } from './update'
import {
  BridgeCommandError,
  dispatchCommand,
  type BridgeHandlers,
} from '../../main/bridge/dispatch'
import { fitterFor, prepareEvent } from '../../main/bridge/payload-fit'
import { UPDATE_STATE, fixtureHandlers } from '../../../test/support/bridge-fixtures'

const TRUSTED = 'app://lanroom/index.html'

function apiWith(overrides: Partial<BridgeHandlers>) {
  const handlers = fixtureHandlers(overrides)
  return createBridgeApi({
    invoke: (channel, args) => {
      const name = COMMAND_NAMES.find((candidate) => commandChannel(candidate) === channel)
      if (!name) throw new Error(channel)
      return dispatchCommand(name, handlers, { frameUrl: TRUSTED, mainFrame: true }, [args], {
        isTrustedSender: (url) => url === TRUSTED,
        log: () => {},
      })
    },
    on: () => () => {},
  })
}

describe('update commands over the bridge', () => {
  it('getUpdate and checkForUpdates answer with the state', async () => {
    const api = apiWith({})
    expect(await api.getUpdate()).toEqual({ ok: true, value: UPDATE_STATE })
    const checked = await api.checkForUpdates()
    expect(checked.ok && checked.value.status).toBe('up-to-date')
  })

  it('restartToUpdate passes the hosting confirmation, and refuses anything else', async () => {
    const seen: unknown[] = []
    const api = apiWith({
      restartToUpdate: (args) => {
        seen.push(args)
        if (args.endRoom !== true) {
          throw new BridgeCommandError(UPDATE_ERROR_CODES.hosting, 'Confirm to restart.')
        }
        return { ok: true }
      },
    })
    expect(await api.restartToUpdate({})).toEqual({
      ok: false,
      error: { code: UPDATE_ERROR_CODES.hosting, message: 'Confirm to restart.' },
    })
    expect(await api.restartToUpdate({ endRoom: true })).toEqual({ ok: true, value: { ok: true } })
    expect(seen).toEqual([{}, { endRoom: true }])
    const untyped = api as unknown as Record<string, (args: unknown) => Promise<unknown>>
    for (const bad of [{ endRoom: 'yes' }, { endRoom: true, force: true }, null, 'restart']) {
      expect(await untyped['restartToUpdate']?.(bad)).toMatchObject({
        ok: false,
        error: { code: BRIDGE_ERROR_CODES.invalidArgs },
      })
    }
    expect(seen).toHaveLength(2)
  })

  it('refuses an answer of main that does not match the contract', async () => {
    const api = apiWith({ getUpdate: () => ({ ...UPDATE_STATE, status: 'installing' }) as never })
    expect(await api.getUpdate()).toMatchObject({
      ok: false,
      error: { code: BRIDGE_ERROR_CODES.invalidResult },
    })
  })
})

describe('the onUpdate event', () => {
  const quiet = fitterFor(() => {})

  it('sends a valid state as it is', () => {
    expect(prepareEvent('onUpdate', UPDATE_STATE, quiet)).toEqual({
      channel: 'lanroom:evt:onUpdate',
      payload: UPDATE_STATE,
    })
  })

  it('clips release notes and versions too long for the contract', () => {
    const long: UpdateState = {
      ...UPDATE_STATE,
      releaseNotes: 'x'.repeat(UPDATE_LIMITS.releaseNotesChars * 3),
    }
    const event = prepareEvent('onUpdate', long, quiet)
    expect(event?.payload.releaseNotes?.length).toBeLessThanOrEqual(UPDATE_LIMITS.releaseNotesChars)
  })

  it('drops a state that cannot be made to fit (never sends it)', () => {
    for (const bad of [
      { ...UPDATE_STATE, status: 'hacked' },
      { ...UPDATE_STATE, progress: { percent: 150, transferred: 1, total: 1 } },
      { ...UPDATE_STATE, error: { code: 'EVIL', message: 'x' } },
    ]) {
      expect(prepareEvent('onUpdate', bad as never, quiet)).toBeNull()
    }
  })

  it('the window parses what it receives against the same schema', () => {
    expect(updateStateSchema.safeParse(UPDATE_STATE).success).toBe(true)
    expect(updateStateSchema.safeParse({ ...UPDATE_STATE, lastCheck: -1 }).success).toBe(false)
  })
})
