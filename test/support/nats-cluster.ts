/**
 * Real `nats-server` processes (Debian's, with JetStream) for the clustered-room tests: one, or
 * three clustered by routes, all on loopback ports picked free. The harness ends only the
 * processes it started, by their pid.
 *
 *   const nats = await startNatsCluster({ servers: 3 })
 *   … connect({ servers: nats.urls }) …
 *   nats.kill(0); await nats.restart(0); await nats.stop()
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import { jetstreamManager, StorageType } from '@nats-io/jetstream'
import { freePort } from './free-port'
import { tempDir } from './temp-dir'

/** Where Debian installs it (`apt-get install nats-server`; `.ci/run` does). */
export const NATS_SERVER = '/usr/sbin/nats-server'
export const natsServerInstalled = existsSync(NATS_SERVER)

/** Safety nets, not measurements: a server listens within ~0.1 s and a three-server cluster
 * elects its JetStream meta leader within ~2-4 s here; five times that and more on a loaded
 * machine. */
const LISTEN_TIMEOUT_MS = 20_000
const READY_TIMEOUT_MS = 60_000
const POLL_MS = 100

export interface NatsCluster {
  /** nats://127.0.0.1:PORT of each server, in order. */
  readonly urls: string[]
  /** The unique server names (`n0`, `n1`…), as stream info names replicas. */
  readonly names: string[]
  /** The JetStream cluster's name (`cluster { name }`). */
  readonly clusterName: string
  /** Whether server `i` is running (started and not killed or stopped). */
  running(i: number): boolean
  /** SIGKILL to server `i` (no goodbye, as a crashed machine); resolves once it has exited. */
  kill(i: number): Promise<void>
  /** Starts server `i` again on the same ports and storage; resolves once JetStream answers
   * through it. */
  restart(i: number): Promise<void>
  /** Waits until JetStream answers through every running server (meta leader elected) and,
   * with every server running, the cluster can place a stream on all of them. */
  ready(): Promise<void>
  /** Ends every server still running and removes their storage. */
  stop(): Promise<void>
}

interface Server {
  name: string
  port: number
  routePort: number
  config: string
  child: ChildProcess | null
  exited: Promise<void>
}

function configText(
  server: { name: string; port: number; routePort: number },
  storeDir: string,
  clusterName: string,
  routes: number[],
): string {
  const cluster =
    routes.length === 0
      ? ''
      : `cluster {\n  name: ${clusterName}\n  listen: 127.0.0.1:${server.routePort}\n` +
        `  routes: [\n${routes.map((port) => `    nats-route://127.0.0.1:${port}`).join('\n')}\n  ]\n}\n`
  return (
    `server_name: ${server.name}\nlisten: 127.0.0.1:${server.port}\n` +
    `jetstream {\n  store_dir: "${storeDir}"\n}\n${cluster}`
  )
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Resolves when `child` logs that it is ready; rejects when it exits first or too late. */
function listening(child: ChildProcess, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = ''
    const timer = setTimeout(() => {
      reject(new Error(`nats-server ${name} did not start within ${LISTEN_TIMEOUT_MS} ms:\n${log}`))
    }, LISTEN_TIMEOUT_MS)
    const onData = (chunk: Buffer): void => {
      log = (log + chunk.toString()).slice(-4000)
      if (log.includes('Server is ready')) {
        clearTimeout(timer)
        child.stderr?.off('data', onData)
        // Keep draining, so that a chatty server never blocks on a full pipe.
        child.stderr?.resume()
        resolve()
      }
    }
    child.stderr?.on('data', onData)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(
        new Error(`nats-server ${name} exited (${code ?? signal}) before it was ready:\n${log}`),
      )
    })
  })
}

/** Whether JetStream answers through `url`: a meta leader is elected and this server knows it. */
async function jetStreamAnswers(url: string): Promise<boolean> {
  let nc: NatsConnection | null = null
  try {
    nc = await connect({ servers: url, timeout: 2000, reconnect: false })
    const jsm = await jetstreamManager(nc, { timeout: 2000 })
    await jsm.getAccountInfo()
    return true
  } catch {
    return false
  } finally {
    await nc?.close().catch(() => {})
  }
}

