import type { RoomConnection } from '../main/connection'
import { giveUpWindowMs } from '../main/files/retry'

/** What of the room's connection the transfers' stop listens to. */
export type TransferConnection = Pick<RoomConnection, 'on' | 'close'>

/** What stops a command's transfers: Ctrl+C, or the room gone for good or for too long. */
export interface TransferStop {
  signal: AbortSignal
  /** The room ended, or its host stopped it and it has not come back: said instead of the
   * transfer's own failure ("cancelled", "could not be reached"). */
  roomEnded(): boolean
  /** Gives Ctrl+C back to its default and stops listening, once the transfers are over. */
  dispose(): void
}

export interface TransferStopOptions {
  /** How long the room may be away (a dropped connection, a host stopped or restarting) before
   * the transfers give up on it. Default giveUpWindowMs(): as long as their own retries wait. */
  awayLimitMs?: number
}

/**
 * Ctrl+C cancels the transfers; a room that ended for good brings no new credential, so they
 * stop waiting for one. A room that is away (the connection reconnects by itself, and with
 * `hostStopIsDrop` a host's graceful stop is waited out too: it may be restarting) is given up
 * after `awayLimitMs`: the connection is closed, which also ends the wait of a file chat in its
 * outbox, which no retry of the transfer bounds.
 */
export function transferStop(
  connection: TransferConnection,
  options: TransferStopOptions = {},
): TransferStop {
  const limitMs = options.awayLimitMs ?? giveUpWindowMs()
  const abort = new AbortController()
  let interrupted = false
  const onInterrupt = (): void => {
    interrupted = true
    abort.abort()
  }
  process.once('SIGINT', onInterrupt)
  let ended = false
  /** The host said it was closing the room, and no welcome came since. */
  let hostStopped = false
  let away: ReturnType<typeof setTimeout> | null = null
  const back = (): void => {
    if (away !== null) clearTimeout(away)
    away = null
  }
  const listening = [
    connection.on('closing', () => void (hostStopped = true)),
    connection.on('welcome', () => {
      hostStopped = false
      back()
    }),
    connection.on('state', (state) => {
      if (state.status !== 'reconnecting' || away !== null) return
      away = setTimeout(() => void connection.close(), limitMs)
    }),
    connection.on('closed', () => {
      back()
      ended = true
      abort.abort()
    }),
  ]
  return {
    signal: abort.signal,
    roomEnded: () => !interrupted && (ended || hostStopped),
    dispose: () => {
      process.removeListener('SIGINT', onInterrupt)
      back()
      for (const stop of listening) stop()
    },
  }
}
