/**
 * The network doctor's report (src/main/doctor), as `lanroom doctor --json` prints it and as
 * the app's Network doctor panel receives it through the bridge: schemas, so that main's
 * answers are checked against the contract, and the types derived from them. Every string is
 * bounded: findings quote what the system said (command output, socket errors, room names).
 */
import { z } from 'zod'

/** The checks, in the order a report lists them. */
export const DOCTOR_CHECK_IDS = [
  'interfaces',
  'multicast',
  'mdns-port',
  'firewall',
  'vpn',
  'room',
] as const
export type DoctorCheckId = (typeof DOCTOR_CHECK_IDS)[number]

/** What each check is called in a report. */
export const DOCTOR_CHECK_TITLES: Readonly<Record<DoctorCheckId, string>> = {
  interfaces: 'Network interfaces',
  multicast: 'Multicast comes back',
  'mdns-port': 'mDNS port 5353',
  firewall: 'Firewall',
  vpn: 'VPNs and virtual adapters',
  room: 'Room',
}

/**
 * The steps of reaching a room, in order; the first one that fails is the one named.
 * resolve: the room, code or address becomes addresses to try; tcp: a connection opens;
 * tls: the encrypted session is set up (or the room is found to be unencrypted); http: the
 * room answers GET /info as a LAN Room; certificate: the certificate is the expected one;
 * websocket: the upgrade at /ws is accepted; hello: the hub greets (its challenge names the
 * room). The doctor sends no hello of its own, so nobody in the room sees it come and go.
 */
export const DOCTOR_STEPS = [
  'resolve',
  'tcp',
  'tls',
  'http',
  'certificate',
  'websocket',
  'hello',
] as const
export type DoctorStep = (typeof DOCTOR_STEPS)[number]

export const DOCTOR_STATUSES = ['ok', 'warn', 'fail', 'skipped'] as const
export type DoctorStatus = (typeof DOCTOR_STATUSES)[number]

/** Bounds of a report's fields: main clips to them before anything leaves. */
export const DOCTOR_LIMITS = {
  found: 1_000,
  fix: 1_000,
  detail: 300,
  details: 32,
  target: 300,
  param: 300,
  params: 8,
} as const

/**
 * A finding's stable code, for the app to say it in the person's language: the catalogue's
 * `doctor.<code>` with `params` (src/shared/i18n/locales/<lang>/lobby.ts). The English `found`
 * and `fix` stay, for `lanroom doctor` and as the fallback of a code the window does not know.
 */
const doctorCode = z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/)
export const doctorParamsSchema = z
  .record(
    z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/),
    z.union([z.string().max(DOCTOR_LIMITS.param), z.number().finite()]),
  )
  .refine((params) => Object.keys(params).length <= DOCTOR_LIMITS.params)
export type DoctorParams = z.infer<typeof doctorParamsSchema>

const status = z.enum(DOCTOR_STATUSES)
const millis = z.number().int().min(0).max(3_600_000)

export const doctorStepSchema = z.object({
  step: z.enum(DOCTOR_STEPS),
  status,
  /** What happened, or the step's error. */
  found: z.string().max(DOCTOR_LIMITS.found),
  durationMs: millis,
})
export type DoctorStepResult = z.infer<typeof doctorStepSchema>

export const doctorCheckSchema = z.object({
  id: z.enum(DOCTOR_CHECK_IDS),
  title: z.string().max(100),
  status,
  /** What it found, in one or two sentences; for `skipped`, why. */
  found: z.string().max(DOCTOR_LIMITS.found),
  /** What to do about it, in plain words; null when there is nothing to do. */
  fix: z.string().max(DOCTOR_LIMITS.fix).nullable(),
  /** `found`'s code (absent: a finding that has none yet; show `found`). */
  code: doctorCode.optional(),
  /** `fix`'s code, when there is a fix and it has one. */
  fixCode: doctorCode.optional(),
  /** The values the code's sentences name (interfaces, ports, counts, the system's words). */
  params: doctorParamsSchema.optional(),
  /** Supporting lines: one per interface, rule or route. */
  details: z.array(z.string().max(DOCTOR_LIMITS.detail)).max(DOCTOR_LIMITS.details),
  /** For the room check: each step tried, up to the first that failed. */
  steps: z.array(doctorStepSchema).max(DOCTOR_STEPS.length),
  durationMs: millis,
})
export type DoctorCheckResult = z.infer<typeof doctorCheckSchema>

export const doctorReportSchema = z.object({
  /** The room, code or address examined; null when none was given. */
  target: z.string().max(DOCTOR_LIMITS.target).nullable(),
  platform: z.string().max(20),
  /** True when at least one check failed (`lanroom doctor` then exits with 1). */
  failed: z.boolean(),
  durationMs: millis,
  checks: z.array(doctorCheckSchema).max(DOCTOR_CHECK_IDS.length),
})
export type DoctorReport = z.infer<typeof doctorReportSchema>
