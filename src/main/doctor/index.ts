export { CHECKS } from './checks'
export { runDoctor, runCheck, DEFAULT_DOCTOR_TIMEOUT_MS, DEADLINE_GRACE_MS } from './run'
export { doctorContext, type ContextOptions } from './context'
export {
  resolveAddress,
  resolveRoomCode,
  ResolveError,
  type ResolvedTarget,
  type TargetResolver,
} from './target'
export type { DoctorContext, CheckOutcome, Check, CheckTable } from './check'
export { nearbyRoom } from './nearby-room'
export { createDoctorHandler, type AppDoctorDeps } from './app-doctor'
