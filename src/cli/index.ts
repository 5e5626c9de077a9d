// Loaded by src/cli/boot.ts once V8's young-generation flag is set (see there).
import { fileURLToPath } from 'node:url'
import { Argument, CommanderError, Option, type Command } from 'commander'
import { hostFlagsProblem, MAX_REPLICAS } from './host-flags'
import { COMMANDS_HELP } from './commands'
import type { RoomOptions } from './open-room'
import { addClusterCommand } from './cluster-command'
import { natsServers } from './nats-servers'
import { defaultDataDir, osUserName } from './paths'
import { oneLine } from './format'
import { leaveOnceFlushed, whenOutputCloses } from './output-closed'
import { roomTarget } from './room-target'
import { UsageCommand } from './usage-command'
import {
  collect,
  roomName,
  displayName,
  interfaceName,
  watchTarget,
  integer,
  seconds,
  MAX_EXTRA_SCAN_PORTS,
  scanPort,
  MIB,
  MAX_HISTORY_EVENTS,
  MAX_HISTORY_MB,
  MAX_FILES_MB,
  bindAddress,
  passphraseSetting,
  pathArg,
} from './arguments'
import { DEFAULT_PORT, LIMITS } from '../shared/protocol'
import type { Subnet } from '../main/discovery/scan'

/** The built guest app beside the built command (out/main/cli-app.js → out/guest). Here, in an
 * entry of the build: a module bundled into a shared chunk would resolve it from elsewhere. */
const GUEST_APP_DIR = fileURLToPath(new URL('../guest', import.meta.url))

/** `--data-dir` of the commands that check rooms' certificates against the pinned ones. */
function pinsDirectory(): Option {
  return new Option('--data-dir <dir>', 'where the certificates of rooms joined before are pinned')
    .default(defaultDataDir())
    .argParser(pathArg)
}

/** The flags of every command that joins a room (join, search). */
interface RoomFlags {
  name: string
  identity?: string
  passphrase?: string
  expectCode?: string
  trustNewCode?: string
  dataDir: string
  timeout: number
  clientId?: string
}

/** The passphrase of --passphrase or LANROOM_PASSPHRASE; an empty one said (exit code 2). */
function passphraseOf(given: string | undefined): { passphrase: string | undefined } | null {
  const setting = passphraseSetting(given, process.env['LANROOM_PASSPHRASE'])
  if (setting.ok) return { passphrase: setting.passphrase }
  process.stderr.write(`lanroom: ${setting.problem}\n`)
  process.exitCode = 2
  return null
}

/** The addresses a room argument takes (join, search, send, get, doctor). */
const ROOM_ADDRESSES = `host:port, wss://host:port/ws (ws:// for a --no-tls room), an IP address alone (port ${DEFAULT_PORT})`

/** Adds the room argument and the flags of joining a room to `command`. */
function withRoomOptions(command: Command): Command {
  return (
    command
      .addArgument(
        new Argument(
          '<room>',
          `a room code (like 004A-3P7V-C1TD-4TAQ), ${ROOM_ADDRESSES}, or a room name or id found nearby`,
        ).argParser(roomTarget),
      )
      .addOption(
        new Option('--name <name>', 'your display name')
          .default(osUserName())
          .argParser(displayName),
      )
      .option(
        '--identity <file>',
        'key file to be the same person in every run (created if missing; default: a new identity each run)',
        pathArg,
      )
      .option(
        '--passphrase <text>',
        "the room's passphrase (prefer LANROOM_PASSPHRASE: arguments are visible to other users of this computer)",
      )
      .option('--expect-code <code>', 'join only if the room shows this verification code')
      .option(
        '--trust-new-code <code>',
        'accept a room whose certificate changed, if its new verification code is this one (ask the host)',
      )
      .addOption(pinsDirectory())
      .addOption(
        new Option(
          '--timeout <s>',
          'how long to look for a room given by name or id (or by a room code whose address does not answer)',
        )
          .default(3)
          .argParser(seconds),
      )
      // Gone: an id is now derived from a key pair and proven to the room, so it cannot be chosen.
      .addOption(new Option('--client-id <id>').hideHelp())
  )
}

/**
 * What the room flags ask for, or null when they cannot be used (said, exit code 2): an empty
 * passphrase, or `--client-id`, which is gone (an id is derived from a key pair).
 */
