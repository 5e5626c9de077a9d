import {
  DOCTOR_CHECK_IDS,
  DOCTOR_CHECK_TITLES,
  DOCTOR_LIMITS,
  type DoctorCheckId,
  type DoctorCheckResult,
  type DoctorParams,
  type DoctorReport,
} from '../../shared/bridge/doctor'
import { clipString as clip } from '../bridge/clip'
import type { CheckOutcome, CheckTable, DoctorContext } from './check'
import { seconds } from './probes'

/** The run's bound when none is given: `lanroom doctor --timeout`'s default. */
export const DEFAULT_DOCTOR_TIMEOUT_MS = 5_000

/**
 * How long past its deadline a check may still take before the runner reports it as not
 * finished: time to close its sockets and report the step it was at.
 */
export const DEADLINE_GRACE_MS = 500

function clipParams(params: DoctorParams): DoctorParams {
  return Object.fromEntries(
    Object.entries(params)
      .slice(0, DOCTOR_LIMITS.params)
      .map(([key, value]) => [
        key,
        typeof value === 'string' ? clip(value, DOCTOR_LIMITS.param) : value,
      ]),
  )
}

/** Fits a check's outcome into the report's bounds (findings quote the system and the network). */
function finish(id: DoctorCheckId, outcome: CheckOutcome, durationMs: number): DoctorCheckResult {
  return {
    id,
    title: DOCTOR_CHECK_TITLES[id],
    status: outcome.status,
    found: clip(outcome.found, DOCTOR_LIMITS.found),
    fix: outcome.fix ? clip(outcome.fix, DOCTOR_LIMITS.fix) : null,
    ...(outcome.code ? { code: outcome.code } : {}),
    ...(outcome.fix && outcome.fixCode ? { fixCode: outcome.fixCode } : {}),
    ...(outcome.params ? { params: clipParams(outcome.params) } : {}),
    details: (outcome.details ?? [])
      .slice(0, DOCTOR_LIMITS.details)
      .map((line) => clip(line, DOCTOR_LIMITS.detail)),
    steps: (outcome.steps ?? []).map((step) => ({
      ...step,
      found: clip(step.found, DOCTOR_LIMITS.found),
    })),
    durationMs: Math.min(3_600_000, Math.max(0, Math.round(durationMs))),
  }
}

/**
 * Runs one check, bounded: it gets until `context.deadline` (plus a short grace to report where
 * it was); one that is still running then is reported as not finished, and one that throws as
 * failed, so a report always has every check it asked for.
 */
export async function runCheck(
  id: DoctorCheckId,
  checks: CheckTable,
  context: DoctorContext,
): Promise<DoctorCheckResult> {
  const started = performance.now()
  const startedAt = Date.now()
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          status: 'warn',
          found: `did not finish within the run's ${seconds(context.deadline - startedAt)} s`,
          fix: 'Run the doctor again with a longer --timeout.',
          code: 'late',
          fixCode: 'lateFix',
          params: { seconds: seconds(context.deadline - startedAt) },
        }),
      Math.max(0, context.deadline - Date.now()) + DEADLINE_GRACE_MS,
    )
  })
  let outcome: CheckOutcome
  try {
    outcome = await Promise.race([checks[id](context), late])
  } catch (error) {
    outcome = {
      status: 'fail',
      found: `the check itself failed: ${(error as Error).message}`,
      fix: 'This is a bug in LAN Room; please report it with this report.',
      code: 'crashed',
      fixCode: 'crashedFix',
      params: { reason: (error as Error).message },
    }
  } finally {
    clearTimeout(timer)
  }
  return finish(id, outcome, performance.now() - started)
}

/**
 * Checks that run before the others: whether another program holds the mDNS port can only be
 * seen before this process binds it itself (the multicast check, a lookup by name). A bind
 * takes milliseconds.
 */
const RUN_FIRST: readonly DoctorCheckId[] = ['mdns-port']

export interface DoctorRun {
  checks: CheckTable
  /** Builds the context once the deadline is known. */
  context: (deadline: number) => DoctorContext
  timeoutMs?: number
  /** Which checks to run; default all. */
  only?: readonly DoctorCheckId[]
  /** Called as each check finishes (progress). */
  onCheck?: (result: DoctorCheckResult) => void
}

/**
 * Runs the checks concurrently — the mDNS port's first (RUN_FIRST) — and reports them in
 * DOCTOR_CHECK_IDS' order. The whole run ends within `timeoutMs` + DEADLINE_GRACE_MS.
 */
export async function runDoctor(run: DoctorRun): Promise<DoctorReport> {
  const started = performance.now()
  const timeoutMs = run.timeoutMs ?? DEFAULT_DOCTOR_TIMEOUT_MS
  const context = run.context(Date.now() + timeoutMs)
  const ids = DOCTOR_CHECK_IDS.filter((id) => !run.only || run.only.includes(id))
  const wave = (list: readonly DoctorCheckId[]): Promise<DoctorCheckResult[]> =>
    Promise.all(
      list.map(async (id) => {
        const result = await runCheck(id, run.checks, context)
        run.onCheck?.(result)
        return result
      }),
    )
  const first = await wave(ids.filter((id) => RUN_FIRST.includes(id)))
  const rest = await wave(ids.filter((id) => !RUN_FIRST.includes(id)))
  const byId = new Map([...first, ...rest].map((result) => [result.id, result]))
  const results = ids.map((id) => byId.get(id) as DoctorCheckResult)
  return {
    target: context.target === null ? null : clip(context.target, DOCTOR_LIMITS.target),
    platform: context.platform,
    failed: results.some((result) => result.status === 'fail'),
    durationMs: Math.round(performance.now() - started),
    checks: results,
  }
}
