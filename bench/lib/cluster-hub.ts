/**
 * Child entry of the cluster benchmark (bench/cluster.ts): one LAN Room hub in a process of its
 * own on 127.0.0.1, either alone or serving the room through NATS JetStream; plain ws, or TLS
 * with the pair kept in DIR (`--tls-dir DIR`, cluster-tls.ts). Prints `{"port":N,"pid":P}` once
 * it listens (see hub-child.ts for the control lines).
 *
 *   cluster-hub.ts <data-dir> <room-name> [<nats-url,nats-url,…> <replicas>] [--tls-dir DIR]
 *
 * The hub has the real limits: at most maxMembers members of its own, maxRoomMembers in the room.
 *
 * Hubs given the same room name and NATS servers serve the same room (its id is derived from
 * the name until the room identity is wired in); each scenario names a room of its own, so
 * that its hubs do not first read an earlier scenario's stream.
 */
import { hubTls } from './cluster-tls'
import { serveControl } from './hub-child'

const { args, tls } = await hubTls(process.argv.slice(2))
const [dataDir, roomName, natsArg, replicasArg] = args
if (!dataDir || !roomName) {
  process.stderr.write(
    'usage: cluster-hub.ts <data-dir> <room-name> [<nats-urls> <replicas>] [--tls-dir DIR]\n',
  )
  process.exit(2)
}

const { Hub } = await import('../../src/main/hub')
const hub = await Hub.start({
  tls,
  roomName,
  hostName: 'bench',
  dataDir,
  bind: '127.0.0.1',
  port: 0,
  // The benchmark measures fan-out through the cluster, not the per-member rate limit.
  rateLimit: 0,
  nats: natsArg ? { servers: natsArg.split(','), replicas: Number(replicasArg ?? 1) } : undefined,
})
serveControl(hub.port, () => hub.stop())