/**
 * Whether the cluster can place a stream with a copy on each of `replicas` servers: the meta
 * leader counts every server as a current peer. JetStream answering through each server is not
 * enough: right after they start, the leader may not yet have heard from the others, and an
 * R3 stream is refused with "no suitable peers for placement".
 */
async function placesReplicas(url: string, replicas: number): Promise<boolean> {
  let nc: NatsConnection | null = null
  const name = `READY_PROBE_${process.pid}_${Date.now()}`
  try {
    nc = await connect({ servers: url, timeout: 2000, reconnect: false })
    const jsm = await jetstreamManager(nc, { timeout: 5000 })
    await jsm.streams.add({
      name,
      subjects: [`_lanroom_ready.${name}`],
      num_replicas: replicas,
      storage: StorageType.Memory,
    })
    await jsm.streams.delete(name).catch(() => {})
    return true
  } catch {
    return false
  } finally {
    await nc?.close().catch(() => {})
  }
}

export async function startNatsCluster(options: { servers: 1 | 3 }): Promise<NatsCluster> {
  const dir = tempDir('lanroom-nats-')
  const clusterName = 'lanroom-test'
  const servers: Server[] = []
  for (let i = 0; i < options.servers; i++) {
    servers.push({
      name: `n${i}`,
      port: await freePort(),
      routePort: await freePort(),
      config: join(dir.path, `n${i}.conf`),
      child: null,
      exited: Promise.resolve(),
    })
  }
  for (const server of servers) {
    const store = join(dir.path, server.name)
    mkdirSync(store, { recursive: true })
    const routes = servers.length > 1 ? servers.map((s) => s.routePort) : []
    writeFileSync(server.config, configText(server, store, clusterName, routes))
  }

  const launch = async (server: Server): Promise<void> => {
    const child = spawn(NATS_SERVER, ['-c', server.config], { stdio: ['ignore', 'ignore', 'pipe'] })
    server.child = child
    server.exited = new Promise((resolve) => child.once('exit', () => resolve()))
    child.once('exit', () => {
      if (server.child === child) server.child = null
    })
    await listening(child, server.name)
  }

  const urls = servers.map((s) => `nats://127.0.0.1:${s.port}`)
  const ready = async (): Promise<void> => {
    const deadline = Date.now() + READY_TIMEOUT_MS
    for (let i = 0; i < servers.length; i++) {
      if (!servers[i]!.child) continue
      while (!(await jetStreamAnswers(urls[i]!))) {
        if (Date.now() > deadline) {
          throw new Error(`JetStream not ready through ${urls[i]} within ${READY_TIMEOUT_MS} ms`)
        }
        await delay(POLL_MS)
      }
    }
    if (servers.length < 2 || servers.some((server) => !server.child)) return
    while (!(await placesReplicas(urls[0]!, servers.length))) {
      if (Date.now() > deadline) {
        throw new Error(
          `the cluster cannot place an R${servers.length} stream within ${READY_TIMEOUT_MS} ms`,
        )
      }
      await delay(POLL_MS)
    }
  }
  const kill = async (i: number): Promise<void> => {
    const server = servers[i]!
    const pid = server.child?.pid
    if (pid !== undefined) process.kill(pid, 'SIGKILL')
    await server.exited
  }
  const stop = async (): Promise<void> => {
    for (let i = 0; i < servers.length; i++) await kill(i)
    dir.remove()
  }

  try {
    await Promise.all(servers.map(launch))
    await ready()
  } catch (error) {
    await stop()
    throw error
  }
  return {
    urls,
    names: servers.map((s) => s.name),
    clusterName,
    running: (i) => (servers[i]?.child ?? null) !== null,
    kill,
    restart: async (i) => {
      await kill(i)
      await launch(servers[i]!)
      await ready()
    },
    ready,
    stop,
  }
}
