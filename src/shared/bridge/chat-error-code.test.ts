import { describe, expect, it } from 'vitest'
import { CHAT_ERROR_CODES, chatErrorCode } from './chat-error-code'

describe('chatErrorCode', () => {
  it('keeps the app’s own checks’ codes and names the hub’s refusals of a chat', () => {
    expect(chatErrorCode('CONN_ERR_INVALID')).toBe('CONN_ERR_INVALID')
    expect(chatErrorCode('CONN_ERR_UNSUPPORTED')).toBe('CONN_ERR_UNSUPPORTED')
    expect(chatErrorCode('unknown_target')).toBe('CHAT_ERR_UNKNOWN_TARGET')
    expect(chatErrorCode('file_mismatch')).toBe('CHAT_ERR_FILE_MISMATCH')
  })

  it('gives none for a code a chat is not refused with, or one it does not know', () => {
    expect(chatErrorCode('room_full')).toBeUndefined()
    expect(chatErrorCode('toString')).toBeUndefined()
    expect(chatErrorCode('CONN_ERR_CLOSED')).toBeUndefined()
  })

  it('lists every code it gives, each one the contract takes', () => {
    expect(CHAT_ERROR_CODES).toHaveLength(6)
    for (const code of CHAT_ERROR_CODES) expect(code).toMatch(/^[A-Z][A-Z0-9_]{0,63}$/)
  })
})
