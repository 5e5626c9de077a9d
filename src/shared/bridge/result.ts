/**
 * What every bridge command resolves to. Errors travel as values because a rejected IPC
 * promise reaches the renderer as a bare message with the code stripped; with a value, the
 * renderer can tell "name too long" from "main is gone" without parsing sentences.
 */

/** Codes the bridge itself produces. Handlers may fail with codes of their own (`HUB_ERR_…`). */
export const BRIDGE_ERROR_CODES = {
  /** The call did not come from the app's own page (another frame, or a page navigated away). */
  untrustedSender: 'BRIDGE_ERR_UNTRUSTED_SENDER',
  /** The arguments did not match the contract. */
  invalidArgs: 'BRIDGE_ERR_INVALID_ARGS',
  /** The handler threw something that was not a deliberate, coded failure. */
  handlerFailed: 'BRIDGE_ERR_HANDLER_FAILED',
  /** The handler returned a value that does not match the contract: a bug in main. */
  invalidResult: 'BRIDGE_ERR_INVALID_RESULT',
  /** The call never reached a handler (main is shutting down, or no handler is registered). */
  unavailable: 'BRIDGE_ERR_UNAVAILABLE',
} as const

export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[keyof typeof BRIDGE_ERROR_CODES]

export interface BridgeError {
  /** Stable, SCREAMING_CASE, `AREA_ERR_WHAT`: for code to branch on. */
  code: string
  /** One sentence a person can read. */
  message: string
}

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeError }

export function succeed<T>(value: T): BridgeResult<T> {
  return { ok: true, value }
}

export function fail<T = never>(code: string, message: string): BridgeResult<T> {
  return { ok: false, error: { code, message } }
}
