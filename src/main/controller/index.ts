export {
  Controller,
  ControllerError,
  type ControllerDeps,
  type Directory,
  type Advertiser,
} from './controller'
export { createHandlers, type Platform } from './handlers'
export type {
  RoomSession,
  SessionFactory,
  SessionOptions,
  SessionView,
  IncomingChat,
} from './session'
