import { describe, expect, it } from 'vitest'
import { UPDATE_ERROR_CODES } from '../../shared/bridge/update'
import { classifyUpdateError } from './errors'

function coded(code: string, message = 'x'): Error {
  return Object.assign(new Error(message), { code })
}

describe('update errors get a stable code and a sentence', () => {
  it('names a refused signature (Windows) and an unsigned app (macOS)', () => {
    expect(classifyUpdateError(coded('ERR_UPDATER_INVALID_SIGNATURE')).code).toBe(
      UPDATE_ERROR_CODES.signature,
    )
    const mac = classifyUpdateError(
      new Error('Could not get code signature for running application'),
    )
    expect(mac.code).toBe(UPDATE_ERROR_CODES.signature)
    expect(mac.message).toMatch(/not signed/)
  })

  it('names a damaged download, an unreachable feed and a feed without a usable release', () => {
    expect(classifyUpdateError(coded('ERR_CHECKSUM_MISMATCH')).code).toBe(
      UPDATE_ERROR_CODES.download,
    )
    expect(classifyUpdateError(coded('ENOTFOUND')).code).toBe(UPDATE_ERROR_CODES.offline)
    expect(classifyUpdateError(new Error('net::ERR_INTERNET_DISCONNECTED')).code).toBe(
      UPDATE_ERROR_CODES.offline,
    )
    expect(classifyUpdateError(coded('ERR_UPDATER_LATEST_VERSION_NOT_FOUND')).code).toBe(
      UPDATE_ERROR_CODES.feed,
    )
    expect(classifyUpdateError(Object.assign(new Error('x'), { statusCode: 404 })).code).toBe(
      UPDATE_ERROR_CODES.feed,
    )
  })

  it('never repeats what the server said in the sentence', () => {
    const hostile = Object.assign(new Error('<img src=x onerror=alert(1)> 500 body'), {
      statusCode: 500,
    })
    const failure = classifyUpdateError(hostile)
    expect(failure.message).not.toContain('<img')
    expect(classifyUpdateError('weird').code).toBe(UPDATE_ERROR_CODES.failed)
    expect(classifyUpdateError(null).code).toBe(UPDATE_ERROR_CODES.failed)
  })
})
