export * from './room-connection'
export * from './address'
