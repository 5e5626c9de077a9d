import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { whenOutputCloses } from './output-closed'

/** An output whose reader went away: every write fails as a closed pipe's does. */
function brokenPipe(): Writable {
  return new Writable({
    write(_chunk, _encoding, done) {
      done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
    },
  })
}

describe('whenOutputCloses', () => {
  it('turns the write error into one call, instead of an unhandled error event', async () => {
    const out = brokenPipe()
    let calls = 0
    whenOutputCloses(out, () => calls++)
    out.write('first\n')
    out.write('second\n')
    await new Promise((resolve) => setImmediate(resolve))
    expect(calls).toBe(1)
    expect(out.destroyed).toBe(true)
  })
})
