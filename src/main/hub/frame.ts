/**
 * Encodes one unmasked WebSocket text frame (RFC 6455 §5.2) as a single buffer.
 *
 * Why not `ws.send()` per member: a broadcast is serialized and framed once here and the very
 * same bytes are queued for every member, so the per-member cost is a buffer reference, and
 * each member's frames queued between two flushes go out in one socket write (see outbound.ts).
 * Server-to-client frames are never masked, so one encoding serves every member.
 */
export function encodeTextFrame(payload: Buffer): Buffer {
  const header = textFrameHeader(payload.length)
  const frame = Buffer.allocUnsafe(header.length + payload.length)
  header.copy(frame, 0)
  payload.copy(frame, header.length)
  return frame
}

/**
 * The header of an unmasked text frame whose payload of `length` bytes follows in other
 * buffers: a frame can be written as several buffers, so large payloads assembled from
 * shared pieces (a welcome's history) need not be copied into one.
 */
export function textFrameHeader(length: number): Buffer {
  let header: Buffer
  if (length >= 65_536) {
    header = Buffer.allocUnsafe(10)
    header[1] = 127
    header.writeUInt32BE(Math.floor(length / 2 ** 32), 2)
    header.writeUInt32BE(length >>> 0, 6)
  } else if (length > 125) {
    header = Buffer.allocUnsafe(4)
    header[1] = 126
    header.writeUInt16BE(length, 2)
  } else {
    header = Buffer.allocUnsafe(2)
    header[1] = length
  }
  header[0] = 0x81 // FIN + opcode 1 (text)
  return header
}

/** The payload of a frame made by encodeTextFrame: a view of the same bytes, not a copy. */
export function textFramePayload(frame: Buffer): Buffer {
  const marker = (frame[1] as number) & 0x7f
  const headerLength = marker === 127 ? 10 : marker === 126 ? 4 : 2
  return frame.subarray(headerLength)
}

/** Serializes a message once and frames it. */
export function frameJson(message: unknown): Buffer {
  return encodeTextFrame(Buffer.from(JSON.stringify(message)))
}
