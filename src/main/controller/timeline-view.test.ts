import { describe, expect, it } from 'vitest'
import { timelineEntrySchema } from '../../shared/bridge'
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
