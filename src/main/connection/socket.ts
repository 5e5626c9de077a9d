/**
 * The little the room connection needs from a WebSocket, so that the same connection logic can
 * run over Node's `ws` (ws-socket.ts) and, later, over a browser's WebSocket.
 *
 * Contract for an implementation:
 * - The factory returns at once; no handler is called before it has returned.
 * - `onerror` (with a short reason such as `ECONNREFUSED` or `the hub refused the connection
 *   (HTTP 503)`) may come before `onclose`; `onclose` always comes last, exactly once.
 * - Text frames only: `onmessage` gets each one as a string.
 * - `send` on a socket that is not open is silently dropped (the outbox resends what matters).
 */
export interface RoomSocket {
  onopen: (() => void) | null
  onmessage: ((data: string) => void) | null
  onerror: ((reason: string) => void) | null
  onclose: ((event: SocketCloseEvent) => void) | null
  /** SHA-256 (64 hex digits) of the certificate the server presented, known from `onopen` on;
   * null (or absent) over plain ws. The room connection checks it before sending anything. */
  readonly peerFingerprint?: string | null
  send(data: string): void
  close(code?: number, reason?: string): void
  /** Drops the connection at once. Optional: a peer that stalls would never answer a close
   * handshake, so without it an abandoned socket lingers until the platform gives up on it. */
  terminate?(): void
}

export interface SocketCloseEvent {
  code: number
  reason: string
}

/** Opens a socket to `url`, offering `protocol` as the WebSocket subprotocol. */
export type SocketFactory = (url: string, protocol: string) => RoomSocket

/** Time, injectable so that tests can assert the reconnect schedule exactly. */
export interface Clock {
  /** Milliseconds since the epoch (shown to people as "next try at"). */
  now(): number
  /** Calls `callback` once after `delayMs`; the returned function cancels it. */
  schedule(callback: () => void, delayMs: number): () => void
}

/** The longest delay a JavaScript timer keeps (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  schedule(callback, delayMs) {
    // Node and browsers fire a timer of more than 2^31 - 1 ms at once: no wait is that long.
    const timer = setTimeout(callback, Math.min(delayMs, MAX_TIMER_MS))
    return () => clearTimeout(timer)
  },
}

/** Stops listening to a socket: nothing it does from now on is heard. */
export function detach(socket: RoomSocket): void {
  socket.onopen = null
  socket.onmessage = null
  socket.onerror = null
  socket.onclose = null
}

/** Gives up on a socket no longer trusted to answer: unheard, and dropped at once. */
export function abandonSocket(socket: RoomSocket): void {
  detach(socket)
  if (socket.terminate) socket.terminate()
  else socket.close(4000, 'reconnecting')
}
