/**
 * One bridge call, from raw IPC input to the value sent back: sender check → parse →
 * handler → result. No Electron here (register.ts adapts ipcMain to this), so every refusal
 * path is unit-tested without an Electron binary.
 */
import {
  BRIDGE_ERROR_CODES,
  argsSchema,
  fail,
  resultSchema,
  succeed,
  type BridgeResult,
  type CommandName,
  type CommandResult,
  type HandlerArgs,
} from '../../shared/bridge'
import { clipString } from './clip'
import { fitterFor } from './payload-fit'

/** Longest error sentence sent to the window: the contract's bound for notices. */
const MAX_ERROR_MESSAGE_LENGTH = 500

export type BridgeHandler<K extends CommandName> = (
  args: HandlerArgs<K>,
) => CommandResult<K> | Promise<CommandResult<K>>

/** One handler per contract command: leaving one out does not compile. */
export type BridgeHandlers = { readonly [K in CommandName]: BridgeHandler<K> }

/** What the sender check needs from Electron's event. */
export interface BridgeSender {
  /** URL of the frame that called; null when the frame has navigated away or is gone. */
  frameUrl: string | null
  /** Whether that frame is its window's top frame: a frame inside the page is never trusted,
   * whatever its URL (the preload runs in the top frame only, and the CSP allows no frames). */
  mainFrame: boolean
}

export type TrustedSenderCheck = (frameUrl: string) => boolean

export interface BridgeLogEntry {
  level: 'warn' | 'error'
  command: string
  code: string
  message: string
  /** The original error or input, for the log only: it never crosses to the renderer. */
  detail?: unknown
}

export type BridgeLog = (entry: BridgeLogEntry) => void

export interface DispatchOptions {
  isTrustedSender: TrustedSenderCheck
  log?: BridgeLog
}

/**
 * A failure a handler means to report (`throw new BridgeCommandError('HUB_ERR_PORT_IN_USE',
 * 'Port 47800 is already in use.')`): its code and message reach the renderer unchanged.
 * Anything else a handler throws is reported as BRIDGE_ERR_HANDLER_FAILED, so internal
 * details (paths, stack traces) stay in main's log.
 */
export class BridgeCommandError extends Error {
  readonly code: string

  constructor(code: string, message: string) {
    super(message)
    this.name = 'BridgeCommandError'
    this.code = code
  }
}

/** Writes to the console: main's stdout and stderr. */
export const consoleBridgeLog: BridgeLog = (entry) => {
  const line = `[bridge] ${entry.command}: ${entry.code}: ${entry.message}`
  if (entry.level === 'error') console.error(line, entry.detail)
  else console.warn(line)
}

/** Never throws and never rejects: whatever happens, the renderer gets a BridgeResult. */
export async function dispatchCommand<K extends CommandName>(
  name: K,
  handlers: BridgeHandlers,
  sender: BridgeSender,
  rawArgs: readonly unknown[],
  options: DispatchOptions,
): Promise<BridgeResult<CommandResult<K>>> {
  const log = options.log ?? consoleBridgeLog
  const refuse = (
    level: BridgeLogEntry['level'],
    code: string,
    message: string,
    detail?: unknown,
  ): BridgeResult<CommandResult<K>> => {
    log({ level, command: name, code, message, detail })
    return fail(code, message)
  }

  if (!isTrusted(sender, options.isTrustedSender)) {
    return refuse(
      'warn',
      BRIDGE_ERROR_CODES.untrustedSender,
      `${name} was refused: the call did not come from the LAN Room window.`,
      sender.frameUrl,
    )
  }

  // The preload sends exactly one value; more means something else is calling.
  if (rawArgs.length > 1) {
    return refuse(
      'warn',
      BRIDGE_ERROR_CODES.invalidArgs,
      `Invalid arguments for ${name}: expected at most one argument, got ${rawArgs.length}.`,
    )
  }
  const parsed = argsSchema(name).safeParse(rawArgs[0])
  if (!parsed.success) {
    return refuse(
      'warn',
      BRIDGE_ERROR_CODES.invalidArgs,
      `Invalid arguments for ${name}: ${describeIssues(parsed.error.issues)}.`,
    )
  }

  let value: CommandResult<K>
  try {
    value = await handlers[name](parsed.data)
  } catch (error) {
    // Its sentence may quote a peer (a hub's refusal, an unreachable room's 16 addresses):
    // the window shows it in a toast, so it is bounded like every message the window shows.
    if (error instanceof BridgeCommandError) {
      return fail(error.code, clipString(error.message, MAX_ERROR_MESSAGE_LENGTH))
    }
    return refuse(
      'error',
      BRIDGE_ERROR_CODES.handlerFailed,
      `${name} failed unexpectedly; the details are in the app's log.`,
      error,
    )
  }

  // Parsing the result too means only what the contract names reaches the renderer: an
  // internal field added to a state object later cannot leak through a handler by accident.
  // A field too long for the contract (a peer's long name in a sentence) is clipped, as in
  // events: the snapshot must still reach the window.
  const checked = fitterFor(log).fit(name, resultSchema(name), value)
  if (checked === null) {
    return fail(
      BRIDGE_ERROR_CODES.invalidResult,
      `${name} produced a result the app cannot use; the details are in the app's log.`,
    )
  }
  return succeed(checked)
}

function isTrusted(sender: BridgeSender, check: TrustedSenderCheck): boolean {
  if (sender.frameUrl === null || !sender.mainFrame) return false
  try {
    return check(sender.frameUrl) === true
  } catch {
    // A check that cannot decide refuses: fail closed.
    return false
  }
}

interface Issue {
  path: readonly PropertyKey[]
  message: string
}

/** One readable line naming the fields, for the renderer to show or log. */
function describeIssues(issues: readonly Issue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) =>
      issue.path.length > 0
        ? `${issue.path.map(String).join('.')}: ${issue.message}`
        : issue.message,
    )
    .join('; ')
}
