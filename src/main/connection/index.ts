export * from './browser'
export * from './ws-socket'
