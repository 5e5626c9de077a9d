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
  SPECIAL_COMMANDS,
  commandChannel,
  createBridgeApi,
  type PageFile,
  eventChannel,
  type Snapshot,
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
import { SNAPSHOT, fixtureHandlers } from '../../../test/support/bridge-fixtures'

const TRUSTED_URL = 'http://localhost:5173/'
const STATE: Snapshot = SNAPSHOT

const HANDLERS: BridgeHandlers = fixtureHandlers()

// @ts-expect-error -- a contract command without a handler must not compile.
const _missingHandler: BridgeHandlers = { getSnapshot: () => STATE }

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
      return dispatchCommand(name, HANDLERS, { frameUrl, mainFrame: true }, [args], options)
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
    expect(COMMAND_NAMES).toEqual([
      'getSnapshot',
      'getTimeline',
      'setProfile',
      'hostRoom',
      'stopHosting',
      'joinRoom',
      'inspectAddress',
      'joinAddress',
      'trustNewCertificate',
      'dismissCertificateWarning',
      'leaveRoom',
      'sendChat',
      'react',
      'unreact',
      'editMessage',
      'deleteMessage',
      'loadOlder',
      'search',
      'openAt',
      'retryMessage',
      'discardMessage',
      'setTyping',
      'retryNow',
      'markRead',
      'copyText',
      'getPreferences',
      'setPreferences',
      'runDoctorCheck',
      'listInterfaces',
      'lookHarder',
      'cancelLookHarder',
      'stageFiles',
      'pickFiles',
      'unstageFile',
      'sendFiles',
      'downloadFile',
      'cancelTransfer',
      'resumeTransfer',
      'showInFolder',
      'openFile',
      'readImage',
      'chooseDownloadDir',
      'getUpdate',
      'checkForUpdates',
      'restartToUpdate',
    ])
    expect(EVENT_NAMES).toEqual([
      'onSnapshot',
      'onTimeline',
      'onNotice',
      'onChime',
      'onTransfers',
      'onOpenLink',
      'onUpdate',
    ])
    expect(SPECIAL_COMMANDS).toEqual(['stageFiles'])
    expect(Object.keys(BRIDGE_CONTRACT.commands)).toEqual(COMMAND_NAMES)
    expect(Object.keys(BRIDGE_CONTRACT.events)).toEqual(EVENT_NAMES)
  })

  it('derives one distinct channel per entry', () => {
    const channels = [...COMMAND_NAMES.map(commandChannel), ...EVENT_NAMES.map(eventChannel)]
    expect(new Set(channels).size).toBe(channels.length)
    expect(commandChannel('getSnapshot')).toBe('lanroom:cmd:getSnapshot')
    expect(eventChannel('onTimeline')).toBe('lanroom:evt:onTimeline')
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
  it('getSnapshot returns the snapshot', async () => {
    const { api } = connectedApi()
    expect(await api.getSnapshot()).toEqual({ ok: true, value: STATE })
  })

  it('setProfile trims the name and returns the profile', async () => {
    const { api } = connectedApi()
    expect(await api.setProfile({ name: '  Ada  ' })).toEqual({
      ok: true,
      value: { name: 'Ada', clientId: 'client-ada-0001' },
    })
  })

  it('sends each command on its own channel with exactly one argument', async () => {
    const invoke = vi.fn<BridgeTransport['invoke']>(async () => ({ ok: true, value: null }))
    const api = createBridgeApi({ invoke, on: () => () => {} })
    await api.getSnapshot()
    await api.setProfile({ name: 'Ada' })
    const untyped = api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
    await untyped['setProfile']?.({ name: 'Ada' }, 'smuggled')
    expect(invoke.mock.calls).toEqual([
      ['lanroom:cmd:getSnapshot', undefined],
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

  const FINGERPRINT = 'ab'.repeat(32)

  it.each([
    ['hostRoom', { name: 'Lab', passphrase: '' }, 'an empty passphrase'],
    ['hostRoom', { name: 'Lab', passphrase: 'x'.repeat(1025) }, 'a passphrase over 1024'],
    ['hostRoom', { name: 'Lab', passphrase: 42 }, 'a passphrase that is not a string'],
    ['joinRoom', { roomId: 'r', passphrase: '' }, 'an empty passphrase'],
    ['joinAddress', { address: 'h:1', expectedFingerprint: 'AB'.repeat(32) }, 'upper-case hex'],
    ['joinAddress', { address: 'h:1', expectedFingerprint: 'ab' }, 'a short fingerprint'],
    ['joinAddress', { address: 'h:1', expectedCode: 'K7Q2M-X9D4R' }, 'an unknown key'],
    ['trustNewCertificate', { roomId: 'r' }, 'no fingerprint'],
    ['trustNewCertificate', { roomId: 'r', fingerprint: `${FINGERPRINT}0` }, 'a long one'],
    ['trustNewCertificate', { roomId: '', fingerprint: FINGERPRINT }, 'no room id'],
    ['inspectAddress', { address: '   ' }, 'a blank address'],
  ])('%s refuses %s (%s)', async (name, args, _label) => {
    const { untyped } = connectedApi()
    expect(await untyped[name]?.(args)).toMatchObject({
      ok: false,
      error: { code: BRIDGE_ERROR_CODES.invalidArgs },
    })
  })

  it('passes passphrases untrimmed and fingerprints exactly', async () => {
    const seen: unknown[] = []
    const handlers = fixtureHandlers({
      hostRoom: (args) => (seen.push(args), { ok: true }),
      joinAddress: (args) => (seen.push(args), { ok: true }),
      trustNewCertificate: (args) => (seen.push(args), { ok: true }),
    })
    const call = (name: 'hostRoom' | 'joinAddress' | 'trustNewCertificate', args: unknown) =>
      dispatchCommand(name, handlers, { frameUrl: TRUSTED_URL, mainFrame: true }, [args], {
        isTrustedSender: () => true,
        log: () => {},
      })
    await call('hostRoom', { name: ' Lab ', passphrase: ' two words ' })
    await call('joinAddress', {
      address: ' 10.0.0.5:47800 ',
      expectedFingerprint: FINGERPRINT,
      passphrase: ' two words ',
    })
    await call('trustNewCertificate', { roomId: 'room-1', fingerprint: FINGERPRINT })
    expect(seen).toEqual([
      { name: 'Lab', passphrase: ' two words ' },
      { address: '10.0.0.5:47800', expectedFingerprint: FINGERPRINT, passphrase: ' two words ' },
      { roomId: 'room-1', fingerprint: FINGERPRINT },
    ])
  })

  it('checks the security parts of what main answers', async () => {
    const warned: Snapshot = {
      ...STATE,
      certificateWarning: {
        kind: 'changed',
        roomId: 'room-1',
        roomName: 'Lab',
        pinnedCode: 'NAXBA-NAXBA',
        presentedCode: 'K7Q2M-X9D4R',
        presentedFingerprint: FINGERPRINT,
      },
      joinFailure: {
        kind: 'certificate_changed',
        roomId: 'room-1',
        message: 'The certificate of "Lab" has changed.',
        retryAt: null,
      },
    }
    const answer = (snapshot: unknown) =>
      dispatchCommand(
        'getSnapshot',
        fixtureHandlers({ getSnapshot: () => snapshot as Snapshot }),
        { frameUrl: TRUSTED_URL, mainFrame: true },
        [undefined],
        { isTrustedSender: () => true, log: () => {} },
      )
    expect(await answer(warned)).toEqual({ ok: true, value: warned })
    expect(
      await answer({ ...warned, joinFailure: { ...warned.joinFailure, kind: 'mystery' } }),
    ).toMatchObject({ ok: false, error: { code: BRIDGE_ERROR_CODES.invalidResult } })
    const { inspectAddress } = fixtureHandlers()
    const inspected = await inspectAddress({ address: 'x' })
    expect(
      await dispatchCommand(
        'inspectAddress',
        fixtureHandlers({ inspectAddress: () => ({ ...inspected, pin: 'trusted' as 'new' }) }),
        { frameUrl: TRUSTED_URL, mainFrame: true },
        [{ address: 'x' }],
        { isTrustedSender: () => true, log: () => {} },
      ),
    ).toMatchObject({ ok: false, error: { code: BRIDGE_ERROR_CODES.invalidResult } })
  })

  it('getSnapshot refuses an argument it does not take', async () => {
    const { untyped } = connectedApi()
    expect(await untyped['getSnapshot']?.({ sneaky: true })).toMatchObject({
      ok: false,
      error: { code: BRIDGE_ERROR_CODES.invalidArgs },
    })
  })

  it('refuses a call from an untrusted frame with BRIDGE_ERR_UNTRUSTED_SENDER', async () => {
    for (const frameUrl of ['https://evil.example/', 'file:///tmp/downloaded.html', null]) {
      const { api } = connectedApi(frameUrl)
      expect(await api.getSnapshot()).toMatchObject({
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
      invoke: () =>
        Promise.reject(new Error("No handler registered for 'lanroom:cmd:getSnapshot'")),
      on: () => () => {},
    })
    expect(await api.getSnapshot()).toMatchObject({
      ok: false,
      error: { code: BRIDGE_ERROR_CODES.unavailable },
    })
  })

  it('takes the search text the hub takes: 1–200 characters, at most 800 bytes', async () => {
    const { api } = connectedApi()
    const refused = { ok: false, error: { code: BRIDGE_ERROR_CODES.invalidArgs } }
    expect(await api.search({ text: 'x'.repeat(201) })).toMatchObject(refused)
    // 101 characters of 8 bytes each.
    expect(await api.search({ text: '👍🏽'.repeat(101) })).toMatchObject(refused)
    expect(await api.search({ text: '  ' })).toMatchObject(refused)
    expect(await api.search({ text: 'a\u0007b' })).toMatchObject(refused)
    // Within both bounds: handled (the fixture's answer), with the text trimmed as the hub would.
    expect(await api.search({ text: ` ${'x'.repeat(200)} ` })).toMatchObject({ ok: true })
    expect(await api.search({ text: '漢'.repeat(200) })).toMatchObject({ ok: true })
  })
})

describe('events: main → preload API', () => {
  it('delivers payloads to listeners until they unsubscribe', () => {
    const { api, fire } = connectedApi()
    const seen: Snapshot[] = []
    const unsubscribe = api.onSnapshot((state) => seen.push(state))
    fire('lanroom:evt:onSnapshot', STATE)
    unsubscribe()
    fire('lanroom:evt:onSnapshot', { ...STATE, situation: 'joined' })
    expect(seen).toEqual([STATE])
  })

  it('subscribes each event on its own channel', () => {
    const { api, listeners } = connectedApi()
    for (const name of EVENT_NAMES) api[name](() => {})
    expect([...listeners.keys()]).toEqual(EVENT_NAMES.map(eventChannel))
  })

  it('refuses a listener that is not a function', () => {
    const { untyped } = connectedApi()
    expect(() => untyped['onSnapshot']?.('not a function')).toThrow(TypeError)
  })
})

/** A stand-in for a DOM File: what stageFiles reads of one. */
function pageFile(name: string, content: string, type = 'text/plain'): PageFile {
  const bytes = new TextEncoder().encode(content)
  return {
    name,
    type,
    size: bytes.byteLength,
    arrayBuffer: async () => bytes.slice().buffer,
  }
}

describe('stageFiles: the one command the preload builds by hand', () => {
  const recording = (paths: Map<PageFile, string> | null) => {
    const invoke = vi.fn<BridgeTransport['invoke']>(async (_channel, args) => ({
      ok: true,
      value: { staged: [], args },
    }))
    const api = createBridgeApi({
      invoke,
      on: () => () => {},
      ...(paths ? { filePath: (file: PageFile) => paths.get(file) ?? '' } : {}),
    })
    return { api, invoke }
  }

  it('sends a dropped file as its path and a pasted one as its bytes, never a path of the page', async () => {
    const dropped = pageFile('report.pdf', 'pdf', 'application/pdf')
    const pasted = pageFile('image.png', 'png bytes', 'image/png')
    // A page-made object claiming a path: the platform does not know it, so it is bytes.
    const forged = Object.assign(pageFile('x.txt', 'x'), { path: '/etc/passwd' })
    const { api, invoke } = recording(new Map([[dropped, '/home/ada/report.pdf']]))
    const thumb = new Uint8Array([1, 2, 3])
    await api.stageFiles([dropped, pasted, forged], [null, { thumb, width: 10, height: 5 }])
    expect(invoke.mock.calls).toEqual([
      [
        'lanroom:cmd:stageFiles',
        {
          files: [
            { name: 'report.pdf', type: 'application/pdf', path: '/home/ada/report.pdf' },
            {
              name: 'image.png',
              type: 'image/png',
              bytes: new TextEncoder().encode('png bytes'),
              thumb,
              width: 10,
              height: 5,
            },
            { name: 'x.txt', type: 'text/plain', bytes: new TextEncoder().encode('x') },
          ],
        },
      ],
    ])
  })

  it('sends every file as bytes over a transport without paths (the browser harness)', async () => {
    const { api, invoke } = recording(null)
    await api.stageFiles([pageFile('a.txt', 'abc')])
    expect(invoke.mock.calls[0]?.[1]).toEqual({
      files: [{ name: 'a.txt', type: 'text/plain', bytes: new TextEncoder().encode('abc') }],
    })
  })

  it('refuses a pasted file over the bound without reading it, and empty or huge lists', async () => {
    const { api, invoke } = recording(null)
    const read = vi.fn(async () => new ArrayBuffer(0))
    const huge: PageFile = {
      name: 'big.bin',
      type: '',
      size: 64 * 1024 * 1024 + 1,
      arrayBuffer: read,
    }
    expect(await api.stageFiles([huge])).toMatchObject({
      ok: false,
      error: { code: 'APP_ERR_FILE_TOO_LARGE' },
    })
    expect(read).not.toHaveBeenCalled()
    expect(await api.stageFiles([])).toMatchObject({
      ok: false,
      error: { code: BRIDGE_ERROR_CODES.invalidArgs },
    })
    const many = Array.from({ length: 101 }, (_, i) => pageFile(`${i}.txt`, 'x'))
    expect(await api.stageFiles(many)).toMatchObject({ ok: false })
    expect(invoke).not.toHaveBeenCalled()
  })

  it('round-trips through main, which validates what the preload sends', async () => {
    const { api } = connectedApi()
    expect(await api.stageFiles([pageFile('a.txt', 'abc')])).toEqual({
      ok: true,
      value: { staged: [{ stageId: 's1', name: 'a.txt', size: 3, type: 'text/plain' }] },
    })
    const { untyped } = connectedApi()
    // Whatever reaches the IPC channel directly is parsed: unknown keys, oversized thumbnails.
    const send = (args: unknown) =>
      dispatchCommand('stageFiles', HANDLERS, { frameUrl: TRUSTED_URL, mainFrame: true }, [args], {
        isTrustedSender: () => true,
        log: () => {},
      })
    for (const bad of [
      { files: [{ name: 'a', type: '', path: '/x', evil: true }] },
      { files: [{ name: 'a', type: '', thumb: new Uint8Array(8 * 1024 + 1) }] },
      { files: [{ name: 'a', type: '', bytes: 'not bytes' }] },
      { files: [] },
    ]) {
      expect(await send(bad)).toMatchObject({
        ok: false,
        error: { code: BRIDGE_ERROR_CODES.invalidArgs },
      })
    }
    expect(typeof untyped['stageFiles']).toBe('function')
  })
})
