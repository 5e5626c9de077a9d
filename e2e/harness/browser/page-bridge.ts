/**
 * The browser harness's stand-in for the preload: builds `window.lanroom` from the same
 * contract with the same createBridgeApi, over a transport made of two Playwright bindings
 * instead of Electron's IPC. Bundled to one script and injected before the app's own code.
 */
import { createBridgeApi } from '../../../src/shared/bridge/api'

interface HarnessWindow {
  __lanroomInvoke(channel: string, args: unknown): Promise<unknown>
  __lanroomDeliver(channel: string, payload: unknown): void
  lanroom: unknown
}

const harness = window as unknown as HarnessWindow
const listeners = new Map<string, Set<(payload: unknown) => void>>()

harness.__lanroomDeliver = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload)
}

harness.lanroom = Object.freeze(
  createBridgeApi({
    invoke: (channel, args) => harness.__lanroomInvoke(channel, args),
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set()
      set.add(listener)
      listeners.set(channel, set)
      return () => {
        set.delete(listener)
      }
    },
  }),
)
