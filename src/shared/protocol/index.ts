export * from './limits'
export * from './codes'
export * from './messages'
export * from './discovery'
