export { RoomAdvertiser, type AdvertiserOptions } from './advertiser'
export { RoomDirectory, type DirectoryOptions } from './directory'
export { orderAddresses, hubUrl, addressSignature } from './addresses'
