/**
 * A clustered room for the failover tests: real nats-servers (test/support/nats-cluster.ts) and
 * several hubs serving one room, each hub in a process of its own
 * (test/support/cluster-hub-process.ts) so that SIGKILL is real. Every hub has its own data
 * directory and a fixed loopback port, so that a hub started again comes back at the same
 * address, and all of them serve the same certificate and key. Only the processes started here
 * are ended, by their pid.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { connect } from '@nats-io/transport-node'
import { jetstreamManager } from '@nats-io/jetstream'
import { roomStream } from '../../src/main/cluster/names'
import { createSelfSignedCredentials } from '../../src/main/security/tls'
import type { ClusterHubReady, ClusterHubSpec } from '../support/cluster-hub-process'
import { freePort } from '../support/free-port'
import { startNatsCluster, type NatsCluster } from '../support/nats-cluster'
import { tempDir } from '../support/temp-dir'
import { TRACE } from '../support/traced-socket'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ENTRY = fileURLToPath(new URL('../support/cluster-hub-process.ts', import.meta.url))
/** A safety net: tsx compiles the hub and the hub reads the stream in about 1-3 s here; far
 * more on a machine whose cores are busy. */
const HUB_START_TIMEOUT_MS = 60_000
/** How long a SIGTERM'd hub gets to say goodbye before it is killed. */
const HUB_STOP_GRACE_MS = 10_000

interface HubSlot {
  spec: ClusterHubSpec
  child: ChildProcess | null
  exited: Promise<void>
  /** The end of its stderr (the hub's warnings and errors), for failure messages. */
  stderr: string
}

export interface ClusterRoom {
  readonly nats: NatsCluster
  /** wss://127.0.0.1:PORT/ws of each hub, in order. */
  readonly urls: string[]
  /** The fingerprint of the one certificate every hub serves. */
  readonly fingerprint: string
  /** What the first hub said when it was started first. */
  readonly first: ClusterHubReady
  /** The index of the NATS server leading the room's stream now. */
  streamLeader(): Promise<number>
  running(i: number): boolean
  /** SIGKILL to hub `i`; resolves once it has exited. */
  kill(i: number): Promise<void>
  /** SIGTERM to hub `i` (a graceful stop); resolves once it has exited. */
  stop(i: number): Promise<void>
  /** Starts hub `i` again on its port and data directory; resolves once it listens. */
  start(i: number): Promise<ClusterHubReady>
  /** The end of what hub `i` logged (warnings and errors), for a failure message. */
  log(i: number): string
  /** Ends every hub and NATS server still running and removes every directory. */
  close(): Promise<void>
}

export interface ClusterRoomOptions {
  natsServers: 1 | 3
  hubs: number
  /** Copies of the room's stream. Default: one per NATS server. */
  replicas?: number
  /** Chats per second per member; 0 (default) turns the limit off. */
  rateLimit?: number
  roomName?: string
}

function launch(slot: HubSlot): Promise<ClusterHubReady> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, JSON.stringify(slot.spec)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    slot.child = child
    slot.exited = new Promise((done) => child.once('exit', () => done()))
    child.once('exit', () => {
      if (slot.child === child) slot.child = null
    })
    let stdout = ''
    let announced = false
    const timer = setTimeout(() => {
      if (announced) return
      child.kill('SIGKILL')
      reject(new Error(`hub on port ${slot.spec.port} did not start:\n${slot.stderr}`))
    }, HUB_START_TIMEOUT_MS)
    child.stderr?.on('data', (chunk: Buffer) => {
      slot.stderr = (slot.stderr + chunk.toString()).slice(-8000)
      // CHAOS_TRACE=<path prefix>: the hub's whole stderr (its warnings), for a failed chaos run.
      if (TRACE) appendFileSync(`${TRACE}-hub-${slot.spec.port}.log`, chunk)
    })
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const newline = stdout.indexOf('\n')
      if (announced || newline < 0) return
      announced = true
      clearTimeout(timer)
      resolve(JSON.parse(stdout.slice(0, newline)) as ClusterHubReady)
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      if (!announced) {
        reject(
          new Error(`hub on port ${slot.spec.port} exited (${code ?? signal}):\n${slot.stderr}`),
        )
      }
    })
  })
}

async function end(slot: HubSlot, signal: NodeJS.Signals): Promise<void> {
  const pid = slot.child?.pid
  if (pid === undefined) return
  process.kill(pid, signal)
  const timer =
    signal === 'SIGKILL'
      ? null
      : setTimeout(() => {
          if (slot.child?.pid === pid) process.kill(pid, 'SIGKILL')
        }, HUB_STOP_GRACE_MS)
  await slot.exited
  if (timer) clearTimeout(timer)
}

export async function startClusterRoom(options: ClusterRoomOptions): Promise<ClusterRoom> {
  const dir = tempDir('lanroom-cluster-room-')
  const nats = await startNatsCluster({ servers: options.natsServers }).catch((error: unknown) => {
    dir.remove()
    throw error
  })
  const slots: HubSlot[] = []
  const close = async (): Promise<void> => {
    await Promise.all(slots.map((slot) => end(slot, 'SIGKILL')))
    await nats.stop()
    dir.remove()
  }
  try {
    const tls = await createSelfSignedCredentials()
    const certFile = join(dir.path, 'room.pem')
    const keyFile = join(dir.path, 'room-key.pem')
    writeFileSync(certFile, tls.cert)
    writeFileSync(keyFile, tls.key, { mode: 0o600 })
    for (let i = 0; i < options.hubs; i++) {
      slots.push({
        spec: {
          roomName: options.roomName ?? 'Failover',
          dataDir: join(dir.path, `hub-${i}`),
          port: await freePort(),
          natsServers: nats.urls,
          replicas: options.replicas ?? options.natsServers,
          certFile,
          keyFile,
          rateLimit: options.rateLimit ?? 0,
        },
        child: null,
        exited: Promise.resolve(),
        stderr: '',
      })
    }
    // The first hub makes the stream; the others find it.
    const first = await launch(slots[0]!)
    await Promise.all(slots.slice(1).map(launch))
    const slot = (i: number): HubSlot => {
      const found = slots[i]
      if (!found) throw new Error(`no hub ${i}`)
      return found
    }
    return {
      nats,
      urls: slots.map((s) => `wss://127.0.0.1:${s.spec.port}/ws`),
      fingerprint: tls.fingerprint,
      first,
      running: (i) => slot(i).child !== null,
      kill: (i) => end(slot(i), 'SIGKILL'),
      stop: (i) => end(slot(i), 'SIGTERM'),
      start: async (i) => {
        await end(slot(i), 'SIGKILL')
        return launch(slot(i))
      },
      log: (i) => slot(i).stderr,
      streamLeader: async () => {
        const nc = await connect({ servers: nats.urls })
        try {
          const jsm = await jetstreamManager(nc)
          const info = await jsm.streams.info(roomStream(first.roomId))
          return nats.names.indexOf(info.cluster?.leader ?? '')
        } finally {
          await nc.close()
        }
      },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}
