export * from './contract'
export * from './result'
export * from './api'
export * from './model'
