/** The commands the benchmarks send their child processes over IPC, and their results. */
import type { FloodResult, StormResult, Target } from './attackers'
import type { SparseHistogram } from './histogram'

export interface ReceiverReport {
  /** Benchmark chats of the current trial received, over every connection. */
  delivered: number
  /** Benchmark chats of another trial (late arrivals) received since the reset. */
  stray: number
  /** Fewest and most chats of the current trial on one connection. */
  minPerConnection: number
  maxPerConnection: number
  histogram: SparseHistogram
  sumUs: number
  maxUs: number
  firstUs: number
  lastUs: number
  /** Connections that closed since the reset. */
  disconnects: number
  open: number
  unexpectedFrames: number
  /** CPU seconds this receiver process used since the reset. */
  cpuS: number
}

export interface ReceiverCommands {
  /** Opens `count` connections to the hub at `port`, each sending hello and waiting for
   * welcome; they form `group` (one group per hub). */
  connect: {
    args: {
      group: string
      port: number
      count: number
      prefix: string
      concurrency: number
      /** Validate each welcome as the app does (SCHEMAS.welcome: its member list within
       * maxRoomMembers, …) and count a refused one as a failure to join. */
      checkWelcome?: boolean
      /** Connect with TLS (the LAN Room hub as people run it). */
      tls: boolean
      /** Answer the hub's challenge with a proven hello (the LAN Room hub). */
      challenge: boolean
    }
    result: { open: number; failed: number; errors: string[] }
  }
  /** Reopens the connections of `group` that have closed (with new client ids). */
  ensure: {
    args: { group: string; concurrency: number }
    result: { reopened: number; failed: number; open: number }
  }
  /** Starts counting chats of `trial`, sent through the hub of `group`, clearing every
   * counter. */
  reset: { args: { trial: number; group: string }; result: { open: number } }
  count: { args: Record<string, never>; result: { delivered: number; disconnects: number } }
  report: { args: Record<string, never>; result: ReceiverReport }
  /** Closes every connection of `group`. */
  disconnect: { args: { group: string }; result: { closed: number } }
  /** One member that sends chats as fast as its socket takes them (see lib/attackers.ts). */
  flood: { args: Target & { durationMs: number }; result: FloodResult }
  /** `count` connections opened evenly over `durationMs`, each welcomed or refused. */
  storm: {
    args: Target & { count: number; durationMs: number; timeoutMs: number; prefix: string }
    result: StormResult
  }
}

export type CommandName = keyof ReceiverCommands

/** A command to a child process over IPC, from the table of commands `C` (each entry has its
 * `args` and `result`); the child answers with a ReplyMessage of the same id. */
export interface Request<
  C extends Record<keyof C, { args: unknown }>,
  K extends keyof C = keyof C,
> {
  id: number
  cmd: K
  args: C[K]['args']
}

export type RequestMessage<K extends CommandName = CommandName> = Request<ReceiverCommands, K>

export interface ReplyMessage {
  id: number
  ok: boolean
  error?: string
  result?: unknown
}
