export { RoomAdvertiser, type AdvertiserOptions } from './advertiser'
export { RoomDirectory, type DirectoryOptions } from './directory'
export { orderAddresses, hubUrl, addressSignature } from './addresses'
export {
  listInterfaces,
  chooseInterfaces,
  AUTO_SELECTION,
  type LocalInterface,
  type InterfaceSelection,
} from './interfaces'
