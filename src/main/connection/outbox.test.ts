import { describe, expect, it } from 'vitest'
import { chat } from '../../../test/support/fake-room'
import { ConnectionError } from './errors'
import { Outbox } from './outbox'

const states = (outbox: Outbox): string[] =>
  outbox.entries.map((entry) => `${entry.id}:${entry.state}`)

describe('Outbox', () => {
  it('keeps entries in the order written, through sent and back to pending', () => {
    const outbox = new Outbox()
    void outbox.add('a', 'A')
    void outbox.add('b', 'B')
    void outbox.add('c', 'C')
    expect(outbox.pending().map((p) => p.id)).toEqual(['a', 'b', 'c'])
    for (const id of ['a', 'b', 'c']) outbox.markSent(id, 100)
    expect(states(outbox)).toEqual(['a:sent', 'b:sent', 'c:sent'])
    expect(outbox.oldestSentAt()).toBe(100)
    // Refused for the rate at b: a was handled before it and stays sent.
    outbox.goBack('b')
    expect(states(outbox)).toEqual(['a:sent', 'b:pending', 'c:pending'])
    outbox.goBack()
    expect(outbox.pending().map((p) => p.id)).toEqual(['a', 'b', 'c'])
    expect(outbox.entries.map((e) => e.sends)).toEqual([1, 1, 1])
  })

  it('resolves a chat when acknowledged, whatever its state, and only once', async () => {
    const outbox = new Outbox()
    const a = outbox.add('a', 'A')
    outbox.markSent('a', 1)
    outbox.goBack()
    expect(outbox.acknowledge('a', chat(7, 'a'))).toBe(true)
    expect((await a).seq).toBe(7)
    expect(outbox.acknowledge('a', chat(7, 'a'))).toBe(false)
    expect(outbox.undelivered).toBe(0)
  })

  it('refuses a second entry with the same id', async () => {
    const outbox = new Outbox()
    void outbox.add('a', 'A')
    await expect(outbox.add('a', 'again')).rejects.toMatchObject({ code: 'CONN_ERR_DUPLICATE_ID' })
    expect(outbox.entries).toHaveLength(1)
  })

  it('keeps a failed entry with its reason until retried (at the end) or discarded', async () => {
    const outbox = new Outbox()
    const a = outbox.add('a', 'A')
    void outbox.add('b', 'B')
    outbox.markSent('a', 1)
    outbox.fail('a', { code: 'invalid_message', message: 'invalid chat: text: must not be blank' })
    await expect(a).rejects.toMatchObject({
      code: 'HUB_invalid_message',
      message: 'invalid chat: text: must not be blank',
    })
    expect(outbox.entries[0]).toMatchObject({
      id: 'a',
      state: 'failed',
      error: { code: 'invalid_message' },
    })
    expect(outbox.failed).toBe(1)
    expect(outbox.undelivered).toBe(1)
    expect(outbox.pending().map((p) => p.id)).toEqual(['b'])

    const retried = outbox.retry('a')
    expect(states(outbox)).toEqual(['b:pending', 'a:pending'])
    outbox.acknowledge('a', chat(3, 'a'))
    expect((await retried).seq).toBe(3)

    void outbox.add('c', 'C')
    outbox.fail('c', { code: 'CONN_ERR_INVALID', message: 'too long' })
    expect(outbox.discard('c')).toBe(true)
    expect(states(outbox)).toEqual(['b:pending'])
    await expect(outbox.retry('nope')).rejects.toBeInstanceOf(ConnectionError)
  })

  it('discards only what cannot already be in the room', async () => {
    const outbox = new Outbox()
    const a = outbox.add('a', 'A')
    void outbox.add('b', 'B')
    outbox.markSent('b', 1)
    expect(outbox.discard('b')).toBe(false)
    outbox.goBack()
    // Written once: the hub may have stamped it even though no acknowledgement came back.
    expect(outbox.discard('b')).toBe(false)
    expect(outbox.discard('a')).toBe(true)
    await expect(a).rejects.toMatchObject({ code: 'CONN_ERR_DISCARDED' })
  })

  it('rejects every waiting promise when frozen, but keeps the entries to show', async () => {
    const outbox = new Outbox()
    const a = outbox.add('a', 'A')
    outbox.markSent('a', 1)
    outbox.freeze(new ConnectionError('CONN_ERR_CLOSED', 'The host closed the room.'))
    await expect(a).rejects.toMatchObject({ code: 'CONN_ERR_CLOSED' })
    expect(states(outbox)).toEqual(['a:pending'])
    await expect(outbox.add('b', 'B')).rejects.toMatchObject({ code: 'CONN_ERR_CLOSED' })
  })

  it('tells listeners about each change', () => {
    const outbox = new Outbox()
    let changes = 0
    outbox.on('change', () => changes++)
    void outbox.add('a', 'A')
    outbox.markSent('a', 1)
    outbox.acknowledge('a', chat(1, 'a'))
    expect(changes).toBe(3)
  })

  it('carries ops like chats; a refused op leaves, and only its own type acknowledges it', async () => {
    const outbox = new Outbox()
    const react = outbox.add('r', { type: 'react', target: 1, emoji: '👍' })
    const edit = outbox.add('e', { type: 'edit', target: 1, text: 'fixed' })
    expect(outbox.entries.map((e) => [e.id, e.op.type, e.text])).toEqual([
      ['r', 'react', ''],
      ['e', 'edit', 'fixed'],
    ])
    // A chat stamped under an op's id is not that op's acknowledgement.
    expect(outbox.acknowledge('r', chat(2, 'r'))).toBe(false)
    const stamp = {
      type: 'react' as const,
      seq: 2,
      id: 'r',
      from: 'me',
      name: 'Me',
      target: 1,
      emoji: '👍',
      ts: 2,
    }
    expect(outbox.acknowledge('r', stamp)).toBe(true)
    expect(await react).toEqual(stamp)
    outbox.fail('e', { code: 'not_author', message: 'not yours' })
    await expect(edit).rejects.toMatchObject({ code: 'HUB_not_author', message: 'not yours' })
    expect(outbox.entries).toEqual([])
  })
})
