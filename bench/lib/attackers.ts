/**
 * The hostile loads of the broadcast benchmark (issue #12, targets 6 and 7), run in a receiver
 * process of their own so that what they cost is not counted against the witnesses' clocks:
 *  - a flooder: one member that sends chats as fast as its socket takes them;
 *  - a storm: many connections opened at an even pace, each ending welcomed (it then leaves),
 *    refused (the upgrade's HTTP status, with or without Retry-After; or an error frame), or
 *    failed (reset, timed out: what must not happen).
 */
import { SUBPROTOCOL, WS_PATH } from '../../src/shared/protocol'
import { isChallenge, plainHello, provenHello } from './hello'
import { isError, isWelcome } from './chat'
import { maskedFrame, nowUs, RawClient, UpgradeRefused, type RawHandlers } from './raw-ws'

export interface Target {
  port: number
  tls: boolean
  /** Answer the hub's challenge with a proven hello (the LAN Room hub). */
  challenge: boolean
}

type Joined = { client: RawClient; ms: number } | { refused: string; ms: number }

/**
 * Opens one connection and joins: resolves with the client once welcomed, or with what refused
 * it (an HTTP status, an error frame); rejects when it failed otherwise (reset, timeout).
 * `onText` gets every text frame after the welcome.
 */
export function joinOnce(
  target: Target,
  name: string,
  timeoutMs: number,
  onText: RawHandlers['onText'] = () => {},
): Promise<Joined> {
  const startUs = nowUs()
  const ms = (): number => (nowUs() - startUs) / 1000
  return new Promise((resolve, reject) => {
    let client: RawClient | null = null
    let challenge: Buffer | null = null
    let joined = false
    let settled = false
    const settle = (outcome: Joined | Error): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (outcome instanceof Error) reject(outcome)
      else resolve(outcome)
    }
    const answer = (): void => {
      if (!client || !challenge) return
      client.sendText(provenHello(client.connection, challenge, 0, challenge.length, name).text)
      challenge = null
    }
    const timer = setTimeout(() => {
      client?.destroy()
      settle(new Error('timeout'))
    }, timeoutMs)
    RawClient.connect(
      { port: target.port, path: WS_PATH, protocol: SUBPROTOCOL, timeoutMs, tls: target.tls },
      {
        onText(buf, start, end, atUs) {
          if (joined) return onText(buf, start, end, atUs)
          if (target.challenge && isChallenge(buf, start, end)) {
            challenge = Buffer.from(buf.subarray(start, end))
            answer()
          } else if (isWelcome(buf, start, end)) {
            joined = true
            if (client) settle({ client, ms: ms() })
          } else if (isError(buf, start, end)) {
            const code = /"code":"([^"]*)"/.exec(buf.toString('utf8', start, end))?.[1] ?? '?'
            client?.destroy()
            settle({ refused: `error frame ${code}`, ms: ms() })
          }
        },
        onClose() {
          if (!joined) settle(new Error('closed before welcome'))
        },
      },
    ).then(
      (opened) => {
        client = opened
        if (settled) return opened.destroy()
        if (joined) return settle({ client: opened, ms: ms() })
        if (target.challenge) answer()
        else opened.sendText(plainHello(name))
      },
      (error: Error) => {
        if (error instanceof UpgradeRefused) {
          const retry = error.headers.get('retry-after')
          settle({
            refused: `HTTP ${error.status}${retry !== undefined ? ' + Retry-After' : ''}`,
            ms: ms(),
          })
        } else {
          settle(error)
        }
      },
    )
  })
}

export interface FloodResult {
  framesSent: number
  bytesSent: number
  /** Distinct chats of the flooder's the hub stamped (their echoes came back; a resend of an
   * id already stamped is answered with the same chat again, counted once). */
  accepted: number
  /** Error frames the hub sent it (rate_limited and others). */
  errors: number
  /** The hub closed it: with this code, after this long. */
  closeCode: number | null
  closedAfterMs: number | null
  durationMs: number
}

const FLOOD_MARK = Buffer.from('"id":"flood')
/** Distinct chats the flooder cycles through, and how many go in one write. */
const FLOOD_IDS = 8_192
const FRAMES_PER_WRITE = 512

