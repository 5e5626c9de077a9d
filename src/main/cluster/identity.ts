/**
 * One room identity for every hub of a clustered room: its id, name, epoch, passphrase verifier
 * (the OPAQUE server setup and registration record, never the passphrase) and the fingerprint of
 * the TLS certificate all its hubs share. Kept in the cluster's KV bucket `lanroom_rooms`,
 * key = room id, plus `name.<sha256 of the name>` = room id so that hubs started with the same
 * `--name` find the same room. The first hub creates both (atomic create); later hubs adopt
 * what they find, or refuse to serve the room when their certificate (or passphrase) is not the
 * room's: members pin one certificate, whichever hub they reach.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { Kvm, type KV, type KvEntry } from '@nats-io/kv'
import type { NatsConnection } from '@nats-io/transport-node'
import { SCHEMAS } from '../../shared/protocol'
import {
  clientFinishLogin,
  clientStartLogin,
  serverFinishLogin,
  serverIdentity,
  serverStartLogin,
  type PassphraseVerifier,
} from '../security/passphrase'
import { bucketReady, kvBytes, readKvValue } from './kv-value'
import { CLUSTER_TOKEN, ROOMS_BUCKET } from './names'
import { IDENTITY_ERRORS, type IdentityErrorCode } from './identity-errors'

export {
  IDENTITY_ERRORS,
  IDENTITY_REFUSED_EXIT_CODE,
  isIdentityRefusal,
  type IdentityErrorCode,
} from './identity-errors'

/** An identity record is ~0.6 KB (a verifier's two base64url strings ~430 characters). */
export const MAX_IDENTITY_BYTES = 4096
/** OPAQUE's server setup (171 characters) and registration record (256), with room to spare. */
const MAX_OPAQUE_LENGTH = 1024
/** How many times a hub that lost the race to create the room reads the winner's record. The
 * winner writes the record before the name, so one read finds it; more cover a record that the
 * winner's own retry had to replace. */
const ADOPT_ATTEMPTS = 5

const token = z.string().regex(CLUSTER_TOKEN)
const base64url = z
  .string()
  .min(1)
  .max(MAX_OPAQUE_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/)
const identitySchema = z.object({
  v: z.literal(1),
  id: token,
  name: SCHEMAS.peerRoomName,
  epoch: token,
  verifier: z.object({ serverSetup: base64url, registrationRecord: base64url }).nullable(),
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
})

export interface RoomIdentity {
  readonly id: string
  readonly name: string
  readonly epoch: string
  readonly verifier: { readonly serverSetup: string; readonly registrationRecord: string } | null
  /** SHA-256 of the certificate's public key (security/tls.ts), null for a plain room. */
  readonly fingerprint: string | null
}

export type IdentityOutcome =
  | { ok: true; identity: RoomIdentity; created: boolean }
  | { ok: false; code: IdentityErrorCode; message: string }

/** The verifier a hub serving `identity` checks passphrases with, or null for an open room. */
export function roomVerifier(identity: RoomIdentity): PassphraseVerifier | null {
  if (identity.verifier === null) return null
  return { ...identity.verifier, server: serverIdentity(identity.fingerprint) }
}

/** Opens the cluster's `lanroom_rooms` bucket, made with `replicas` copies when it is missing.
 * Hubs starting together make it with the same settings, which JetStream accepts twice; a bucket
 * made earlier with other settings (replicas) is used as it is. */
export async function openRoomsBucket(nc: NatsConnection, replicas: number): Promise<KV> {
  const kvm = new Kvm(nc)
  let kv: KV
  try {
    kv = await kvm.create(ROOMS_BUCKET, { history: 1, replicas, maxValueSize: MAX_IDENTITY_BYTES })
  } catch {
    kv = await kvm.open(ROOMS_BUCKET)
  }
  return bucketReady(kv)
}

/** The key of the record naming the room called `name` (a hash: names are not KV keys). */
export function nameKey(name: string): string {
  return `name.${createHash('sha256').update(name.trim()).digest('hex')}`
}

async function readIdentity(kv: KV, id: string): Promise<RoomIdentity | 'missing' | 'bad'> {
  return identityOf(await kv.get(id), id)
}

function identityOf(entry: KvEntry | null, id: string): RoomIdentity | 'missing' | 'bad' {
  if (entry === null || entry.operation !== 'PUT') return 'missing'
  const record = readKvValue(entry, identitySchema, MAX_IDENTITY_BYTES)
  if (record === null || record.id !== id) return 'bad'
  const { v: _version, ...identity } = record
  void _version
  return identity
}

async function readNamedId(kv: KV, name: string): Promise<string | null | 'bad'> {
  const entry = await kv.get(nameKey(name))
  if (entry === null || entry.operation !== 'PUT') return null
  const id = readKvValue(entry, token, 128)
  return id ?? 'bad'
}

/** Creates `key` unless it exists; false when it does (another hub was first). */
async function createOnce(kv: KV, key: string, bytes: Uint8Array): Promise<boolean> {
  try {
    await kv.create(key, bytes)
    return true
  } catch (error) {
    const existing = await kv.get(key)
    if (existing !== null && existing.operation === 'PUT') return false
    throw error
  }
}

/** Whether `passphrase` opens `verifier`: a whole OPAQUE login, both sides here (~0.3 s). */
function passphraseOpens(passphrase: string, verifier: PassphraseVerifier): boolean {
  const client = clientStartLogin(passphrase)
  const server = serverStartLogin(verifier, client.request)
  if (server === null) return false
  const fingerprint = verifier.server.replace(/^lanroom\.v1 /, '')
  const finish = clientFinishLogin(
    passphrase,
    client.state,
    server.response,
    fingerprint === 'plain' ? null : fingerprint,
  )
  return finish !== null && serverFinishLogin(verifier, server.state, finish)
}

