import { describe, expect, it } from 'vitest'
import { timelineEntrySchema } from '../../shared/bridge'
import { CHAT_ERROR_CODES, chatErrorCode } from './chat-error-code'
import { pendingEntries, type PendingChat, type ViewContext } from './timeline-view'

const context: ViewContext = {
  clientId: 'me',
  chatAt: () => undefined,
  nameOf: () => null,
}

function failed(code: string, message: string): PendingChat {
  return {
    id: 'c1',
    op: { type: 'chat', text: 'hello' },
    state: 'failed',
    error: { code, message },
  }
}

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

describe('a failed chat in the window’s timeline', () => {
  it('carries its sentence and its code, and passes the contract', () => {
    const [entry] = pendingEntries(
      [failed('unknown_target', 'the message you reply to is gone')],
      'Ada',
      1_000,
      context,
    )
    expect(entry).toMatchObject({
      status: 'failed',
      error: 'the message you reply to is gone',
      errorCode: 'CHAT_ERR_UNKNOWN_TARGET',
    })
    expect(timelineEntrySchema.safeParse(entry).success).toBe(true)
  })

  it('has no code when the refusal has none of its own (the sentence is shown as is)', () => {
    const [entry] = pendingEntries([failed('room_full', 'full')], 'Ada', 1_000, context)
    expect(entry).toMatchObject({ status: 'failed', error: 'full' })
    expect(entry).not.toHaveProperty('errorCode')
  })
})