function roomOptions(room: string, options: RoomFlags): RoomOptions | null {
  if (options.clientId !== undefined) {
    process.stderr.write(
      'lanroom: --client-id is no longer supported: your id is derived from a key pair and ' +
        'proven to the room; use --identity FILE to keep the same id between runs\n',
    )
    process.exitCode = 2
    return null
  }
  const secret = passphraseOf(options.passphrase)
  if (secret === null) return null
  return {
    target: room,
    name: options.name,
    dataDir: options.dataDir,
    discoveryTimeoutMs: options.timeout * 1000,
    ...(options.identity !== undefined ? { identityFile: options.identity } : {}),
    ...(secret.passphrase !== undefined ? { passphrase: secret.passphrase } : {}),
    ...(options.expectCode !== undefined ? { expectCode: options.expectCode } : {}),
    ...(options.trustNewCode !== undefined ? { trustNewCode: options.trustNewCode } : {}),
  }
}

export function buildProgram(): Command {
  const program = new UsageCommand('lanroom')
    .description('Host or join a LAN Room chat from the terminal, without the desktop app.')
    .version(__APP_VERSION__)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      // One line, whatever a value given on the command line held (control characters,
      // newlines): it is echoed in the error.
      outputError: (text, write) => {
        const said = oneLine(text.replace(/^error: /, ''))
        const hint =
          /^unknown command/.test(said) && !said.includes('--help') ? ' (run lanroom --help)' : ''
        write(`lanroom: ${said}${hint}\n`)
      },
    })

  program
    .command('host')
    .description('host a room and print its room code and the addresses others can join at')
    .addOption(
      new Option(
        '--name <room>',
        `room name (default: "NAME's room", NAME being --host-name); the same name in the same data directory is the same room`,
      ).argParser(roomName),
    )
    .addOption(
      new Option('--host-name <name>', 'your display name as host')
        .default(osUserName())
        .argParser(displayName),
    )
    .addOption(
      new Option(
        '--port <n>',
        `port to listen on (default ${DEFAULT_PORT}, or a free one when it is taken; a --port that is taken is an error; 0 picks a free one)`,
      ).argParser(integer(0, 65_535)),
    )
    .addOption(
      new Option(
        '--bind <addr>',
        'IP address to listen on (IPv4 or IPv6; 0.0.0.0: every IPv4 interface)',
      )
        .default('0.0.0.0')
        .argParser(bindAddress),
    )
    .option('--data-dir <dir>', 'where rooms and their history are kept', pathArg, defaultDataDir())
    .addOption(
      new Option(
        '--rate-limit <n>',
        'chats per second per member; 0 turns the limit off',
      ).argParser(integer(0, LIMITS.maxChatsPerSecond)),
    )
    .addOption(
      new Option(
        '--history-events <n>',
        `events (messages, reactions, edits, deletes) the history keeps; past it the oldest go (default ${LIMITS.historyBudgetEvents})`,
      ).argParser(integer(1, MAX_HISTORY_EVENTS)),
    )
    .addOption(
      new Option(
        '--history-mb <n>',
        `megabytes the history file may take; past it the oldest events go (default ${LIMITS.historyBudgetBytes / MIB})`,
      ).argParser(integer(1, MAX_HISTORY_MB)),
    )
    .addOption(
      new Option(
        '--max-file-mb <n>',
        `largest file a member may share, in megabytes (default ${LIMITS.maxFileBytes / MIB})`,
      ).argParser(integer(1, MAX_FILES_MB)),
    )
    .addOption(
      new Option(
        '--files-mb <n>',
        `megabytes the room's files may take; past it the oldest files expire (default ${LIMITS.filesBudgetBytes / MIB})`,
      ).argParser(integer(1, MAX_FILES_MB)),
    )
    .option('--no-files', 'the room takes no files (no uploads, no downloads)')
    .option('--no-advertise', 'do not announce the room on the local network (mDNS)')
    .option('--no-guests', 'browsers may not join (no guest page, no guest link)')
    .addOption(
      new Option(
        '--interface <name>',
        'announce the room on this network interface only (repeatable; default: every private one)',
      ).argParser(collect(interfaceName)),
    )
    .option(
      '--no-tls',
      'serve plain ws:// instead of TLS (not encrypted: for tests and benchmarks)',
    )
    .option(
      '--passphrase <text>',
      'only people who know it can join (prefer LANROOM_PASSPHRASE: arguments are visible to other users of this computer)',
    )
    .option(
      '--json',
      'print one JSON line {url, urls, roomId, port, tls, fingerprint, verificationCode, code, codes, passphrase, guestLink} once listening; logs go to stderr',
    )
    .option('--verbose', 'log every connection to stderr')
    .addOption(
      new Option(
        '--nats <url,...>',
        'serve the room together with other hubs through these NATS JetStream servers (needs --name; its files are kept in a JetStream object store)',
      ).argParser(natsServers),
    )
    .option('--nats-creds <file>', 'NATS credentials file (user JWT and seed) for --nats', pathArg)
    .option(
      '--cert <file>',
      "serve TLS with this certificate (PEM) instead of the data directory's; needs --key (with --nats: required, the same on every hub)",
      pathArg,
    )
    .option('--key <file>', 'the private key (PEM) of --cert', pathArg)
    .addOption(
      new Option(
        '--replicas <n>',
        'copies of the room in NATS, with --nats (default 3 on a cluster of three servers or more, else 1)',
      ).argParser(integer(1, MAX_REPLICAS)),
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 closed; 1 could not start (port, data directory, NATS unreachable), or the\n' +
        "disk refused the room's history (full) and the room stopped; 2 bad\n" +
        "arguments; 5 (with --nats) this hub's certificate or passphrase is not the room's in the\n" +
        'cluster: fix the configuration, restarting does not help; 130 a second Ctrl+C.',
    )
    .action(
      async (options: {
        name?: string
        hostName: string
        port?: number
        bind: string
        dataDir: string
        rateLimit?: number
        historyEvents?: number
        historyMb?: number
        maxFileMb?: number
        filesMb?: number
        files: boolean
        advertise: boolean
        guests: boolean
        interface?: string[]
        tls: boolean
        passphrase?: string
        json?: boolean
        verbose?: boolean
        nats?: string[]
        natsCreds?: string
        cert?: string
        key?: string
        replicas?: number
      }) => {
        const natsProblem = hostFlagsProblem(options)
        if (natsProblem) {
          process.stderr.write(`lanroom: ${natsProblem}\n`)
          process.exitCode = 2
          return
        }
        const secret = passphraseOf(options.passphrase)
        if (secret === null) return
        const { passphrase } = secret
        const { passphrase: _given, interface: interfaces, ...rest } = options
        void _given
        process.exitCode = await (
          await import('./host')
        ).host({
          ...rest,
          interfaces: interfaces ?? [],
          guestAppDir: GUEST_APP_DIR,
          ...(passphrase !== undefined ? { passphrase } : {}),
          json: Boolean(options.json),
          verbose: Boolean(options.verbose),
        })
      },
    )

  withRoomOptions(
    program
      .command('join')
      .description(
        'join a room and chat; with stdin not a terminal, send its lines and exit at its end',
      ),
  )
    .option(
      '--json',
      'print the room as JSON lines, one hub message each (welcome first); notices go to stderr',
    )
    .option(
      '--no-read-receipts',
      'on a terminal, do not tell the room how far you have read (piped, it never does)',
    )
    .addHelpText(
      'after',
      '\nOn a terminal, messages start with their number (#SEQ), and lines starting with / are\n' +
        `commands:\n${COMMANDS_HELP.map((line) => `  ${line}`).join('\n')}\n` +
        '@Name mentions a member present, @room everyone. Lines read from a pipe are never\n' +
        'commands (their mentions count).\n' +
        '\nExit codes: 0 everything sent was acknowledged (from a pipe: its every line, up to its\n' +
        'end, or until the output was closed: | head); 1 could not join (unreachable, passphrase needed or wrong, too many attempts;\n' +
        'nothing answers for a room code), or something was left behind: a message refused or\n' +
        'not acknowledged (it may or may not have reached the room), or the room closed before\n' +
        'the end of input (the rest not sent); 2 bad arguments (an address it cannot read, an\n' +
        "empty passphrase, a room code with a typo); 3 the room's certificate is not the trusted one\n" +
        '(changed, no longer encrypted, not the code you expected, or not the one a room code\n' +
        'names), or a room never joined is seen with more than one certificate (use --expect-code).\n' +
        'Your client id comes from a key pair (--identity FILE keeps it); it cannot be chosen.',
    )
    .action(
      async (room: string, options: RoomFlags & { json?: boolean; readReceipts: boolean }) => {
        const opened = roomOptions(room, options)
        if (opened === null) return
        process.exitCode = await (
          await import('./join')
        ).join({
          ...opened,
          json: Boolean(options.json),
          noReadReceipts: !options.readReceipts,
        })
      },
    )

  withRoomOptions(
    program
      .command('search')
      .description(
        "search a room's whole history for messages holding every word of TEXT, newest first",
      ),
  )
    .argument('<text...>', 'the words to find (any case), at most 200 characters in all')
    .addOption(
      new Option('--before <seq>', 'only messages older than message #SEQ (to continue)').argParser(
        integer(1, Number.MAX_SAFE_INTEGER),
      ),
    )
    .addOption(
      new Option(
        '--limit <n>',
        `at most this many matches (default ${LIMITS.maxSearchResults})`,
      ).argParser(integer(1, LIMITS.maxSearchResults)),
    )
    .option('--json', "print the hub's results message as one JSON line")
    .addHelpText(
      'after',
      '\nPrints each match as #SEQ [YYYY-MM-DD HH:MM] name: text around the match (on a terminal\n' +
        'the matched words in bold); when older matches may exist it says on stderr which\n' +
        '--before continues. It joins the room as `lanroom join` does (members see you come and\n' +
        'go) and leaves. Exit codes: 0 something matched; 1 nothing matched; 2 bad arguments;\n' +
        "3 the room's certificate is not the trusted one (as for join); 4 could not search\n" +
        '(could not join the room, or its host cannot search or did not answer).',
    )
    .action(
      async (
        room: string,
        words: string[],
        options: RoomFlags & { before?: number; limit?: number; json?: boolean },
      ) => {
        const opened = roomOptions(room, options)
        if (opened === null) return
        process.exitCode = await (
          await import('./search')
        ).search({
          ...opened,
          text: words.join(' '),
          ...(options.before !== undefined ? { before: options.before } : {}),
          ...(options.limit !== undefined ? { limit: options.limit } : {}),
          json: Boolean(options.json),
        })
      },
    )

  withRoomOptions(
    program
      .command('send')
      .description(
        'share files with a room: each is uploaded, verified by the host, and announced',
      ),
  )
    .argument('<files...>', 'the files to send, in order')
    .option('--caption <text>', 'a caption, said with the first file')
    .addHelpText(
      'after',
      '\nEach file is checked first (it exists, is readable, is a regular file); then, one at a\n' +
        'time, it is hashed (SHA-256), uploaded (resumed after a drop or a host restart) and shared.\n' +
        'On a terminal a progress line per file shows the hashing, then the percentage and speed\n' +
        'of the upload. Each file ends with a line: `sent NAME (SIZE) id=ID` on stdout, or\n' +
        '`lanroom: could not send NAME: REASON` on stderr. It joins the room as `lanroom join`\n' +
        'does (members see you come and go) and leaves. Exit codes: 0 every file was sent; 1 some\n' +
        'file was refused or failed (too large for the room, a room without files, an upload\n' +
        'refused); 2 bad arguments, or a file missing, unreadable or not a regular file (before\n' +
        "connecting); 3 the room's certificate is not the trusted one (as for join); 4 could not\n" +
        'join the room.',
    )
    .action(async (room: string, files: string[], options: RoomFlags & { caption?: string }) => {
      const opened = roomOptions(room, options)
      if (opened === null) return
      process.exitCode = await (
        await import('./send')
      ).send({
        ...opened,
        files,
        ...(options.caption !== undefined ? { caption: options.caption } : {}),
      })
    })

  withRoomOptions(
    program
      .command('get')
      .description('download a file shared in a room (its id as `lanroom join` prints it)'),
  )
    .argument(
      '<id>',
      'the file id, 32 hex digits (any case), as printed after id= by lanroom join or lanroom send',
    )
    .option('--out <dir>', 'the directory to save it in (default: the current one)', pathArg)
    .addHelpText(
      'after',
      '\nThe download resumes after a drop or a host restart and is verified against the SHA-256\n' +
        'the sender declared and the host checked; it is saved under a safe name (no path\n' +
        'separators, control characters or reserved names), with " (1)", " (2)"… before the\n' +
        'extension when the name is taken, and prints `saved PATH (SIZE, SHA-256 verified)`. On a\n' +
        'terminal a progress line shows the percentage and speed. Nothing is left behind when it\n' +
        'fails, and it says why in one line, `lanroom: could not get ID: REASON`. Exit codes:\n' +
        '0 saved; 1 no such file, expired or deleted, the room does not share files, the bytes\n' +
        'did not match, the file does not fit in --out, or the room refused it; 2 bad arguments\n' +
        '(not a file id: anything but 32 hex digits, refused before\n' +
        "connecting; --out not a writable directory); 3 the room's certificate is not the trusted\n" +
        'one (as for join); 4 could not join the room, or lost it during the download.',
    )
    .action(async (room: string, id: string, options: RoomFlags & { out?: string }) => {
      const opened = roomOptions(room, options)
      if (opened === null) return
      process.exitCode = await (
        await import('./get')
      ).get({
        ...opened,
        id,
        ...(options.out !== undefined ? { out: options.out } : {}),
      })
    })

  program
    .command('rooms')
    .description('list the rooms nearby (mDNS; --scan and --watch ask addresses directly)')
    .addOption(
      new Option('--timeout <s>', 'how long to look, in seconds').default(3).argParser(seconds),
    )
    .option(
      '--json',
      "one JSON line per room: the directory's fields, its verificationCode and trust",
    )
    .addOption(pinsDirectory())
    .addOption(
      new Option(
        '--interface <name>',
        'look on this network interface only (repeatable; default: every private one)',
      ).argParser(collect(interfaceName)),
    )
    .option(
      '--scan',
      "also ask every address of this computer's private subnets (at most a /22 each) for a room",
    )
    .addOption(
      new Option(
        '--scan-port <n>',
        `a port to scan besides the default ${DEFAULT_PORT} (repeatable, up to ${MAX_EXTRA_SCAN_PORTS})`,
      ).argParser(scanPort),
    )
    .addOption(
      new Option(
        '--watch <host|cidr>',
        'also ask this private host or subnet (at most a /22) for a room (repeatable)',
      ).argParser(collect(watchTarget)),
    )
    .action(
      async (options: {
        timeout: number
        json?: boolean
        dataDir: string
        interface?: string[]
        scan?: boolean
        scanPort?: number[]
        watch?: Subnet[]
      }) => {
        process.exitCode = await (
          await import('./rooms')
        ).rooms({
          timeoutMs: options.timeout * 1000,
          json: Boolean(options.json),
          dataDir: options.dataDir,
          interfaces: options.interface ?? [],
          scan: Boolean(options.scan),
          scanPorts: options.scanPort ?? [],
          watch: options.watch ?? [],
        })
      },
    )

  program
    .command('doctor')
    .description('check the network for what keeps rooms from being found or joined, with fixes')
    .addArgument(
      new Argument(
        '[room]',
        `a room code, ${ROOM_ADDRESSES}, or a room name or id found nearby`,
      ).argParser(roomTarget),
    )
    .option('--json', 'print the report as one JSON document (see the README for its shape)')
    .addOption(
      new Option('--timeout <s>', 'the whole run ends within this many seconds (plus 0.5)')
        .default(5)
        .argParser(seconds),
    )
    .option('--expect-code <code>', 'the verification code the room must show')
    .addOption(pinsDirectory())
    .addHelpText(
      'after',
      '\nChecks: network interfaces, multicast coming back, the mDNS port, the firewall, VPNs;\n' +
        'with ROOM, each step of reaching it (resolve, tcp, tls, http, certificate, websocket,\n' +
        'hello) up to the first that fails. Exit codes: 0 nothing failed (warnings allowed);\n' +
        '1 a check failed; 2 bad arguments.',
    )
    .action(
      async (
        room: string | undefined,
        options: { json?: boolean; timeout: number; expectCode?: string; dataDir: string },
      ) => {
        process.exitCode = await (
          await import('./doctor')
        ).doctor({
          ...(room !== undefined ? { target: room } : {}),
          json: Boolean(options.json),
          timeoutMs: options.timeout * 1000,
          ...(options.expectCode !== undefined ? { expectCode: options.expectCode } : {}),
          dataDir: options.dataDir,
        })
      },
    )

  addClusterCommand(program)
  return program
}

export async function main(argv: string[]): Promise<void> {
  // `lanroom ... | head -1`: what is printed after the reader went away is dropped, quietly
  // (join also ends then, as at the end of its input: join.ts).
  whenOutputCloses(process.stdout)
  whenOutputCloses(process.stderr)
  const program = buildProgram()
  try {
    await program.parseAsync(argv)
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are not errors; bad arguments are usage errors (exit 2).
      process.exitCode = error.exitCode === 0 ? 0 : 2
      return
    }
    process.stderr.write(`lanroom: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  }
}

await main(process.argv)
await leaveOnceFlushed()
