/**
 * Child entry of the broadcast benchmark: runs the LAN Room hub (src/main/hub) in a process of
 * its own, so that its CPU time and RSS can be read from /proc. Started by bench/broadcast.ts
 * from its bundle (artifacts/bench-hubs/run-hub.mjs; tsx runs it too); prints one line
 * `{"port":N,"pid":P}` once it listens on 127.0.0.1 (see lib/hub-child.ts for the rest).
 *
 * `run-hub.ts <data-dir> --tls-dir DIR` serves TLS with DIR/cert.pem and DIR/key.pem (made
 * there if missing), the pair the benchmark's uWS hub serves too.
 *
 * `run-hub.ts --no-hub` starts no hub and prints port 0: the benchmark measures the RSS of Node
 * alone, to tell what of a hub's RSS is Node's own.
 */
// First, as in the app and the command line (src/main/hub/young-generation.ts).
import '../src/main/hub/young-generation'
import { serveControl } from './lib/hub-child'

const arg = process.argv[2]
if (!arg) {
  process.stderr.write(
    'usage: run-hub.ts <data-dir> [--tls | --tls-dir DIR] [--default-rate] | --no-hub\n',
  )
  process.exit(2)
}

if (arg === '--no-hub') {
  serveControl(0, async () => {})
} else {
  const { Hub } = await import('../src/main/hub')
  const { createSelfSignedCredentials, loadOrCreateTlsCredentials } =
    await import('../src/main/security/tls')
  // `--tls`: the room as people run it; without it, plain ws (`--no-tls`), for comparison.
  // `--tls-dir DIR`: TLS with the pair kept in DIR (the benchmark gives uWS the same one).
  const mode = process.argv[3]
  const tlsDir = process.argv[4]
  const tls =
    mode === '--tls'
      ? await createSelfSignedCredentials()
      : mode === '--tls-dir' && tlsDir
        ? await loadOrCreateTlsCredentials(tlsDir)
        : false
  const hub = await Hub.start({
    tls,
    roomName: 'bench',
    hostName: 'bench',
    dataDir: arg,
    bind: '127.0.0.1',
    port: 0,
    // The benchmark measures fan-out, not the rate limit: off, unless `--default-rate` (the
    // flood scenario, where the limit is what protects the room).
    rateLimit: process.argv.includes('--default-rate') ? undefined : 0,
    limits: { maxMembers: 2_100 },
  })
  serveControl(hub.port, () => hub.stop())
}
