import { describe, expect, it } from 'vitest'
import { chat } from '../../../test/support/fake-room'
import type { ChatEvent } from '../../shared/protocol'
import { MAX_QUEUED_QUOTES, MAX_QUOTE_FETCHES, QuoteFetcher } from './quote-fetcher'

/** A fetch the test answers by hand. */
function setup() {
  const asked: number[] = []
  const answers = new Map<
    number,
    { resolve: (c: ChatEvent | null) => void; reject: (e: Error) => void }
  >()
  let now = 0
  const fetcher = new QuoteFetcher(
    (seq) =>
      new Promise((resolve, reject) => {
        asked.push(seq)
        answers.set(seq, { resolve, reject })
      }),
    () => now,
  )
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
  return { fetcher, asked, answers, settle, advance: (ms: number) => (now += ms) }
}

describe('QuoteFetcher', () => {
  it('asks for each original once, a few at a time, and remembers what is gone', async () => {
    const { fetcher, asked, answers, settle } = setup()
    for (const seq of [4, 4, 7, 9, 7]) fetcher.want(seq)
    expect(asked).toEqual([4, 7].slice(0, MAX_QUOTE_FETCHES))
    answers.get(4)?.resolve(chat(4, 'm4'))
    answers.get(7)?.resolve(null)
    await settle()
    expect(asked).toEqual([4, 7, 9])
    expect(fetcher.gone(7)).toBe(true)
    fetcher.want(7)
    fetcher.want(4) // found: the timeline knows it now; asked again only if wanted again
    expect(asked).toEqual([4, 7, 9, 4])
  })

  it('waits before asking again after a failure, and bounds what waits', async () => {
    const { fetcher, asked, answers, settle, advance } = setup()
    fetcher.want(1)
    answers.get(1)?.reject(new Error('rate'))
    await settle()
    fetcher.want(1)
    expect(asked).toEqual([1])
    advance(30_000)
    fetcher.want(1)
    expect(asked).toEqual([1, 1])
    for (let seq = 100; seq < 100 + MAX_QUEUED_QUOTES * 2; seq++) fetcher.want(seq)
    expect(asked).toHaveLength(1 + MAX_QUOTE_FETCHES)
    fetcher.stop()
    fetcher.want(5)
    expect(asked).toHaveLength(1 + MAX_QUOTE_FETCHES)
  })
})
