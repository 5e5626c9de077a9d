/**
 * What both hub child entries share: the line they print once listening, the control lines
 * they answer on stdin, and how they stop.
 *
 * stdin, one command a line, each answered with one JSON line on stdout:
 *  - `stats` → `{"stats":{...}}`: event-loop delay since the previous `stats` (how long the hub
 *    could not react to anything), and starts a new measurement;
 *  - `gc` → `{"gc":{...}}`: heap and RSS after a full garbage collection (the hubs run with
 *    --expose-gc), to tell live memory from garbage not yet collected.
 * The hub stops on SIGTERM, SIGINT or when stdin ends (the parent is gone).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import { getHeapSpaceStatistics } from 'node:v8'

const RESOLUTION_MS = 20

export interface HubStats {
  /** How late a timer due every 20 ms fired, in ms: the 99th percentile and the worst. */
  loopDelayP99Ms: number
  loopDelayMaxMs: number
}

export interface HubGc {
  heapUsedMb: number
  /** What V8 holds for its heap (used or not): part of the RSS. */
  heapTotalMb: number
  /** Of heapTotal, V8's young generation (both semi-spaces): sized for allocation, not for
   * what is live. */
  newSpaceMb: number
  rssMb: number
  /** Memory of C++ objects tied to JS ones, and of it, ArrayBuffers' (Buffers'): off the heap. */
  externalMb: number
  arrayBuffersMb: number
}

export function serveControl(port: number, stop: () => Promise<void>): void {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  delay.enable()
  process.stdout.write(`${JSON.stringify({ port, pid: process.pid })}\n`)
  let stopping = false
  const onStop = (): void => {
    if (stopping) return
    stopping = true
    delay.disable()
    setTimeout(() => process.exit(0), 4_000).unref()
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGTERM', onStop)
  process.on('SIGINT', onStop)
  const lines = createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    const command = line.trim()
    if (command === 'stats') {
      // The histogram holds the intervals between the timer's runs: resolution + delay.
      const late = (ns: number): number => Math.max(0, ns / 1e6 - RESOLUTION_MS)
      const stats: HubStats = {
        loopDelayP99Ms: late(delay.percentile(99)),
        loopDelayMaxMs: late(delay.max),
      }
      delay.reset()
      process.stdout.write(`${JSON.stringify({ stats })}\n`)
    } else if (command === 'gc') {
      const gc = (globalThis as { gc?: () => void }).gc
      gc?.()
      gc?.()
      const usage = process.memoryUsage()
      const gcResult: HubGc = {
        heapUsedMb: usage.heapUsed / 2 ** 20,
        heapTotalMb: usage.heapTotal / 2 ** 20,
        newSpaceMb:
          (getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ??
            0) /
          2 ** 20,
        rssMb: usage.rss / 2 ** 20,
        externalMb: usage.external / 2 ** 20,
        arrayBuffersMb: usage.arrayBuffers / 2 ** 20,
      }
      process.stdout.write(`${JSON.stringify({ gc: gcResult })}\n`)
    }
  })
  lines.on('close', onStop)
}
