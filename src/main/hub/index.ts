export { Hub, HubError, passphraseProblem, type HubOptions } from './hub'
export { SILENT_LOGGER, type Logger } from './logger'
