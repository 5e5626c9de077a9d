import {
  COMMAND_NAMES,
  commandChannel,
  type CommandName,
  type EventChannel,
  type EventName,
  type EventPayload,
} from '../../shared/bridge'
import { createBridgeApi, type LanRoomApi } from '../../shared/bridge/api'
import { EventBatcher } from '../../main/bridge/batcher'
import {
  BridgeCommandError,
  dispatchCommand,
  type BridgeHandlers,
} from '../../main/bridge/dispatch'
import { fitterFor, prepareEvent } from '../../main/bridge/payload-fit'
import { Controller } from '../../main/controller/controller'
import { controllerHandlers, OK } from '../../main/controller/command-handlers'
import { Transfers } from '../../main/controller/transfers'
import type { ControllerError } from '../../main/controller/errors'
import type { SessionFactory } from '../../main/controller/session'
import type { ClientIdentity } from '../../main/security/identity-core'
import { createPreferenceHandlers } from '../../main/settings/preferences'
import type { WebFiles } from '../files/web-file-io'
import { noUpdates } from '../../main/updates/handlers'
import { notInBrowser, webDeps, type WebDepsOptions } from './web-deps'

export interface GuestPlatform extends Pick<WebDepsOptions, 'storage' | 'origin' | 'fetch'> {
  userAgent: string
  /** This browser's identity (its key in IndexedDB); the controller starts once it is read. */
  identity: () => Promise<ClientIdentity>
  /** Opens room sessions over sockets whose certificate is taken to be `fingerprint` (the page
   * cannot see it: the guest link's, else the one the hub serves). */
  connect: (fingerprint: () => string | null) => SessionFactory
  /** The guest link's fingerprint (`#fp=`), or null. */
  linkFingerprint: string | null
  copyText: (text: string) => void
  /** Files in the page: the person's File objects, downloads held as Blobs (files/). */
  files: WebFiles
  log?: (line: string) => void
}

export interface GuestBridge {
  api: LanRoomApi
  /** Settles once the controller runs (or failed to start: the commands then say why). */
  ready: Promise<Controller>
}

function refusal(error: ControllerError): BridgeCommandError {
  return new BridgeCommandError(error.code, error.message)
}

/**
 * `window.lanroom` for the guest page: the same contract and the same controller as the app,
 * with the web's dependencies (web-deps.ts), and no process boundary. What crosses is still
 * parsed against the contract both ways (dispatch.ts and the event fitter), and copied, as
 * Electron's IPC would: the page can never change the controller's objects in place.
 */
export function createGuestBridge(platform: GuestPlatform): GuestBridge {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()
  const log = platform.log ?? ((line: string) => console.warn(line))
  const bridgeLog = (entry: { command: string; code: string; message: string }): void =>
    log(`[bridge] ${entry.command}: ${entry.code}: ${entry.message}`)
  const fitter = fitterFor(bridgeLog)

  function deliver<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const event = prepareEvent(name, payload, fitter)
    if (!event) return
    for (const listener of listeners.get(event.channel) ?? []) {
      listener(structuredClone(event.payload))
    }
  }

  let served: string | null = null
  const started = platform.identity().then((identity) => {
    const deps = webDeps({
      ...platform,
      identity,
      connect: platform.connect(() => platform.linkFingerprint ?? served),
      served: (fingerprint) => (served = fingerprint),
    })
    return { deps, controller: new Controller(deps) }
  })
  const handlers: Promise<BridgeHandlers> = started.then(({ deps, controller }) => {
    const batcher = new EventBatcher(deliver)
    controller.on('snapshot', (snapshot) => batcher.pushSnapshot(snapshot))
    controller.on('timeline', (patch) => batcher.pushTimeline(patch))
    controller.on('notice', (notice) => batcher.pushNotice(notice))
    const own = controllerHandlers(controller, { copyText: platform.copyText })
    // The app's transfers (controller/transfers.ts) over the page's files: no download folder.
    const transfers = new Transfers({
      session: () => controller.roomSession(),
      platform: platform.files.platform,
      io: platform.files.io,
      downloadDir: () => null,
      setDownloadDir: () => {},
      publish: (list) => deliver('onTransfers', list),
    })
    controller.on('snapshot', (snapshot) => transfers.observe(snapshot))
    controller.start()
    return {
      ...createPreferenceHandlers(deps.settings, () => {}),
      ...transfers.handlers(),
      // A browser page has no app to update.
      ...noUpdates(),
      ...own,
      listInterfaces: () => [],
      lookHarder: () => {
        throw refusal(notInBrowser('Looking for rooms'))
      },
      cancelLookHarder: () => OK,
      runDoctorCheck: () => {
        throw refusal(notInBrowser('The network doctor'))
      },
      hostRoom: () => {
        throw refusal(notInBrowser('Hosting a room'))
      },
      // Events still waiting go out before a full read's answer (as in the app, app.ts).
      getSnapshot: (args) => {
        batcher.flush()
        return own.getSnapshot(args)
      },
      getTimeline: (args) => {
        batcher.flush()
        return own.getTimeline(args)
      },
    }
  })

  const names = new Map<string, CommandName>(
    COMMAND_NAMES.map((name) => [commandChannel(name), name]),
  )
  const api = createBridgeApi({
    // Every File the page stages crosses as a ref to it (files/web-file-io.ts), never its bytes.
    filePath: (file) => platform.files.refOf(file),
    invoke: async (channel, args) => {
      const name = names.get(channel)
      if (!name) throw new Error(`no command on ${channel}`)
      // The arguments are parsed into new objects (dispatch.ts); the answer is copied here.
      const answer = await dispatchCommand(
        name,
        await handlers,
        { frameUrl: 'guest', mainFrame: true },
        [args],
        {
          isTrustedSender: () => true,
          log: bridgeLog,
        },
      )
      return structuredClone(answer)
    },
    on: (channel, listener) => {
      let set = listeners.get(channel)
      if (!set) listeners.set(channel, (set = new Set()))
      set.add(listener)
      return () => set.delete(listener)
    },
  })
  return { api, ready: started.then(({ controller }) => controller) }
}
