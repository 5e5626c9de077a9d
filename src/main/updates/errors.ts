/**
 * electron-updater's failures as the window sees them: a stable code and a sentence. The
 * details (which may quote what a server answered) stay in main's log.
 */
import { UPDATE_ERROR_CODES, type UpdateErrorCode } from '../../shared/bridge/update'

export interface UpdateFailure {
  code: UpdateErrorCode
  message: string
}

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
])

const FEED_CODES = new Set([
  'ERR_UPDATER_LATEST_VERSION_NOT_FOUND',
  'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
  'ERR_UPDATER_RELEASE_NOT_FOUND',
  'ERR_UPDATER_NO_PUBLISHED_VERSIONS',
  'ERR_UPDATER_INVALID_UPDATE_INFO',
  'ERR_UPDATER_INVALID_RELEASE_FEED',
  'ERR_UPDATER_INVALID_VERSION',
  'ERR_UPDATER_ASSET_NOT_FOUND',
  'ERR_UPDATER_NO_FILES_PROVIDED',
  'ERR_UPDATER_NO_CHECKSUM',
])

function field(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null
    ? (error as Record<string, unknown>)[key]
    : undefined
}

export function classifyUpdateError(error: unknown): UpdateFailure {
  const code = String(field(error, 'code') ?? '')
  const message = String(field(error, 'message') ?? error).slice(0, 2_000)
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE') {
    return {
      code: UPDATE_ERROR_CODES.signature,
      message:
        'The downloaded update is not signed by LAN Room’s publisher, so it was not installed.',
    }
  }
  // Squirrel.Mac (macOS) refuses to update an app that is not signed.
  if (/code ?signature|codesign|not signed|SecCode/i.test(message)) {
    return {
      code: UPDATE_ERROR_CODES.signature,
      message:
        'This copy of LAN Room is not signed, and macOS updates only signed apps: download the new version from the releases page.',
    }
  }
  if (code === 'ERR_CHECKSUM_MISMATCH' || /checksum mismatch|sha512 checksum/i.test(message)) {
    return {
      code: UPDATE_ERROR_CODES.download,
      message:
        'The update was damaged on the way (its checksum did not match); it will be tried again.',
    }
  }
  if (NETWORK_CODES.has(code) || /net::ERR_|socket hang up|getaddrinfo/i.test(message)) {
    return {
      code: UPDATE_ERROR_CODES.offline,
      message: 'GitHub could not be reached to check for updates. Check the connection.',
    }
  }
  const status = Number(field(error, 'statusCode'))
  if (FEED_CODES.has(code) || (status >= 400 && status < 600)) {
    return {
      code: UPDATE_ERROR_CODES.feed,
      message: 'The release feed has no usable update right now; it will be checked again later.',
    }
  }
  if (/download/i.test(message)) {
    return { code: UPDATE_ERROR_CODES.download, message: 'The update could not be downloaded.' }
  }
  return { code: UPDATE_ERROR_CODES.failed, message: 'Checking for updates failed.' }
}