/** Joins, then sends chats as fast as the socket takes them for `durationMs`. */
export async function flood(target: Target, durationMs: number): Promise<FloodResult> {
  const result: FloodResult = {
    framesSent: 0,
    bytesSent: 0,
    accepted: 0,
    errors: 0,
    closeCode: null,
    closedAfterMs: null,
    durationMs: 0,
  }
  const seen = new Uint8Array(FLOOD_IDS)
  const joined = await joinOnce(target, 'flooder', 15_000, (buf, start, end) => {
    if (isError(buf, start, end)) return void (result.errors += 1)
    const at = buf.indexOf(FLOOD_MARK, start)
    if (at < 0 || at >= end) return
    let n = 0
    for (let i = at + FLOOD_MARK.length; i < end && buf[i] !== 0x22; i++) {
      n = n * 10 + ((buf[i] as number) - 0x30)
    }
    if (n < FLOOD_IDS && seen[n] === 0) {
      seen[n] = 1
      result.accepted += 1
    }
  })
  if (!('client' in joined)) throw new Error(`flooder refused: ${joined.refused}`)
  const client = joined.client
  const text = 'flood '.repeat(12)
  const batches: Buffer[] = []
  for (let b = 0; b < FLOOD_IDS / FRAMES_PER_WRITE; b++) {
    const frames: Buffer[] = []
    for (let i = 0; i < FRAMES_PER_WRITE; i++) {
      const id = `flood${b * FRAMES_PER_WRITE + i}`
      frames.push(maskedFrame(0x1, Buffer.from(JSON.stringify({ type: 'chat', id, text }))))
    }
    batches.push(Buffer.concat(frames))
  }
  const socket = client.connection
  const startUs = nowUs()
  const endUs = startUs + durationMs * 1000
  socket.on('close', () => {
    result.closeCode = client.closeCode ?? 1006
    result.closedAfterMs = (nowUs() - startUs) / 1000
  })
  let next = 0
  await new Promise<void>((resolve) => {
    const pump = (): void => {
      while (!client.closed && socket.writable && nowUs() < endUs) {
        const batch = batches[next++ % batches.length] as Buffer
        result.framesSent += FRAMES_PER_WRITE
        result.bytesSent += batch.length
        if (!socket.write(batch)) return void socket.once('drain', pump)
        // Let the socket's reads (the hub's answers) in between writes it took at once.
        return void setImmediate(pump)
      }
      resolve()
    }
    socket.once('close', () => resolve())
    // A write the hub has not read yet (its reads are paced) does not stretch the flood.
    setTimeout(resolve, durationMs).unref()
    pump()
  })
  result.durationMs = (nowUs() - startUs) / 1000
  client.destroy()
  return result
}

export interface StormResult {
  launched: number
  welcomed: number
  /** Refusals by kind ("HTTP 503 + Retry-After", "error frame room_full", ...). */
  refused: Record<string, number>
  /** Failures by kind ("timeout", "ECONNRESET", ...): none should happen. */
  failed: Record<string, number>
  /** Time from the first launch to the last outcome. */
  spanMs: number
  /** Outcomes (welcomed or refused) per second over the span. */
  handshakesPerSec: number
  /** Time to an outcome, welcomed or refused: the worst. */
  maxMs: number
}

/** A storm that has not begun (or the sum of none): what results are added to. */
export function emptyStorm(): StormResult {
  return {
    launched: 0,
    welcomed: 0,
    refused: {},
    failed: {},
    spanMs: 0,
    handshakesPerSec: 0,
    maxMs: 0,
  }
}

/** Opens `count` connections evenly over `durationMs`; each that is welcomed leaves at once. */
export async function storm(
  target: Target,
  count: number,
  durationMs: number,
  timeoutMs: number,
  prefix: string,
): Promise<StormResult> {
  const result = emptyStorm()
  const startUs = nowUs()
  let lastUs = startUs
  const attempts: Array<Promise<void>> = []
  const one = async (i: number): Promise<void> => {
    try {
      const outcome = await joinOnce(target, `${prefix}${i}`, timeoutMs)
      result.maxMs = Math.max(result.maxMs, outcome.ms)
      if ('client' in outcome) {
        result.welcomed += 1
        outcome.client.close()
      } else {
        result.refused[outcome.refused] = (result.refused[outcome.refused] ?? 0) + 1
      }
      lastUs = Math.max(lastUs, nowUs())
    } catch (error) {
      const kind = (error as NodeJS.ErrnoException).code ?? (error as Error).message
      result.failed[kind] = (result.failed[kind] ?? 0) + 1
    }
  }
  for (let i = 0; i < count; i++) {
    const dueUs = startUs + (i * durationMs * 1000) / count
    const waitMs = (dueUs - nowUs()) / 1000
    if (waitMs > 1) await new Promise((resolve) => setTimeout(resolve, waitMs))
    result.launched += 1
    attempts.push(one(i))
  }
  await Promise.all(attempts)
  result.spanMs = (lastUs - startUs) / 1000
  const outcomes = result.welcomed + Object.values(result.refused).reduce((a, b) => a + b, 0)
  result.handshakesPerSec = outcomes / Math.max(0.001, result.spanMs / 1000)
  return result
}
