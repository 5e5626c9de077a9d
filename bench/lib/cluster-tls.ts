/**
 * The cluster bench over TLS (`CLUSTER_BENCH_TLS=1 npm run bench:cluster`): every hub serves wss
 * with one shared certificate, as docs/cluster.md has the hubs of a room do (the first hub
 * started makes it in a directory of the run's, the others load it; hubs start one by one), and
 * the members and senders connect over TLS. Without it both sides speak plain ws.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadOrCreateTlsCredentials, type TlsCredentials } from '../../src/main/security/tls'

export interface BenchTls {
  on: boolean
  /** The certificate's directory (to remove at the end), or null. */
  dir: string | null
  /** Appended to a hub child's arguments (lib/cluster-hub.ts). */
  hubArgs: string[]
  /** Appended to the setups' labels and the artifact's name. */
  label: string
  suffix: string
  /** What both sides speak, for the report. */
  describe: string
}

/** As the environment asks: TLS with one certificate for every hub, or plain ws. */
export function benchTls(): BenchTls {
  if (process.env.CLUSTER_BENCH_TLS !== '1') {
    return {
      on: false,
      dir: null,
      hubArgs: [],
      label: '',
      suffix: '',
      describe: 'plain ws (no TLS)',
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'lanroom-bench-cluster-tls-'))
  return {
    on: true,
    dir,
    hubArgs: ['--tls-dir', dir],
    label: ', TLS',
    suffix: '-tls',
    describe: 'TLS (wss, one certificate shared by every hub)',
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
