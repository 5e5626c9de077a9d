export { registerBridge, emit, createEmit, type Emit } from './register'
export {
  BridgeCommandError,
  consoleBridgeLog,
  type BridgeHandler,
  type BridgeHandlers,
  type BridgeLog,
  type BridgeLogEntry,
  type DispatchOptions,
  type TrustedSenderCheck,
} from './dispatch'
export { createTrustedSenderCheck } from './trusted-sender'
