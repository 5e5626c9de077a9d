import { BridgeCommandError, type BridgeHandlers } from '../bridge/dispatch'
import type { Controller } from './controller'
import { ControllerError } from './controller'

/** What only the platform can do (the Electron glue provides it; tests record it). */
export interface Platform {
  copyText(text: string): void
}

const OK = { ok: true } as const

/** Turns a ControllerError into the bridge's typed error; anything else stays unexpected. */
async function run<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof ControllerError) throw new BridgeCommandError(error.code, error.message)
    throw error
  }
}

/** Every bridge command, served by the controller. */
export function createHandlers(controller: Controller, platform: Platform): BridgeHandlers {
  return {
    getSnapshot: () => controller.snapshot(),
    getTimeline: () => controller.timeline(),
    setProfile: ({ name }) => run(() => controller.setProfile(name)),
    hostRoom: ({ name }) => run(() => controller.hostRoom(name).then(() => OK)),
    stopHosting: () => run(() => controller.stopHosting().then(() => OK)),
    joinRoom: ({ roomId }) => run(() => controller.joinRoom(roomId).then(() => OK)),
    joinAddress: ({ address }) => run(() => controller.joinAddress(address).then(() => OK)),
    leaveRoom: () => run(() => controller.leaveRoom().then(() => OK)),
    sendChat: ({ text }) => run(() => controller.sendChat(text)),
    retryMessage: ({ id }) => run(() => (controller.retryMessage(id), OK)),
    discardMessage: ({ id }) => run(() => (controller.discardMessage(id), OK)),
    setTyping: ({ active }) => run(() => (controller.setTyping(active), OK)),
    retryNow: () => run(() => (controller.retryNow(), OK)),
    markRead: () => run(() => (controller.markRead(), OK)),
    copyText: ({ text }) => run(() => (platform.copyText(text), OK)),
  }
}
