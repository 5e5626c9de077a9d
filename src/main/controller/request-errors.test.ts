import { describe, expect, it } from 'vitest'
import { noticeSchema } from '../../shared/bridge'
import { ConnectionError } from '../connection/errors'
import { hubNotice, opRefusal, requestError } from './request-errors'

describe('opRefusal', () => {
  it('tells a refused op by a stable code with the op, and main’s English sentence as before', () => {
    expect(opRefusal(new ConnectionError('HUB_not_author', 'not yours'), 'edit')).toEqual({
      code: 'ROOM_ERR_OP_NOT_AUTHOR',
      message: 'Could not edit the message: only its author can.',
      params: { op: 'edit' },
    })
    expect(opRefusal(new ConnectionError('HUB_unknown_target', 'gone'), 'react')).toEqual({
      code: 'ROOM_ERR_OP_UNKNOWN_TARGET',
      message: 'Could not add the reaction: the message is no longer in the room.',
      params: { op: 'react' },
    })
    expect(opRefusal(new ConnectionError('HUB_too_many_reactions', 'full'), 'react')).toEqual({
      code: 'ROOM_ERR_OP_TOO_MANY_REACTIONS',
      message: 'Could not add the reaction: the message has as many reactions as it can hold.',
      params: { op: 'react' },
    })
  })

  it('keeps the connection’s or the hub’s reason in English, under a code of its own', () => {
    const cases: Array<[ConnectionError, string]> = [
      [new ConnectionError('CONN_ERR_CLOSED', 'the host stopped the room'), 'ROOM_ERR_OP_CLOSED'],
      [new ConnectionError('CONN_ERR_UNSUPPORTED', 'no deletes here'), 'ROOM_ERR_OP_UNSUPPORTED'],
      [new ConnectionError('CONN_ERR_INVALID', 'too long'), 'ROOM_ERR_OP_INVALID'],
      [new ConnectionError('HUB_invalid_message', 'bad target'), 'ROOM_ERR_OP_INVALID'],
      [new ConnectionError('HUB_something_new', 'a newer reason'), 'ROOM_ERR_OP_REFUSED'],
    ]
    for (const [error, code] of cases) {
      expect(opRefusal(error, 'delete')).toEqual({
        code,
        message: `Could not delete the message: ${error.message}`,
        params: { op: 'delete' },
      })
    }
    expect(opRefusal(new Error('boom'), 'unreact')).toEqual({
      code: 'ROOM_ERR_OP_FAILED',
      message: 'Could not take the reaction back.',
      params: { op: 'unreact' },
    })
  })

  it('tells nothing for a reaction that is already there', () => {
    expect(opRefusal(new ConnectionError('HUB_no_change', 'already'), 'react')).toBeNull()
  })

  it('makes notices the bridge accepts', () => {
    const notice = opRefusal(new ConnectionError('HUB_not_author', 'x'), 'delete')
    expect(noticeSchema.safeParse({ level: 'error', ...notice }).success).toBe(true)
  })
})

describe('hubNotice', () => {
  it('tells a hub’s error by its code, in the hub’s words, with its wait in whole seconds', () => {
    expect(
      hubNotice({
        type: 'error',
        code: 'mention_limited',
        message: '@room notifies everyone at most once per 30 seconds',
        retryAfterMs: 12_001,
      }),
    ).toEqual({
      code: 'ROOM_ERR_HUB_MENTION_LIMITED',
      message: '@room notifies everyone at most once per 30 seconds',
      params: { count: 13 },
    })
    expect(
      hubNotice({ type: 'error', code: 'mention_limited', message: 'm', retryAfterMs: 0 }),
    ).toMatchObject({ params: { count: 1 } })
    expect(hubNotice({ type: 'error', code: 'invalid_json', message: 'not JSON' })).toEqual({
      code: 'ROOM_ERR_HUB_INVALID_JSON',
      message: 'not JSON',
    })
  })
})

describe('requestError', () => {
  it('leaves what is not the connection’s as it is', () => {
    const error = new Error('unexpected')
    expect(requestError(error, 'search')).toBe(error)
  })
})
