/**
 * How a hub refuses to serve a clustered room (identity.ts), apart from the identity itself so
 * that `lanroom host` can tell a refusal without loading OPAQUE or NATS.
 */

/** The exit code of `lanroom host --nats` when it refuses to serve a room (a different
 * certificate or passphrase than the room's in the cluster): not 1 (could not start) nor 2 (bad
 * arguments), so that a supervisor can tell "fix the configuration" from "retry". */
export const IDENTITY_REFUSED_EXIT_CODE = 5

export const IDENTITY_ERRORS = {
  certificateMismatch: 'CLUSTER_ERR_CERTIFICATE_MISMATCH',
  passphraseMismatch: 'CLUSTER_ERR_PASSPHRASE_MISMATCH',
  badRecord: 'CLUSTER_ERR_BAD_IDENTITY',
} as const
export type IdentityErrorCode = (typeof IDENTITY_ERRORS)[keyof typeof IDENTITY_ERRORS]

const REFUSALS: ReadonlySet<string> = new Set(Object.values(IDENTITY_ERRORS))

/** Whether a HubError's code is one of the refusals above. */
export function isIdentityRefusal(code: string): code is IdentityErrorCode {
  return REFUSALS.has(code)
}
