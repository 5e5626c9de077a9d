/**
 * The only module that touches ipcMain: it adapts Electron's IPC to dispatch.ts and does
 * nothing else, so all the logic stays testable without Electron.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import {
  COMMAND_NAMES,
  commandChannel,
  type EventName,
  type EventPayload,
} from '../../shared/bridge'
import {
  consoleBridgeLog,
  dispatchCommand,
  type BridgeHandlers,
  type BridgeSender,
  type DispatchOptions,
} from './dispatch'
import { fitterFor, prepareEvent } from './payload-fit'

/** Registers one ipcMain handler per contract command; returns a function that removes them. */
export function registerBridge(handlers: BridgeHandlers, options: DispatchOptions): () => void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), (event, ...args: unknown[]) =>
      dispatchCommand(name, handlers, senderOf(event), args, options),
    )
  }
  return () => {
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(commandChannel(name))
  }
}

const fitter = fitterFor(consoleBridgeLog)

/**
 * Sends a contract event to one window; a window already closed is skipped. Never throws:
 * fields too long for the contract are clipped, and a payload that still does not match is
 * dropped (both logged once per kind, like the bridge's other refusals).
 */
export function emit<K extends EventName>(
  webContents: WebContents,
  name: K,
  payload: EventPayload<K>,
): void {
  if (webContents.isDestroyed()) return
  const event = prepareEvent(name, payload, fitter)
  if (event) webContents.send(event.channel, event.payload)
}

function senderOf(event: IpcMainInvokeEvent): BridgeSender {
  try {
    // senderFrame is null once the frame has navigated or been destroyed, and reading a
    // disposed frame throws: both mean there is no page left to trust.
    const frame = event.senderFrame
    return { frameUrl: frame?.url ?? null, mainFrame: frame?.parent === null }
  } catch {
    return { frameUrl: null, mainFrame: false }
  }
}
