/**
 * The API the preload exposes as `window.lanroom`, built from the contract by one loop, so
 * that adding a command never means hand-writing preload code (a preload with one
 * exposeInMainWorld per feature grows without bound). Pure: the IPC functions come in as a
 * transport, which is what lets tests and the browser harness build the same object.
 */
import {
  COMMAND_NAMES,
  EVENT_NAMES,
  commandChannel,
  eventChannel,
  type CommandArgs,
  type CommandChannel,
  type CommandName,
  type CommandResult,
  type EventChannel,
  type EventName,
  type EventPayload,
} from './contract'
import { BRIDGE_ERROR_CODES, fail, type BridgeResult } from './result'

export type Unsubscribe = () => void

/** A command with no arguments takes none; the others take exactly one object. */
export type CommandParameters<K extends CommandName> = [CommandArgs<K>] extends [undefined]
  ? []
  : [args: CommandArgs<K>]

export type CommandFunction<K extends CommandName> = (
  ...args: CommandParameters<K>
) => Promise<BridgeResult<CommandResult<K>>>

export type EventSubscriber<K extends EventName> = (
  listener: (payload: EventPayload<K>) => void,
) => Unsubscribe

export type LanRoomApi = { readonly [K in CommandName]: CommandFunction<K> } & {
  readonly [K in EventName]: EventSubscriber<K>
}

/** The two IPC operations the API needs; in the preload, thin wrappers of ipcRenderer. */
export interface BridgeTransport {
  invoke(channel: CommandChannel, args: unknown): Promise<unknown>
  /** Must hand the listener the payload only, never Electron's event object. */
  on(channel: EventChannel, listener: (payload: unknown) => void): Unsubscribe
}

export function createBridgeApi(transport: BridgeTransport): LanRoomApi {
  const api: Record<string, unknown> = {}

  for (const name of COMMAND_NAMES) {
    const channel = commandChannel(name)
    // Exactly one argument crosses, whatever the caller passed; main validates it.
    api[name] = async (args?: unknown): Promise<BridgeResult<unknown>> => {
      try {
        // Main always answers with a BridgeResult it has checked against the contract.
        return (await transport.invoke(channel, args)) as BridgeResult<unknown>
      } catch (error) {
        // Only reached when IPC itself failed; keep the promise's shape the same for callers.
        return fail(
          BRIDGE_ERROR_CODES.unavailable,
          `${name} could not reach the app: ${String(error)}`,
        )
      }
    }
  }

  for (const name of EVENT_NAMES) {
    const channel = eventChannel(name)
    api[name] = (listener: unknown): Unsubscribe => {
      if (typeof listener !== 'function') {
        throw new TypeError(`${name} expects a listener function`)
      }
      return transport.on(channel, (payload) => {
        listener(payload)
      })
    }
  }

  // Built by the loops above from the same names LanRoomApi is mapped over; the contract
  // test checks that the keys agree.
  return Object.freeze(api) as LanRoomApi
}
