import { wsSocketFactory } from '../connection/ws-socket'
import type { SocketFactory } from '../connection/socket'
import { skipped, type CheckOutcome, type DoctorContext } from './check'
import { runTargetSteps, stepFixCode } from './target-steps'

/**
 * The room, code or address given: each step of reaching it, and the first that fails with its
 * error and fix. Skipped when no target was given.
 */
export async function checkRoom(
  context: DoctorContext,
  socketFactory: SocketFactory = wsSocketFactory,
): Promise<CheckOutcome> {
  if (context.target === null) {
    return skipped(
      'no room, code or address given: name one to see each step of reaching it',
      'roomNoTarget',
    )
  }
  const outcome = await runTargetSteps({
    target: context.target,
    resolve: context.resolve,
    deadline: context.deadline,
    pins: context.pins,
    expectCode: context.expectCode,
    socketFactory,
  })
  const { steps, failure } = outcome
  if (failure) {
    const failed = steps.at(-1)
    const fixCode = stepFixCode(failure.fix)
    return {
      status: 'fail',
      code: 'roomStepFailed',
      ...(fixCode !== undefined ? { fixCode } : {}),
      params: { step: failure.step, reason: failed?.found ?? 'no answer' },
      found: `${failure.step} failed: ${failed?.found ?? 'no answer'}`,
      fix: failure.fix,
      steps,
    }
  }
  const warned = steps.filter((step) => step.status === 'warn')
  const room = outcome.room ?? context.target
  if (warned.length > 0) {
    return {
      status: 'warn',
      code: 'roomWarned',
      fixCode: 'roomPlainFix',
      params: { room, warnings: warned.map((s) => `${s.step}: ${s.found}`).join('; ') },
      found: `${room} can be joined, but ${warned.map((s) => `${s.step}: ${s.found}`).join('; ')}`,
      fix:
        'The room is not encrypted: others on the network can read what is said. Ask the host ' +
        'to start it without --no-tls.',
      steps,
    }
  }
  return {
    status: 'ok',
    code: 'roomOk',
    params: { room },
    found: `${room} can be joined: every step passed`,
    fix: null,
    steps,
  }
}
