import { beforeAll, describe, expect, it } from 'vitest'
import { connect } from '@nats-io/transport-node'
import type { KV } from '@nats-io/kv'
import {
  natsServerInstalled,
  startNatsCluster,
  type NatsCluster,
} from '../../../test/support/nats-cluster'
import { perFile } from '../../../test/support/scope'
import { createPassphraseVerifier } from '../security/passphrase'
import {
  IDENTITY_ERRORS,
  claimRoomIdentity,
  findRoom,
  nameKey,
  openRoomsBucket,
  roomVerifier,
  type RoomIdentity,
} from './identity'
import { ROOMS_BUCKET } from './names'

const scope = perFile()
const CERT_A = 'a1'.repeat(32)
const CERT_B = 'b2'.repeat(32)

let nats: NatsCluster
let serial = 0

/** A fresh connection and the rooms bucket through it (a "hub"). */
async function hubBucket(): Promise<KV> {
  const nc = scope.keep(await connect({ servers: nats.urls }), (c) => c.close())
  return openRoomsBucket(nc, 1)
}

/** What a hub that made its room locally proposes; each test uses its own room name. */
function proposal(name: string, overrides: Partial<RoomIdentity> = {}): RoomIdentity {
  serial += 1
  return {
    id: `room${serial}aaaaaaaaaaa`,
    name,
    epoch: `epoch${serial}aaaaaaaaaa`,
    verifier: null,
    fingerprint: CERT_A,
    ...overrides,
  }
}

describe.skipIf(!natsServerInstalled)('the room identity in the cluster', () => {
  beforeAll(async () => {
    nats = scope.keep(await startNatsCluster({ servers: 1 }), (n) => n.stop())
  })

  it('is created by the first hub and adopted by the next', async () => {
    const first = await claimRoomIdentity(await hubBucket(), proposal('Lab'))
    expect(first).toMatchObject({ ok: true, created: true })
    const second = await claimRoomIdentity(await hubBucket(), proposal('Lab'))
    expect(second).toEqual({
      ok: true,
      created: false,
      identity: first.ok ? first.identity : null,
    })
    // A hub restarted with the cluster's own id adopts it as well.
    const again = await claimRoomIdentity(
      await hubBucket(),
      first.ok ? first.identity : proposal('Lab'),
    )
    expect(again).toMatchObject({ ok: true, created: false })
    expect(await findRoom(await hubBucket(), 'Lab')).toEqual(first.ok ? first.identity : null)
    expect(await findRoom(await hubBucket(), first.ok ? first.identity.id : '')).toEqual(
      first.ok ? first.identity : null,
    )
    expect(await findRoom(await hubBucket(), 'No such room')).toBeNull()
  })

  it('is refused by a hub with another certificate, with a clear message', async () => {
    await claimRoomIdentity(await hubBucket(), proposal('Certs'))
    const other = await claimRoomIdentity(
      await hubBucket(),
      proposal('Certs', { fingerprint: CERT_B }),
    )
    expect(other).toMatchObject({ ok: false, code: IDENTITY_ERRORS.certificateMismatch })
    expect(!other.ok && other.message).toMatch(/same --cert and --key/)
    const plain = await claimRoomIdentity(
      await hubBucket(),
      proposal('Certs', { fingerprint: null }),
    )
    expect(plain).toMatchObject({ ok: false, code: IDENTITY_ERRORS.certificateMismatch })
  })

  it('shares the passphrase verifier, never the passphrase, and refuses another passphrase', async () => {
    const verifier = await createPassphraseVerifier('open sesame', CERT_A)
    const { serverSetup, registrationRecord } = verifier
    const first = await claimRoomIdentity(
      await hubBucket(),
      proposal('Secret', { verifier: { serverSetup, registrationRecord } }),
      { passphrase: 'open sesame' },
    )
    expect(first.ok).toBe(true)
    const stored = await (await hubBucket()).get(first.ok ? first.identity.id : '')
    expect(stored?.string()).not.toContain('open sesame')

    const same = await claimRoomIdentity(await hubBucket(), proposal('Secret'), {
      passphrase: 'open sesame',
    })
    expect(same.ok && roomVerifier(same.identity)).toEqual(verifier)
    const unsaid = await claimRoomIdentity(await hubBucket(), proposal('Secret'))
    expect(unsaid.ok && unsaid.identity.verifier).toEqual({ serverSetup, registrationRecord })
    const wrong = await claimRoomIdentity(await hubBucket(), proposal('Secret'), {
      passphrase: 'guess',
    })
    expect(wrong).toMatchObject({ ok: false, code: IDENTITY_ERRORS.passphraseMismatch })
  })

  it('has one winner when two hubs start at once, and both agree on it', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = await Promise.all([
        hubBucket().then((kv) => claimRoomIdentity(kv, proposal(`Race ${round}`))),
        hubBucket().then((kv) => claimRoomIdentity(kv, proposal(`Race ${round}`))),
      ])
      expect(a.ok && b.ok).toBe(true)
      expect([a.ok && a.created, b.ok && b.created].sort()).toEqual([false, true])
      expect(a.ok && a.identity).toEqual(b.ok && b.identity)
    }
  })

  it('refuses a damaged or hostile record instead of serving it', async () => {
    const kv = await hubBucket()
    expect((await kv.status()).bucket).toBe(ROOMS_BUCKET)
    await kv.put(nameKey('Broken'), JSON.stringify('brokenroom123'))
    await kv.put('brokenroom123', JSON.stringify({ v: 1, id: 'brokenroom123', name: 'Broken' }))
    expect(await claimRoomIdentity(kv, proposal('Broken'))).toMatchObject({
      ok: false,
      code: IDENTITY_ERRORS.badRecord,
    })
    // The bucket refuses values over its bound itself; the reader bounds each kind tighter.
    await expect(kv.put(nameKey('Huge'), 'x'.repeat(5000))).rejects.toThrow(/size/)
    await kv.put(nameKey('Huge'), JSON.stringify('x'.repeat(3000)))
    expect(await claimRoomIdentity(kv, proposal('Huge'))).toMatchObject({
      ok: false,
      code: IDENTITY_ERRORS.badRecord,
    })
    const wrongId = proposal('Liar')
    await kv.put(nameKey('Liar'), JSON.stringify('liarroom1234'))
    await kv.put('liarroom1234', JSON.stringify({ v: 1, ...wrongId }))
    expect(await claimRoomIdentity(kv, proposal('Liar'))).toMatchObject({
      ok: false,
      code: IDENTITY_ERRORS.badRecord,
    })
    expect(await findRoom(kv, 'Liar')).toBeNull()
  })
})
