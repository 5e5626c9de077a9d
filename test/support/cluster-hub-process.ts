/**
 * One hub of a clustered room in a process of its own, so that a test can kill it for real
 * (SIGKILL: no goodbye, nothing flushed, as a machine losing power). Started by
 * test/cluster/cluster-room.ts with tsx:
 *
 *   node --import tsx test/support/cluster-hub-process.ts '<ClusterHubSpec as JSON>'
 *
 * It prints one line of JSON on stdout once it listens ({@link ClusterHubReady}), logs the
 * hub's warnings and errors as JSON lines on stderr, and stops gracefully on SIGTERM.
 */
import { readFileSync } from 'node:fs'
import { Hub } from '../../src/main/hub'
import type { Logger } from '../../src/main/hub/logger'
import { fingerprintOfPem } from '../../src/main/security/tls'

/** What the process is told to start. */
export interface ClusterHubSpec {
  roomName: string
  dataDir: string
  port: number
  natsServers: string[]
  replicas: number
  /** PEM files of the certificate and key every hub of the room shares. */
  certFile: string
  keyFile: string
  /** Chats per second per member (0: unlimited). */
  rateLimit: number
}

/** The line it prints once it listens. */
export interface ClusterHubReady {
  port: number
  roomId: string
  epoch: string
  fingerprint: string | null
}

function stderrLogger(): Logger {
  const line = (level: string) => (fields: object, message: string) => {
    process.stderr.write(`${JSON.stringify({ level, message, ...fields })}\n`)
  }
  return { debug: () => {}, info: () => {}, warn: line('warn'), error: line('error') }
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as ClusterHubSpec
  const cert = readFileSync(spec.certFile, 'utf8')
  const key = readFileSync(spec.keyFile, 'utf8')
  const hub = await Hub.start({
    roomName: spec.roomName,
    hostName: 'Cluster host',
    dataDir: spec.dataDir,
    bind: '127.0.0.1',
    port: spec.port,
    rateLimit: spec.rateLimit,
    tls: { cert, key, fingerprint: fingerprintOfPem(cert) },
    nats: { servers: spec.natsServers, replicas: spec.replicas },
    logger: stderrLogger(),
  })
  process.once('SIGTERM', () => {
    void hub.stop().then(() => process.exit(0))
  })
  const ready: ClusterHubReady = {
    port: hub.port,
    roomId: hub.roomId,
    epoch: hub.epoch,
    fingerprint: hub.fingerprint,
  }
  process.stdout.write(`${JSON.stringify(ready)}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`)
  process.exit(1)
})
