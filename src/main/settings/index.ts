export { SettingsStore, newClientId, type Settings, type WindowBounds } from './settings'
export { defaultProfileName } from './default-name'