/** Whether this hub (its certificate, its passphrase) may serve the room `found`. */
function judge(
  found: RoomIdentity,
  mine: { fingerprint: string | null; passphrase?: string | undefined },
): IdentityOutcome | null {
  if (found.fingerprint !== mine.fingerprint) {
    return {
      ok: false,
      code: IDENTITY_ERRORS.certificateMismatch,
      message:
        `room "${found.name}" (${found.id}) is served in this cluster with the certificate ` +
        `${found.fingerprint ?? 'none (not encrypted)'}, and this hub's is ` +
        `${mine.fingerprint ?? 'none (not encrypted)'}: give every hub of the room the same ` +
        '--cert and --key',
    }
  }
  if (mine.passphrase === undefined) return null
  const verifier = roomVerifier(found)
  if (verifier === null || !passphraseOpens(mine.passphrase, verifier)) {
    return {
      ok: false,
      code: IDENTITY_ERRORS.passphraseMismatch,
      message:
        `room "${found.name}" (${found.id}) ` +
        (verifier === null
          ? 'has no passphrase in this cluster, and this hub was given one'
          : "has another passphrase in this cluster than this hub's") +
        ': give every hub the same passphrase, or none after the first',
    }
  }
  return null
}

function badRecord(what: string): IdentityOutcome {
  return {
    ok: false,
    code: IDENTITY_ERRORS.badRecord,
    message: `the cluster's record of ${what} is damaged or not LAN Room's (bucket lanroom_rooms)`,
  }
}

/**
 * The identity this hub serves its room with: `proposed` (this hub's own id, name, epoch,
 * verifier and fingerprint) when it is the first hub of the room in the cluster, else the
 * cluster's, when this hub's certificate and passphrase (if given) are the room's. Two hubs
 * starting at once agree: whoever creates the name record first wins, the other adopts it.
 */
export async function claimRoomIdentity(
  kv: KV,
  proposed: RoomIdentity,
  options: { passphrase?: string | undefined } = {},
): Promise<IdentityOutcome> {
  const mine = { fingerprint: proposed.fingerprint, passphrase: options.passphrase }
  const record = kvBytes({ v: 1, ...proposed }, MAX_IDENTITY_BYTES)
  for (let attempt = 0; attempt < ADOPT_ATTEMPTS; attempt++) {
    const namedId = await readNamedId(kv, proposed.name)
    if (namedId === 'bad') return badRecord(`the room named "${proposed.name}"`)
    if (namedId !== null) {
      const found = await readIdentity(kv, namedId)
      if (found === 'bad') return badRecord(`room ${namedId}`)
      if (found !== 'missing')
        return judge(found, mine) ?? { ok: true, identity: found, created: false }
      continue
    }
    // The record first, then the name: whoever reads the name finds the record.
    const ownRecord = await createOnce(kv, proposed.id, record)
    if (!ownRecord) {
      const found = await readIdentity(kv, proposed.id)
      if (found === 'bad') return badRecord(`room ${proposed.id}`)
      if (found === 'missing') continue
      const refused = judge(found, mine)
      if (refused !== null) return refused
      await createOnce(kv, nameKey(found.name), kvBytes(found.id, 128))
      return { ok: true, identity: found, created: false }
    }
    if (await createOnce(kv, nameKey(proposed.name), kvBytes(proposed.id, 128))) {
      return { ok: true, identity: proposed, created: true }
    }
    // Another hub named the room first: ours is an orphan; adopt theirs on the next turn.
    await kv.delete(proposed.id).catch(() => {})
  }
  return badRecord(`the room named "${proposed.name}" (it kept changing while read)`)
}

/**
 * Makes the room's record carry `epoch`, the epoch of the room's stream (event-log.ts), and
 * returns the identity as recorded. A clustered room has one epoch: its stream's, which every
 * hub derives alike and which changes exactly when the stream is made anew (its seqs start
 * over). The epoch a first hub proposes is a placeholder until the stream exists; the first hub
 * that opens a stream of another epoch writes it in (compare-and-set on the record's revision,
 * so hubs doing it at once converge: they all write the same value).
 */
export async function recordEpoch(
  kv: KV,
  identity: RoomIdentity,
  epoch: string,
): Promise<IdentityOutcome> {
  for (let attempt = 0; attempt < ADOPT_ATTEMPTS; attempt++) {
    const entry = await kv.get(identity.id)
    const found = identityOf(entry, identity.id)
    if (entry === null || typeof found === 'string') return badRecord(`room ${identity.id}`)
    if (found.epoch === epoch) return { ok: true, identity: found, created: false }
    try {
      await kv.update(
        identity.id,
        kvBytes({ v: 1, ...found, epoch }, MAX_IDENTITY_BYTES),
        entry.revision,
      )
      return { ok: true, identity: { ...found, epoch }, created: false }
    } catch {
      // Another hub wrote it first (or changed the record): read it again.
    }
  }
  return badRecord(`room ${identity.id} (it kept changing while read)`)
}

/** The room recorded in the cluster under this id or name (`lanroom cluster status ROOM`); null
 * when there is none, or its record is damaged. */
export async function findRoom(kv: KV, idOrName: string): Promise<RoomIdentity | null> {
  if (CLUSTER_TOKEN.test(idOrName)) {
    const byId = await readIdentity(kv, idOrName)
    if (typeof byId !== 'string') return byId
  }
  const namedId = await readNamedId(kv, idOrName)
  if (namedId === null || namedId === 'bad') return null
  const byName = await readIdentity(kv, namedId)
  return typeof byName === 'string' ? null : byName
}
