export { SettingsStore, type Settings, type WindowBounds } from './settings'
export { defaultProfileName } from './default-name'
