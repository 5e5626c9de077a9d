/**
 * The network doctor's full run time (`npm run bench:doctor`, part of `npm run bench`): every
 * check — interfaces, multicast coming back, the mDNS port, the firewall, VPN routes — and a
 * room's seven steps against a real hub on loopback, as `lanroom doctor 127.0.0.1:PORT` runs
 * them. Baseline, measured in the same run: reading the same room's /info over TLS
 * (inspectRoom, what joining by address does first). Multicast is sent, so it runs only inside
 * the private network namespace (scripts/in-netns.sh); elsewhere it says why not.
 */
import { inspectRoom } from '../src/main/controller/inspect'
import { CHECKS, DEFAULT_DOCTOR_TIMEOUT_MS, doctorContext, runDoctor } from '../src/main/doctor'
import type { DoctorCheckId } from '../src/shared/bridge/doctor'
import { startTestHub } from '../test/support/ws-client'

const RUNS = 15

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] as number
}

async function main(): Promise<void> {
  if (process.env['LANROOM_NETNS'] !== '1') {
    const why =
      process.env['LANROOM_NETNS_UNAVAILABLE'] ?? 'not inside the private network namespace'
    console.log(`doctor bench did not run: ${why} (it sends mDNS multicast)`)
    return
  }
  const hub = await startTestHub({ roomName: 'Bench' })
  const address = `127.0.0.1:${hub.hub.port}`
  try {
    const baseline: number[] = []
    const full: number[] = []
    const perCheck = new Map<DoctorCheckId, number[]>()
    let failed = 0
    for (let i = 0; i < RUNS; i++) {
      const startedBaseline = performance.now()
      await inspectRoom(new URL(`wss://${address}/ws`))
      baseline.push(performance.now() - startedBaseline)

      const started = performance.now()
      const report = await runDoctor({
        checks: CHECKS,
        context: (deadline) => doctorContext(deadline, { target: address }),
      })
      full.push(performance.now() - started)
      if (report.failed) failed += 1
      for (const check of report.checks) {
        perCheck.set(check.id, [...(perCheck.get(check.id) ?? []), check.durationMs])
      }
    }
    const median = (values: number[]): number => percentile(values, 0.5)
    const base = median(baseline)
    console.log(`Network doctor, ${RUNS} full runs against a room on loopback`)
    console.log(`  baseline (inspectRoom: TLS + GET /info): median ${base.toFixed(1)} ms`)
    console.log(
      `  full run: median ${median(full).toFixed(0)} ms, p95 ${percentile(full, 0.95).toFixed(0)} ms, ` +
        `max ${Math.max(...full).toFixed(0)} ms (${(median(full) / base).toFixed(1)}× baseline; ` +
        `bound ${DEFAULT_DOCTOR_TIMEOUT_MS + 500} ms)`,
    )
    for (const [id, values] of perCheck) {
      console.log(`    ${id.padEnd(10)} median ${median(values).toFixed(0)} ms`)
    }
    if (failed > 0) console.log(`  ${failed} of ${RUNS} runs reported a failed check`)
  } finally {
    await hub.stop()
  }
}

await main()
