import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createSelfSignedCredentials, type TlsCredentials } from '../../src/main/security/tls'
import { IDENTITY_REFUSED_EXIT_CODE } from '../../src/main/cluster/identity-errors'
import { assertBuilt, runCli, runHostUntil } from '../support/cli'
import { natsServerInstalled, startNatsCluster, type NatsCluster } from '../support/nats-cluster'
import { perFile, perTest } from '../support/scope'

// `lanroom host --nats` with the operator's certificate: its flags, and its refusals (exit 5).

const files = perFile()
const scope = perTest()
let certA: TlsCredentials
let certB: TlsCredentials
let pemDir: string
let nats: NatsCluster | null = null
let rooms = 0

/** The PEM files of `tls` as `--cert`, `--key` arguments. */
function pair(tls: TlsCredentials, label: string): string[] {
  const cert = join(pemDir, `${label}.pem`)
  const key = join(pemDir, `${label}-key.pem`)
  writeFileSync(cert, tls.cert)
  writeFileSync(key, tls.key, { mode: 0o600 })
  return ['--cert', cert, '--key', key]
}

beforeAll(async () => {
  assertBuilt()
  pemDir = files.dir('lanroom-pem-')
  certA = await createSelfSignedCredentials()
  certB = await createSelfSignedCredentials()
  if (natsServerInstalled) {
    nats = files.keep(await startNatsCluster({ servers: 1 }), (n) => n.stop())
  }
})

function host(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCli(
    ['host', '--no-advertise', '--port', '0', '--data-dir', scope.dir(), ...args],
    '',
    undefined,
    env,
  )
}

/** Runs each `lanroom host ARGS`: each exits 2 and says why. */
async function exitsTwo(cases: ReadonlyArray<readonly [readonly string[], string]>): Promise<void> {
  for (const [args, reason] of cases) {
    const run = await host([...args])
    expect(run.code, args.join(' ')).toBe(2)
    expect(run.stderr).toContain(reason)
  }
}

describe('lanroom host --cert, --key, --replicas', () => {
  it('exits 2 with the reason for flags that do not go together', async () => {
    const a = pair(certA, 'a')
    await exitsTwo([
      [[a[0]!, a[1]!], '--cert needs --key'],
      [[a[2]!, a[3]!], '--key needs --cert'],
      [[...a, '--no-tls'], 'cannot go with --no-tls'],
    ])
  })

  it('exits 2 with the reason for --nats without a certificate, and --replicas out of place', async () => {
    const a = pair(certA, 'a')
    const nat = ['--nats', 'nats://127.0.0.1:4222', '--name', 'R']
    await exitsTwo([
      [
        nat,
        '--nats needs --cert and --key (or --no-tls): every hub of a room must serve the same certificate',
      ],
      [['--replicas', '3'], '--replicas needs --nats'],
      [[...nat, ...a, '--replicas', '6'], 'expected a whole number from 1 to 5'],
      [[...nat, ...a, '--replicas', '0'], 'expected a whole number from 1 to 5'],
    ])
  })

  it('exits 2 when the certificate or key cannot be used', async () => {
    const a = pair(certA, 'a')
    const b = pair(certB, 'b')
    const junk = join(pemDir, 'junk.pem')
    writeFileSync(junk, 'not a certificate')
    const fake = join(pemDir, 'fake.pem')
    writeFileSync(fake, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')
    await exitsTwo([
      [['--cert', join(pemDir, 'missing.pem'), '--key', a[3]!], 'cannot read the certificate'],
      [['--cert', junk, '--key', a[3]!], 'is not PEM'],
      [['--cert', fake, '--key', a[3]!], 'is not a PEM certificate'],
      [['--cert', a[1]!, '--key', a[1]!], 'is not a PEM private key'],
      [['--cert', a[1]!, '--key', b[3]!], `is not the key of the certificate ${a[1]!}`],
    ])
  })

  it('serves the given certificate without NATS', async () => {
    const run = await runHostUntil(
      ['--no-advertise', '--port', '0', '--data-dir', scope.dir(), ...pair(certA, 'a')],
      /Press Ctrl\+C/,
    )
    const { verificationCode } = await import('../../src/shared/security/verification-code')
    expect(run.stdout).toContain(`Verification code: ${verificationCode(certA.fingerprint)}`)
  })
})

describe.skipIf(!natsServerInstalled)('lanroom host --nats refusing a room (exit 5)', () => {
  it('prints both fingerprints when its certificate is not the room’s', async () => {
    const name = `Cert ${++rooms}`
    const args = ['--nats', (nats as NatsCluster).urls.join(','), '--name', name]
    const first = await runHostUntil(
      ['--no-advertise', '--port', '0', '--data-dir', scope.dir(), ...args, ...pair(certA, 'a')],
      /Press Ctrl\+C/,
    )
    expect(first.stdout).toContain(
      'Replicas: 1 (the default: 3 on a NATS cluster of three servers or more, else 1).',
    )
    const run = await host([...args, ...pair(certB, 'b')])
    expect(run.code).toBe(IDENTITY_REFUSED_EXIT_CODE)
    expect(run.stderr).toContain(certA.fingerprint)
    expect(run.stderr).toContain(certB.fingerprint)
    expect(run.stderr).toContain('give every hub of the room the same --cert and --key')
  }, 60_000)

  it('refuses another passphrase than the room’s, and takes the same one', async () => {
    const name = `Passphrase ${++rooms}`
    const args = [
      '--nats',
      (nats as NatsCluster).urls.join(','),
      '--name',
      name,
      ...pair(certA, 'a'),
    ]
    const first = await scope.host(
      ['--no-advertise', '--port', '0', '--data-dir', scope.dir(), ...args],
      {
        env: { LANROOM_PASSPHRASE: 'open sesame' },
      },
    )
    expect(first.info.passphrase).toBe(true)
    const wrong = await host(args, { LANROOM_PASSPHRASE: 'something else' })
    expect(wrong.code).toBe(IDENTITY_REFUSED_EXIT_CODE)
    expect(wrong.stderr).toContain("has another passphrase in this cluster than this hub's")
    const adopted = await scope.host([
      '--no-advertise',
      '--port',
      '0',
      '--data-dir',
      scope.dir(),
      ...args,
      '--replicas',
      '1',
    ])
    expect(adopted.info.roomId).toBe(first.info.roomId)
    expect(adopted.info.passphrase).toBe(true)
  }, 60_000)
})
