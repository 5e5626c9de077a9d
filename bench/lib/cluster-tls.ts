/**
 * The cluster bench over TLS (`CLUSTER_BENCH_TLS=1 npm run bench:cluster`): every hub serves wss
 * with one shared certificate, as docs/cluster.md has the hubs of a room do, and the members and
 * senders connect over TLS. Without it both sides speak plain ws.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadOrCreateTlsCredentials, type TlsCredentials } from '../../src/main/security/tls'

export interface BenchTls {
  on: boolean
  /** Appended to a hub child's arguments (lib/cluster-hub.ts). */
  hubArgs: string[]
  /** Appended to the setups' labels. */
  label: string
  /** Removes the certificate's directory. */
  remove: () => void
}

export const PLAIN: BenchTls = { on: false, hubArgs: [], label: '', remove: () => {} }

/** As the environment asks: TLS with a certificate made once for every hub, or plain ws. */
export async function benchTls(): Promise<BenchTls> {
  if (process.env.CLUSTER_BENCH_TLS !== '1') return PLAIN
  const dir = mkdtempSync(join(tmpdir(), 'lanroom-bench-cluster-tls-'))
  await loadOrCreateTlsCredentials(dir)
  return {
    on: true,
    hubArgs: ['--tls-dir', dir],
    label: ', TLS',
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** A hub child's arguments without `--tls-dir DIR`, and the pair kept in DIR (or false). */
export async function hubTls(
  argv: string[],
): Promise<{ args: string[]; tls: TlsCredentials | false }> {
  const at = argv.indexOf('--tls-dir')
  const dir = at >= 0 ? argv[at + 1] : undefined
  if (dir === undefined) return { args: argv, tls: false }
  return {
    args: [...argv.slice(0, at), ...argv.slice(at + 2)],
    tls: await loadOrCreateTlsCredentials(dir),
  }
}
