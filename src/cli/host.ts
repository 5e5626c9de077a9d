import { existsSync } from 'node:fs'
import { join } from 'node:path'
import pino from 'pino'
import { renderUnicodeCompact } from 'uqr'
import { Hub, HubError, passphraseProblem } from '../main/hub'
import { joinHosts, joinUrls } from '../main/hub/join-urls'
import { RoomAdvertiser } from '../main/discovery'
import type { TlsCredentials } from '../main/security/tls'
import { certificateNames } from '../main/security/tls-names'
import { CertificateRenewal, TlsStore } from '../main/security/tls-renewal'
import { verificationCode } from '../shared/security/verification-code'
import { roomCodeAt } from '../shared/protocol/room-code'
import { guestLink } from '../shared/protocol/guest-link'
import { IDENTITY_REFUSED_EXIT_CODE, isIdentityRefusal } from '../main/cluster/identity-errors'
import { counted, oneLine } from './format'
import { selectionOf, unusedInterfaceLines } from './interface-lines'
import { listInterfaces } from '../main/discovery/interfaces'
import { readTlsFiles } from './host-tls'
import { cannotMakeFilesIn, defaultRoomName, fileProblem } from './paths'
import { makeDirectory } from '../main/make-directory'

export interface HostOptions {
  name?: string
  hostName?: string
  port?: number
  bind: string
  dataDir: string
  rateLimit?: number
  /** `--history-events`: events the history keeps. */
  historyEvents?: number
  /** `--history-mb`: megabytes the history file may take. */
  historyMb?: number
  /** `--max-file-mb`: the largest file a member may share, in megabytes. */
  maxFileMb?: number
  /** `--files-mb`: megabytes the room's files may take. */
  filesMb?: number
  /** False: the room takes no files (`--no-files`). */
  files?: boolean
  advertise: boolean
  /** `--interface`: where the room is announced; empty: the default interfaces. */
  interfaces?: readonly string[]
  json: boolean
  verbose: boolean
  /** False: plain http/ws (`--no-tls`), for tests and benchmarks. */
  tls: boolean
  /** The room's passphrase (`--passphrase` or LANROOM_PASSPHRASE). */
  passphrase?: string
  /** False: browsers may not join (`--no-guests`). */
  guests: boolean
  /** The built guest app (out/guest), served when guests may join and it is there. */
  guestAppDir: string
  /** `--nats`: NATS servers to serve the room with other hubs through (issue #19). */
  nats?: readonly string[]
  /** `--nats-creds`: a NATS credentials file. */
  natsCreds?: string
  /** `--cert`, `--key`: the operator's certificate and key (PEM) instead of the data dir's. */
  cert?: string
  key?: string
  /** `--replicas`: copies of a clustered room's stream (1–5). */
  replicas?: number
}

/** What the text output says of the copies of a clustered room's stream. */
function replicasLine(replicas: number | null, given: number | undefined): string {
  const why =
    given === undefined
      ? 'the default: 3 on a NATS cluster of three servers or more, else 1'
      : given === replicas
        ? '--replicas'
        : `the stream was made with them; --replicas ${given} applies to a new room`
  return `Replicas: ${replicas ?? 1} (${why}).\n`
}

