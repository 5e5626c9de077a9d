import { describe, expect, it } from 'vitest'
import { PublishLanes } from './publish-lanes'

/** A stream stand-in: each publish waits until the test settles it. */
function stream() {
  const waiting: Array<{ from: string; id: string; settle: (ok: boolean) => void }> = []
  const log: string[] = []
  const publish = (from: string, id: string) => () =>
    new Promise<boolean>((settle) => {
      log.push(`publish ${from}:${id}`)
      waiting.push({ from, id, settle })
    })
  const settle = async (ok: boolean): Promise<void> => {
    const next = waiting.shift()
    if (!next) throw new Error('nothing is being published')
    log.push(`${ok ? 'stored' : 'failed'} ${next.from}:${next.id}`)
    next.settle(ok)
    await flush()
  }
  return { waiting, log, publish, settle }
}

const flush = () => new Promise((resolve) => setImmediate(resolve))

/** Lanes, and a member, ada, sending ops. */
function ada() {
  const lanes = new PublishLanes()
  const s = stream()
  const refused: string[] = []
  const send = (id: string) =>
    lanes.run('ada', id, s.publish('ada', id), (first) => refused.push(`${id}: send ${first}`))
  return { lanes, s, refused, send }
}

describe('publish lanes: a member’s ops reach the stream in order', () => {
  it('publishes one op of a member at a time, members side by side', async () => {
    const lanes = new PublishLanes()
    const s = stream()
    const refused: string[] = []
    for (const [from, id] of [
      ['ada', 'a1'],
      ['ada', 'a2'],
      ['bob', 'b1'],
    ] as const) {
      lanes.run(from, id, s.publish(from, id), (first) => refused.push(`${id}<${first}`))
    }
    await flush()
    expect(s.waiting.map((w) => `${w.from}:${w.id}`)).toEqual(['ada:a1', 'bob:b1'])
    await s.settle(true)
    expect(s.waiting.map((w) => `${w.from}:${w.id}`)).toEqual(['bob:b1', 'ada:a2'])
    await s.settle(true)
    await s.settle(true)
    expect(refused).toEqual([])
    expect(lanes.size).toBe(0)
  })

  it('refuses the ops behind a refused one, but not its resend, and holds nothing after', async () => {
    const { lanes, s, refused, send } = ada()
    send('a1')
    send('a2')
    send('a3')
    await flush()
    // The stream has no leader for a moment: a1 is refused; a2 and a3 never go ahead of it.
    await s.settle(false)
    expect(refused).toEqual(['a2: send a1', 'a3: send a1'])
    expect(s.waiting).toEqual([])
    expect(lanes.size).toBe(0)
    // What comes after is the pace's to hold (the caller told it of each refusal): the lane
    // publishes the resend, in order.
    for (const id of ['a1', 'a2', 'a3', 'a4']) send(id)
    await flush()
    for (let i = 0; i < 4; i++) await s.settle(true)
    expect(refused).toHaveLength(2)
    expect(s.log.filter((line) => line.startsWith('stored'))).toEqual([
      'stored ada:a1',
      'stored ada:a2',
      'stored ada:a3',
      'stored ada:a4',
    ])
    expect(lanes.size).toBe(0)
  })

  it('publishes a resend of the refused op that was waiting behind it, and what follows it', async () => {
    const { s, refused, send } = ada()
    // a1 is slow to be refused (the publish timed out); meanwhile the member, on a new
    // connection, resends a1 and a2 behind the first a1 and a2.
    for (const id of ['a1', 'a2', 'a1', 'a2']) send(id)
    await flush()
    await s.settle(false)
    expect(refused).toEqual(['a2: send a1'])
    await s.settle(true)
    await s.settle(true)
    expect(s.log.filter((line) => !line.startsWith('publish'))).toEqual([
      'failed ada:a1',
      'stored ada:a1',
      'stored ada:a2',
    ])
  })
})
