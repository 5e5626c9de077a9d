/**
 * Encodes one unmasked WebSocket text frame (RFC 6455 §5.2) as a single buffer.
 *
 * Why not `ws.send()` per member: a broadcast is serialized and framed once here and the very
 * same bytes are queued for every member, so the per-member cost is a buffer reference, and
 * each member's frames of one event-loop turn go out in one socket write (see outbound.ts).
 * Server-to-client frames are never masked, so one encoding serves every member.
 */
export function encodeTextFrame(payload: Buffer): Buffer {
  const length = payload.length
  let headerLength = 2
  if (length >= 65_536) headerLength = 10
  else if (length > 125) headerLength = 4
  const frame = Buffer.allocUnsafe(headerLength + length)
  frame[0] = 0x81 // FIN + opcode 1 (text)
  if (headerLength === 2) {
    frame[1] = length
  } else if (headerLength === 4) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2)
    frame.writeUInt32BE(length >>> 0, 6)
  }
  payload.copy(frame, headerLength)
  return frame
}

/** Serializes a message once and frames it. */
export function frameJson(message: unknown): Buffer {
  return encodeTextFrame(Buffer.from(JSON.stringify(message)))
}
