/**
 * Child entry of the hostile benchmark (bench/hostile.ts forks it with tsx): the witnesses of
 * test/hostile/support.ts, in a process of their own, so that the work of the attacks (which
 * run in the parent) does not delay the witnesses' own clocks and inflate what they measure.
 * It answers the parent's commands over IPC, one reply each, and exits when the parent goes.
 */
import { Witnesses, collectingCheck, monotonicMs, type WitnessChat } from '../test/hostile/support'
import type { ReplyMessage, Request } from './lib/ipc'

export interface WitnessCommands {
  /** Three witnesses join the room at `url` (with its passphrase, for a passphrase room). */
  join: { args: { url: string; passphrase?: string }; result: { joined: number } }
  /** They start chatting, each every WITNESS_INTERVAL_MS. */
  start: { args: Record<string, never>; result: { at: number } }
  /** The chats sent at or after `since` (CLOCK_MONOTONIC ms), and when they arrived. */
  chats: { args: { since: number }; result: { now: number; chats: WitnessChat[] } }
  /** They stop chatting and wait until every chat has reached every witness; then what did
   * not hold of the witnesses' checks (support.ts), and every chat. */
  stop: { args: Record<string, never>; result: { failures: string[]; chats: WitnessChat[] } }
}

export type WitnessRequest = Request<WitnessCommands>

let witnesses: Witnesses | null = null

function joined(): Witnesses {
  if (!witnesses) throw new Error('join first')
  return witnesses
}

async function handle(request: WitnessRequest): Promise<unknown> {
  switch (request.cmd) {
    case 'join': {
      const { url, passphrase } = request.args as WitnessCommands['join']['args']
      witnesses = await Witnesses.join(url, 3, passphrase)
      return { joined: witnesses.clients.length }
    }
    case 'start':
      joined().start()
      return { at: monotonicMs() }
    case 'chats': {
      const { since } = request.args as WitnessCommands['chats']['args']
      return {
        now: monotonicMs(),
        chats: joined()
          .chats()
          .filter((c) => c.sentAt >= since),
      }
    }
    case 'stop': {
      const failures: string[] = []
      await joined()
        .stop()
        .catch((error: Error) => failures.push(error.message))
      joined().check(collectingCheck(failures))
      const chats = joined().chats()
      joined().close()
      return { failures, chats }
    }
  }
}

process.on('message', (request: WitnessRequest) => {
  handle(request).then(
    (result) => process.send?.({ id: request.id, ok: true, result } satisfies ReplyMessage),
    (error: unknown) =>
      process.send?.({
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies ReplyMessage),
  )
})
process.on('disconnect', () => {
  witnesses?.close()
  process.exit(0)
})
