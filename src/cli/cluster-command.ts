import { InvalidArgumentError, Option, type Command } from 'commander'
import { natsServers } from './nats-servers'
import { pathArg } from './arguments'

function timeoutSeconds(value: string): number {
  const n = Number(value)
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0 || n > 600) {
    throw new InvalidArgumentError('expected a number of seconds, more than 0 and at most 600')
  }
  return n
}

/** Adds `lanroom cluster …` to `program` (through `command`, so that it inherits the program's
 * error handling): looking at rooms served by several hubs through NATS JetStream. */
export function addClusterCommand(program: Command): Command {
  const cluster = program
    .command('cluster')
    .description('look at a room served by several hubs through NATS JetStream (docs/cluster.md)')
  cluster
    .command('status')
    .description('show the hubs of a clustered room, their members, stream lag and replicas')
    .argument('<room>', "the room's id or name, as the hubs were started with")
    .requiredOption(
      '--nats <url,...>',
      'the NATS servers (nats://HOST:PORT or tls://HOST:PORT, a bare HOST:PORT meaning nats://; up to 16, comma-separated)',
      natsServers,
    )
    .option(
      '--nats-creds <file>',
      'a NATS credentials file (.creds) for the account of the room',
      pathArg,
    )
    .addOption(
      new Option('--timeout <s>', 'how long to wait for NATS, in seconds')
        .default(5)
        .argParser(timeoutSeconds),
    )
    .option('--json', 'print the status as one JSON document (see the README for its shape)')
    .addHelpText(
      'after',
      '\nPrints the room (id, epoch, certificate), its stream (last seq, replicas, and each\n' +
        'replica: leader, current, behind or offline, with its lag), then each hub heard through\n' +
        'presence (address, members, the last seq it applied and its lag, its last heartbeat)\n' +
        'and its members, then a `Problem:` line for each thing wrong. Exit codes: 0 healthy;\n' +
        '1 NATS not reachable or not answering; 2 bad arguments; 3 no such room in the cluster;\n' +
        '4 a problem (no hub, no stream, a replica offline or behind, no stream leader, a hub with\n' +
        'members but no heartbeat).',
    )
    .action(
      async (
        room: string,
        options: { nats: string[]; natsCreds?: string; timeout: number; json?: boolean },
      ) => {
        process.exitCode = await (
          await import('./cluster-status')
        ).clusterStatus({
          room,
          servers: options.nats,
          ...(options.natsCreds !== undefined ? { credsFile: options.natsCreds } : {}),
          timeoutMs: options.timeout * 1000,
          json: Boolean(options.json),
        })
      },
    )
  return cluster
}
