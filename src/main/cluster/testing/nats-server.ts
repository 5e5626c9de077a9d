import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { connect as connectNats, type NatsConnection } from '@nats-io/transport-node'
import { connect } from 'node:net'
import { freePort } from '../../../../test/support/free-port'
import { tempDir } from '../../../../test/support/temp-dir'

/** Debian's nats-server (apt install nats-server; .ci/run installs it). */
export const NATS_SERVER = '/usr/sbin/nats-server'
export const HAVE_NATS_SERVER = existsSync(NATS_SERVER)

/** A single nats-server with JetStream on loopback, for tests; ended by its pid. */
export interface TestNats {
  url: string
  pid: number
  /** http://127.0.0.1:PORT of its monitoring endpoint (/connz, /varz…), when asked for. */
  monitorUrl: string | null
  stop: () => Promise<void>
}

/**
 * Starts one nats-server with JetStream (its store in a fresh temporary directory) on a free
 * loopback port, and waits until it takes connections. The smallest start the event log's
 * tests need; the clustered harness is test/support/nats-cluster.ts once it lands.
 */
export async function startNats(
  options: { monitor?: boolean; config?: string } = {},
): Promise<TestNats> {
  const port = await freePort()
  const monitorPort = options.monitor ? await freePort() : null
  const dir = tempDir('lanroom-nats-')
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir.path]
  if (monitorPort !== null) args.push('-m', String(monitorPort))
  if (options.config !== undefined) {
    const file = join(dir.path, 'nats.conf')
    writeFileSync(file, options.config)
    args.push('-c', file)
  }
  const child: ChildProcess = spawn(NATS_SERVER, args, { stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const deadline = Date.now() + 30_000
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      if (child.pid) process.kill(child.pid, 'SIGKILL')
      dir.remove()
      throw new Error(`nats-server did not start on port ${port}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    pid: child.pid as number,
    monitorUrl: monitorPort === null ? null : `http://127.0.0.1:${monitorPort}`,
    stop: async () => {
      if (child.exitCode === null) {
        process.kill(child.pid as number, 'SIGTERM')
        await exited
      }
      dir.remove()
    },
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/**
 * One nats-server for a test file, and a connection to it for the test's own looks at buckets:
 * started before the file's tests (when nats-server is installed) and ended after them.
 */
export function useNats(): { url: () => string; connection: () => NatsConnection } {
  let nats: TestNats | null = null
  let nc: NatsConnection | null = null
  beforeAll(async () => {
    if (!HAVE_NATS_SERVER) return
    nats = await startNats()
    nc = await connectNats({ servers: [nats.url] })
  })
  afterAll(async () => {
    await nc?.close()
    await nats?.stop()
  })
  const started = <T>(value: T | null): T => {
    if (value === null) throw new Error('no nats-server started')
    return value
  }
  return { url: () => started(nats).url, connection: () => started(nc) }
}
