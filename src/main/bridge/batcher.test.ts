import { describe, expect, it } from 'vitest'
import type { TimelineEntry } from '../../shared/bridge'
import { EventBatcher, MAX_NOTICES_PER_FLUSH, type BatchedEvents } from './batcher'

function chat(seq: number): TimelineEntry {
  return {
    kind: 'chat',
    key: `k${seq}`,
    seq,
    id: `m${seq}`,
    from: 'a',
    name: 'A',
    text: 't',
    ts: 0,
    own: false,
    status: 'sent',
    error: null,
  }
}

function collect(): { sent: Array<[keyof BatchedEvents, unknown]>; batcher: EventBatcher } {
  const sent: Array<[keyof BatchedEvents, unknown]> = []
  const batcher = new EventBatcher((name, payload) => sent.push([name, payload]), 16)
  return { sent, batcher }
}

describe('EventBatcher', () => {
  it('sends one message per event kind per frame: newest snapshot, appended timeline entries', async () => {
    const { sent, batcher } = collect()
    for (let seq = 1; seq <= 200; seq++)
      batcher.pushTimeline({ reset: false, confirmed: [chat(seq)], pending: [] })
    batcher.pushTimeline({ reset: false, confirmed: [], pending: [chat(0)] })
    await new Promise((resolve) => setTimeout(resolve, 40))
    const timeline = sent.filter(([name]) => name === 'onTimeline')
    expect(timeline).toHaveLength(1)
    const patch = timeline[0]?.[1] as BatchedEvents['onTimeline']
    expect(patch.confirmed.map((e) => e.key)).toEqual(
      Array.from({ length: 200 }, (_, i) => `k${i + 1}`),
    )
    expect(patch.pending).toHaveLength(1)
    batcher.dispose()
  })

  it('lets a reset replace what was queued before it', () => {
    const { sent, batcher } = collect()
    batcher.pushTimeline({ reset: false, confirmed: [chat(1)], pending: [] })
    batcher.pushTimeline({ reset: true, confirmed: [chat(7)], pending: [] })
    batcher.pushTimeline({ reset: false, confirmed: [chat(8)], pending: [] })
    batcher.flush()
    expect(sent).toEqual([
      ['onTimeline', { reset: true, confirmed: [chat(7), chat(8)], pending: [] }],
    ])
  })

  it('merges older pages before what is queued, and updates into the entries they change', () => {
    const { sent, batcher } = collect()
    const edited = (seq: number): TimelineEntry => ({ ...chat(seq), text: 'edited' })
    batcher.pushTimeline({ reset: false, confirmed: [chat(10)], pending: [] })
    batcher.pushTimeline({ reset: false, confirmed: [], pending: [], older: [chat(5), chat(6)] })
    batcher.pushTimeline({
      reset: false,
      confirmed: [],
      pending: [],
      older: [chat(3)],
      start: { trimmed: false },
    })
    batcher.pushTimeline({
      reset: false,
      confirmed: [],
      pending: [],
      updated: [edited(10), edited(6), edited(1)],
    })
    batcher.pushTimeline({ reset: false, confirmed: [], pending: [], updated: [edited(1)] })
    batcher.flush()
    expect(sent).toEqual([
      [
        'onTimeline',
        {
          reset: false,
          confirmed: [edited(10)],
          pending: [],
          older: [chat(3), chat(5), edited(6)],
          start: { trimmed: false },
          updated: [edited(1)],
        },
      ],
    ])
  })

  it('delivers every notice, grouped into at most one flush per interval', async () => {
    const sent: string[] = []
    let flushes = 0
    let inFlush = false
    const batcher = new EventBatcher((_name, payload) => {
      if (!inFlush) {
        inFlush = true
        flushes += 1
        queueMicrotask(() => (inFlush = false))
      }
      sent.push((payload as BatchedEvents['onNotice']).message)
    }, 16)
    const started = performance.now()
    // Bounded: 30 pushes, about 5 ms apart.
    for (let i = 0; i < 30; i++) {
      batcher.pushNotice({ level: 'info', code: 'x', message: String(i) })
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await new Promise((resolve) => setTimeout(resolve, 40))
    const elapsed = performance.now() - started
    expect(sent).toEqual(Array.from({ length: 30 }, (_, i) => String(i)))
    expect(flushes).toBeLessThan(30)
    expect(flushes).toBeLessThanOrEqual(Math.ceil(elapsed / 16) + 1)
    batcher.dispose()
  })

  it('sends at most ten notices a frame, and says how many more there were', () => {
    const sent: string[] = []
    const batcher = new EventBatcher(
      (_name, payload) => sent.push((payload as BatchedEvents['onNotice']).message),
      16,
    )
    for (let i = 0; i < 10_000; i++)
      batcher.pushNotice({ level: 'error', code: 'ROOM_ERR_HUB', message: `unreadable ${i}` })
    batcher.flush()
    batcher.pushNotice({ level: 'info', code: 'x', message: 'next frame' })
    batcher.flush()
    expect(sent).toEqual([
      ...Array.from({ length: MAX_NOTICES_PER_FLUSH }, (_, i) => `unreadable ${i}`),
      '9990 more messages like these were not shown.',
      'next frame',
    ])
  })
})