export async function host(options: HostOptions): Promise<number> {
  const logger = pino(
    { level: options.verbose || options.json ? 'info' : 'warn', base: { pid: process.pid } },
    pino.destination({ dest: 2, sync: true }),
  )
  const hostName = options.hostName
  if (options.passphrase !== undefined) {
    const problem = passphraseProblem(options.passphrase)
    if (problem) {
      process.stderr.write(`lanroom: the passphrase ${problem}\n`)
      return 2
    }
  }
  let tls: TlsCredentials | false = false
  const tlsStore = new TlsStore(join(options.dataDir, 'tls'))
  // The certificate names where the room can be joined (browsers and scanners look).
  const names = certificateNames(joinHosts(options.bind))
  // The operator's own pair is served as it is: never re-issued for new addresses.
  const ownPair = options.tls && options.cert !== undefined && options.key !== undefined
  if (ownPair) {
    const read = readTlsFiles(options.cert as string, options.key as string)
    if (!read.ok) {
      process.stderr.write(`lanroom: ${read.message}\n`)
      return 2
    }
    tls = read.tls
  }
  // Made here, once the arguments are known good, to say in words why a data directory cannot
  // be used (and not to loop where Node's recursive mkdir does: /proc, /sys). Only its owner
  // may read it: it holds the room's history and keys.
  let dataDirProblem: string | null
  try {
    makeDirectory(options.dataDir, 0o700)
    // One that exists may still take no files (read-only, /proc).
    dataDirProblem = await cannotMakeFilesIn(options.dataDir)
  } catch (error) {
    dataDirProblem = fileProblem(error)
  }
  if (dataDirProblem !== null) {
    process.stderr.write(
      `lanroom: cannot use the data directory ${options.dataDir} (${dataDirProblem})\n`,
    )
    return 1
  }
  if (options.tls && !ownPair) {
    try {
      tls = await tlsStore.credentials(names)
    } catch (error) {
      process.stderr.write(
        `lanroom: cannot read or create the TLS certificate in ${join(options.dataDir, 'tls')}: ${(error as Error).message}\n`,
      )
      return 1
    }
  } else if (!options.tls) {
    process.stderr.write(
      'lanroom: not encrypted (--no-tls): anyone on the network can read what is said in this room\n',
    )
  }
  // Without the build (a checkout where only part was built) there is no page to join from.
  const guestApp = options.guests && existsSync(join(options.guestAppDir, 'index.html'))
  if (options.guests && !guestApp) {
    process.stderr.write(
      `lanroom: no guest app in ${options.guestAppDir} (run \`npm run build\`): browsers cannot join\n`,
    )
  }
  // The hub stops by itself only when the disk refuses the room's history (HubOptions.onFailure).
  let failed: (error: Error) => void = () => {}
  const failure = new Promise<Error>((resolve) => (failed = resolve))
  let hub: Hub
  try {
    hub = await Hub.start({
      onFailure: (error) => failed(error),
      tls,
      guests: guestApp,
      guestApp: guestApp ? { dir: options.guestAppDir } : null,
      ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
      roomName: options.name ?? defaultRoomName(hostName ?? 'host'),
      hostName: hostName ?? 'host',
      dataDir: options.dataDir,
      bind: options.bind,
      logger,
      ...(options.nats
        ? {
            nats: {
              servers: options.nats,
              ...(options.natsCreds !== undefined ? { credsFile: options.natsCreds } : {}),
              ...(options.replicas !== undefined ? { replicas: options.replicas } : {}),
            },
          }
        : {}),
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
      ...(options.historyEvents !== undefined ? { historyEvents: options.historyEvents } : {}),
      ...(options.historyMb !== undefined ? { historyBytes: options.historyMb * 1024 * 1024 } : {}),
      files:
        options.files === false
          ? false
          : {
              ...(options.maxFileMb !== undefined
                ? { maxFileBytes: options.maxFileMb * 1024 * 1024 }
                : {}),
              ...(options.filesMb !== undefined
                ? { budgetBytes: options.filesMb * 1024 * 1024 }
                : {}),
            },
    })
  } catch (error) {
    if (error instanceof HubError) {
      process.stderr.write(`lanroom: ${error.message}\n`)
      // Another certificate or passphrase than the room's: restarting does not fix it.
      return isIdentityRefusal(error.code) ? IDENTITY_REFUSED_EXIT_CODE : 1
    }
    throw error
  }
  const recovery = hub.recovery
  if (recovery) {
    process.stderr.write(
      `lanroom: the history file was damaged (${recovery.reason}); cut there: kept ` +
        `${counted(recovery.keptRecords, 'event')}, dropped ${counted(recovery.droppedBytes, 'byte')}\n`,
    )
  }
  let advertiser: RoomAdvertiser | null = null
  if (options.advertise) {
    const named = options.interfaces ?? []
    for (const line of unusedInterfaceLines(listInterfaces(), named, 'used to announce the room'))
      process.stderr.write(`lanroom: ${line}\n`)
    advertiser = new RoomAdvertiser({
      roomId: hub.roomId,
      name: hub.roomName,
      hostName: hub.info().hostName,
      port: hub.port,
      passphrase: hub.passphrase,
      fingerprint: hub.fingerprint,
      selection: selectionOf(options.interfaces),
      logger,
    })
    advertiser.start()
  }
  // As the machine moves between networks, the certificate follows (same key: same code).
  const renewal =
    tls && !ownPair
      ? new CertificateRenewal({
          hosts: () => joinHosts(options.bind),
          names,
          credentials: (current) => tlsStore.credentials(current),
          apply: (credentials) => hub.setCertificate(credentials),
          logger,
        })
      : null
  renewal?.start()
  const urls = joinUrls(options.bind, hub.port, hub.scheme)
  const code = hub.fingerprint ? verificationCode(hub.fingerprint) : null
  // One room code per address (none for a plain room, nor for an IPv6 one); the first address
  // is the most useful, and so is its code.
  const roomCodes = urls.map((url) => roomCodeAt(new URL(url).hostname, hub.port, hub.fingerprint))
  const firstHost = joinHosts(options.bind)[0]
  const guests =
    hub.guests && hub.fingerprint && firstHost
      ? guestLink(`${firstHost}:${hub.port}`, hub.fingerprint)
      : null
  if (options.json) {
    process.stdout.write(
      JSON.stringify({
        url: urls[0],
        urls,
        roomId: hub.roomId,
        port: hub.port,
        tls: hub.fingerprint !== null,
        fingerprint: hub.fingerprint,
        verificationCode: code,
        code: roomCodes[0] ?? null,
        codes: roomCodes,
        passphrase: hub.passphrase,
        guestLink: guests,
      }) + '\n',
    )
  } else {
    process.stdout.write(
      `Hosting "${hub.roomName}" (room id ${hub.roomId}) on port ${hub.port}` +
        `${hub.passphrase ? ', with a passphrase' : ''}.\n` +
        `Verification code: ${code ?? 'none (not encrypted)'}\n` +
        `Room code: ${roomCodes[0] ?? (code ? 'none (no IPv4 address)' : 'none (not encrypted)')}\n` +
        `Others can join with \`lanroom join <room code or address>\` at:\n` +
        urls
          .map((url, i) => `  ${url}${roomCodes[i] ? `  room code ${roomCodes[i]}` : ''}\n`)
          .join('') +
        (guests ? `Guests: ${guests}\n` : '') +
        // A QR code only where someone can point a phone at it.
        (guests && process.stdout.isTTY ? renderUnicodeCompact(guests) + '\n' : '') +
        (hub.clusterStream
          ? `Served with other hubs through NATS (stream ${hub.clusterStream}).\n` +
            replicasLine(hub.clusterReplicas, options.replicas)
          : '') +
        `Press Ctrl+C to close the room.\n`,
    )
  }

  return new Promise<number>((resolve) => {
    let stopping = false
    let refused: Error | null = null
    const sayFailed = (error: Error): void => {
      refused = error
      process.stderr.write(
        `lanroom: the room stopped: its history could not be written in ${options.dataDir} (${oneLine(error.message)}); members keep what was not acknowledged\n`,
      )
    }
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        process.stderr.write('lanroom: stopping at once\n')
        resolve(130)
        return
      }
      stopping = true
      logger.info({ signal }, 'closing the room')
      // Goodbyes first, so the room leaves everyone's list at once.
      void Promise.all([renewal?.stop(), advertiser?.stop()])
        .then(() => hub.stop())
        .then(() => {
          // The last write of the stop itself may be the one the disk refuses.
          if (refused) return resolve(1)
          if (!options.json) process.stdout.write('Room closed.\n')
          resolve(0)
        })
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
    void failure.then((error) => {
      sayFailed(error)
      if (stopping) return
      stopping = true
      void Promise.all([renewal?.stop(), advertiser?.stop()]).then(() => resolve(1))
    })
  })
}
