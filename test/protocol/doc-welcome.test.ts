/**
 * The example session of docs/protocol.md shows welcomes as this hub sends them: the same
 * fields, none missing and none extra (a client written from the document alone compares).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { cid, startTestHub, TestClient } from '../support/ws-client'

const DOC = readFileSync(join(import.meta.dirname, '../../docs/protocol.md'), 'utf8')

/** The example session's welcomes: the first join's, then the resume's. */
function exampleWelcomes(): Array<Record<string, unknown>> {
  const section = DOC.slice(DOC.indexOf('\n## Example session'))
  const end = section.indexOf('\n### ', 1)
  return [...section.slice(0, end).matchAll(/^\w+\s+← (\{"type":"welcome".*\})$/gm)].map(
    (match) => JSON.parse(match[1] as string) as Record<string, unknown>,
  )
}

const stops: Array<() => Promise<void>> = []
afterEach(async () => {
  while (stops.length > 0) await stops.pop()?.()
})

describe("the example session's welcomes", () => {
  it('have the fields of a real first and resumed welcome in a room with files', async () => {
    const examples = exampleWelcomes()
    expect(examples.map((w) => w['resumed'])).toEqual([false, true])
    const { url, stop } = await startTestHub({ files: {} })
    stops.push(stop)
    const first = new TestClient(url)
    stops.push(() => Promise.resolve(first.ws.terminate()))
    const welcome = await first.join('Bob', cid('bob'))
    first.chat('c1', 'hello')
    const chat = await first.next('chat')
    first.ws.terminate()
    const again = new TestClient(url)
    stops.push(() => Promise.resolve(again.ws.terminate()))
    const resumed = await again.join('Bob', cid('bob'), {
      epoch: welcome.room.epoch,
      lastSeq: chat.seq,
    })
    expect(resumed.resumed).toBe(true)
    const keys = (value: object): string[] => Object.keys(value).sort()
    expect(keys(examples[0] as object)).toEqual(keys(welcome))
    expect(keys(examples[1] as object)).toEqual(keys(resumed))
  })
})
