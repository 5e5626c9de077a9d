/**
 * The connection module without its Node socket: everything a page needs to join a room (the
 * guest app). It imports no Node built-in; browser-bundle.test.ts proves it by bundling it for
 * browsers. index.ts is this plus ws-socket.ts.
 */
export * from './room-connection'
export * from './address'
export * from './backoff'
export { MAX_MESSAGE_LENGTH, clipMessage } from './close-reason'
export * from './errors'
export * from './outbox'
export * from './socket'
export * from './timeline'
export { applyOp } from './chat-ops'
export * from './browser-socket'
export {
  clientIdOfDigest,
  clientIdOfKey,
  helloTranscript,
  type ClientIdentity,
} from '../security/identity-core'
