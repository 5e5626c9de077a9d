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

/** Lanes with a hold of 2 s on a clock the test sets, and a member, ada, sending ops. */
function ada() {
  let now = 0
  const lanes = new PublishLanes(2_000, () => now)
  const s = stream()
  const refused: string[] = []
  const send = (id: string) =>
    lanes.run('ada', id, s.publish('ada', id), (first) => refused.push(`${id}: send ${first}`))
  return { lanes, s, refused, send, at: (ms: number) => void (now = ms) }
}

describe('publish lanes: a member’s ops reach the stream in order', () => {
  it('publishes one op of a member at a time, members side by side', async () => {
    const lanes = new PublishLanes(2_000)
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

  it('refuses the ops behind a refused one, and new ones, until it is sent again', async () => {
    const { lanes, s, refused, send, at } = ada()
    send('a1')
    send('a2')
    send('a3')
    await flush()
    // The stream has no leader for a moment: a1 is refused; a2 and a3 never go ahead of it.
    await s.settle(false)
    expect(refused).toEqual(['a2: send a1', 'a3: send a1'])
    expect(s.waiting).toEqual([])
    // A new op before the resend waits too; the resend, in order, goes through.
    at(500)
    send('a4')
    await flush()
    for (const id of ['a1', 'a2', 'a3', 'a4']) send(id)
    await flush()
    for (let i = 0; i < 4; i++) await s.settle(true)
    expect(refused.slice(2)).toEqual(['a4: send a1'])
    expect(s.log.filter((line) => line.startsWith('stored'))).toEqual([
      'stored ada:a1',
      'stored ada:a2',
      'stored ada:a3',
      'stored ada:a4',
    ])
    expect(lanes.size).toBe(0)
  })

  it('holds a member that never sends the refused op again only for the hold', async () => {
    const { lanes, s, refused, send, at } = ada()
    send('a1')
    await flush()
    await s.settle(false)
    at(1_999)
    send('a2')
    await flush()
    expect(refused).toEqual(['a2: send a1'])
    at(2_000)
    send('a3')
    await flush()
    await s.settle(true)
    expect(s.log.at(-1)).toBe('stored ada:a3')
    expect(lanes.size).toBe(0)
  })
})
