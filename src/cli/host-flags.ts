export { MAX_REPLICAS } from '../main/cluster/replicas'

/** The flags of `lanroom host` that only make sense together. */
export interface HostFlags {
  name?: string | undefined
  tls: boolean
  nats?: readonly string[] | undefined
  natsCreds?: string | undefined
  cert?: string | undefined
  key?: string | undefined
  replicas?: number | undefined
}

/** Why these `lanroom host` flags do not go together (exit 2), or null. */
export function hostFlagsProblem(flags: HostFlags): string | null {
  const clustered = flags.nats !== undefined
  if (!clustered && flags.natsCreds !== undefined) return '--nats-creds needs --nats'
  if (!clustered && flags.replicas !== undefined) {
    return '--replicas needs --nats (the copies of a room served through NATS)'
  }
  // Every hub of the room must name it alike: "NAME's room" differs between hosts.
  if (clustered && flags.name === undefined) {
    return '--nats needs --name (the same on every hub of the room)'
  }
  if ((flags.cert === undefined) !== (flags.key === undefined)) {
    return flags.cert === undefined ? '--key needs --cert' : '--cert needs --key'
  }
  if (!flags.tls && flags.cert !== undefined) {
    return '--cert and --key serve TLS: they cannot go with --no-tls'
  }
  if (clustered && flags.tls && flags.cert === undefined) {
    return (
      '--nats needs --cert and --key (or --no-tls): every hub of a room must serve the same ' +
      "certificate, so that members' pins and verification codes hold whichever hub they reach"
    )
  }
  return null
}
