/**
 * The API the preload exposes as `window.lanroom`, built from the contract by one loop, so
 * that adding a command never means hand-writing preload code (a preload with one
 * exposeInMainWorld per feature grows without bound). Pure: the IPC functions come in as a
 * transport, which is what lets tests and the browser harness build the same object.
 */
import {
  COMMAND_NAMES,
  EVENT_NAMES,
  SPECIAL_COMMANDS,
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
import { BRIDGE_LIMITS } from './model'
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

export type SpecialCommandName = (typeof SPECIAL_COMMANDS)[number]

/** What the API needs of a DOM File (structural: src/shared imports no DOM types). */
export interface PageFile {
  readonly name: string
  readonly type: string
  readonly size: number
  arrayBuffer(): Promise<ArrayBuffer>
}

/** What the window adds to a file it stages: a thumbnail it made, and an image's size. */
export interface StageExtras {
  thumb?: Uint8Array
  width?: number
  height?: number
}

/** `lanroom.stageFiles(files, extras?)`: File objects in, staged files out (contract stageFiles). */
export type StageFilesFunction = (
  files: Iterable<PageFile> | ArrayLike<PageFile>,
  extras?: ReadonlyArray<StageExtras | null | undefined>,
) => Promise<BridgeResult<CommandResult<'stageFiles'>>>

export type LanRoomApi = {
  readonly [K in Exclude<CommandName, SpecialCommandName>]: CommandFunction<K>
} & { readonly stageFiles: StageFilesFunction } & {
  readonly [K in EventName]: EventSubscriber<K>
}

/** The IPC operations the API needs; in the preload, thin wrappers of ipcRenderer. */
export interface BridgeTransport {
  invoke(channel: CommandChannel, args: unknown): Promise<unknown>
  /** Must hand the listener the payload only, never Electron's event object. */
  on(channel: EventChannel, listener: (payload: unknown) => void): Unsubscribe
  /**
   * The path of a File the person dropped or picked (Electron's webUtils.getPathForFile), or ''
   * when it has none (pasted, or made by the page). Absent: every File crosses as its bytes
   * (the browser harness).
   */
  filePath?(file: PageFile): string
}

function isSpecial(name: CommandName): name is SpecialCommandName {
  return (SPECIAL_COMMANDS as readonly string[]).includes(name)
}

export function createBridgeApi(transport: BridgeTransport): LanRoomApi {
  const api: Record<string, unknown> = {}

  for (const name of COMMAND_NAMES) {
    if (isSpecial(name)) continue
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

  api['stageFiles'] = stageFilesFunction(transport)

  // Built by the loops above from the same names LanRoomApi is mapped over; the contract
  // test checks that the keys agree.
  return Object.freeze(api) as LanRoomApi
}

const STAGE_ERR_TOO_LARGE = 'APP_ERR_FILE_TOO_LARGE'

/**
 * stageFiles by hand: whatever the page passes, only a path the platform found for a real File,
 * or bytes read from it, crosses to main — the page can never name a path itself.
 */
function stageFilesFunction(transport: BridgeTransport): StageFilesFunction {
  const channel = commandChannel('stageFiles')
  return async (files, extras) => {
    type Result = BridgeResult<CommandResult<'stageFiles'>>
    const invalid = (message: string): Result =>
      fail(BRIDGE_ERROR_CODES.invalidArgs, `Invalid arguments for stageFiles: ${message}`)
    let list: PageFile[]
    try {
      list = Array.from(files)
    } catch {
      return invalid('expected a list of files')
    }
    if (list.length === 0 || list.length > BRIDGE_LIMITS.stagedFiles) {
      return invalid(`expected 1 to ${BRIDGE_LIMITS.stagedFiles} files`)
    }
    const sources: Record<string, unknown>[] = []
    for (const [index, file] of list.entries()) {
      let path: string
      try {
        path = transport.filePath?.(file) ?? ''
      } catch {
        // Not a File the platform knows (made by the page): it crosses as bytes, like a paste.
        path = ''
      }
      const source: Record<string, unknown> = { name: String(file.name), type: String(file.type) }
      if (typeof path === 'string' && path !== '') {
        source['path'] = path
      } else {
        const size = Number(file.size)
        if (!(size <= BRIDGE_LIMITS.pastedFileBytes)) {
          return fail(STAGE_ERR_TOO_LARGE, `${String(file.name)} is too large to paste.`)
        }
        try {
          source['bytes'] = new Uint8Array(await file.arrayBuffer())
        } catch (error) {
          return invalid(`could not read ${String(file.name)}: ${String(error)}`)
        }
      }
      const extra = extras?.[index]
      if (extra) {
        if (extra.thumb instanceof Uint8Array) source['thumb'] = new Uint8Array(extra.thumb)
        if (typeof extra.width === 'number') source['width'] = extra.width
        if (typeof extra.height === 'number') source['height'] = extra.height
      }
      sources.push(source)
    }
    try {
      return (await transport.invoke(channel, { files: sources })) as Result
    } catch (error) {
      return fail(
        BRIDGE_ERROR_CODES.unavailable,
        `stageFiles could not reach the app: ${String(error)}`,
      )
    }
  }
}
