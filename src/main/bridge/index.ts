export { registerBridge, emit } from './register'
export {
  BridgeCommandError,
  type BridgeHandler,
  type BridgeHandlers,
  type BridgeLog,
  type BridgeLogEntry,
  type DispatchOptions,
  type TrustedSenderCheck,
} from './dispatch'
export { createTrustedSenderCheck } from './trusted-sender'
