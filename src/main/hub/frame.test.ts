import * as ws from 'ws'
import { describe, expect, it } from 'vitest'
import { encodeTextFrame } from './frame'

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

describe('encodeTextFrame', () => {
  it.each([0, 1, 125, 126, 65_535, 65_536, 200_000])('encodes a %i-byte payload', async (size) => {
    const text = 'é'.repeat(Math.floor(size / 2)) + 'x'.repeat(size % 2)
    const frame = encodeTextFrame(Buffer.from(text))
    expect(await decode(frame)).toBe(text)
  })
})
