import * as ws from 'ws'
import { describe, expect, it } from 'vitest'
import { encodeTextFrame, textFrameHeader, textFramePayload } from './frame'

/** ws's frame parser; exported at run time but not in @types/ws. */
interface FrameReceiver {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void
  on(event: 'error', listener: (error: Error) => void): void
  write(chunk: Buffer): void
}
const Receiver = (ws as unknown as { Receiver: new (options: object) => FrameReceiver }).Receiver

/** Decodes frames with ws's own receiver (client side), so the encoding is checked by ws. */
function decode(frame: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false, maxPayload: 0 })
    receiver.on('message', (data: Buffer, isBinary: boolean) => {
      expect(isBinary).toBe(false)
      resolve(data.toString('utf8'))
    })
    receiver.on('error', reject)
    receiver.write(frame)
  })
}

const SIZES = [0, 1, 125, 126, 65_535, 65_536, 200_000]
const textOf = (size: number): string => 'é'.repeat(Math.floor(size / 2)) + 'x'.repeat(size % 2)

describe('encodeTextFrame', () => {
  it.each(SIZES)('encodes a %i-byte payload', async (size) => {
    const text = textOf(size)
    const frame = encodeTextFrame(Buffer.from(text))
    expect(await decode(frame)).toBe(text)
  })

  it.each(SIZES)('gives back the payload of a %i-byte frame without copying', (size) => {
    const payload = Buffer.from(textOf(size))
    const frame = encodeTextFrame(payload)
    const view = textFramePayload(frame)
    expect(view.equals(payload)).toBe(true)
    expect(view.buffer).toBe(frame.buffer)
  })
})

describe('textFrameHeader', () => {
  it.each(SIZES)('frames a %i-byte payload written as separate pieces', async (size) => {
    const text = textOf(size)
    const bytes = Buffer.from(text)
    const pieces = [bytes.subarray(0, size >> 1), bytes.subarray(size >> 1)]
    const frame = Buffer.concat([textFrameHeader(bytes.length), ...pieces])
    expect(await decode(frame)).toBe(text)
  })
})
