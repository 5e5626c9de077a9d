/**
 * What the README promises of the commands' arguments and --help, checked against the built
 * command. Nothing here reaches a network: a usage error ends before anything is asked.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { assertBuilt, runCli } from '../support/cli'

beforeAll(assertBuilt)

/** `lanroom ARGS --help` on one line (the help wraps to the terminal's width). */
async function help(...args: string[]): Promise<string> {
  const shown = await runCli([...args, '--help'])
  expect(shown.code, shown.stderr).toBe(0)
  return shown.stdout.replace(/\s+/g, ' ')
}

describe('--help says what the README says', () => {
  it('host: the default --port and what happens when it is taken, the default --name', async () => {
    const host = await help('host')
    expect(host).toContain(
      '--port <n> port to listen on (default 47800, or a free one when it is taken; a --port that is taken is an error; 0 picks a free one)',
    )
    expect(host).toContain(
      `--name <room> room name (default: "NAME's room", NAME being --host-name)`,
    )
  })

  it('join, search, send, get and doctor: ws:// for a plain room, an IP alone meaning port 47800', async () => {
    for (const command of ['join', 'search', 'send', 'get', 'doctor']) {
      expect(await help(command), command).toContain(
        'host:port, wss://host:port/ws (ws:// for a --no-tls room), an IP address alone (port 47800)',
      )
    }
  })

  it('get: what a file id is, the failure line, and every reason for exit 1', async () => {
    const get = await help('get')
    expect(get).toContain('id the file id, 32 hex digits (any case)')
    expect(get).toContain('`lanroom: could not get ID: REASON`')
    expect(get).toContain(
      '1 no such file, expired or deleted, the room does not share files, the bytes did not match, the file does not fit in --out, or the room refused it;',
    )
    expect(get).toContain('2 bad arguments (not a file id: anything but 32 hex digits')
  })
})

describe('join --help, on what exit 0 and 1 mean', () => {
  it('says acknowledged, never delivered: the room may have what it did not acknowledge', async () => {
    const join = await help('join')
    expect(join).toContain('Exit codes: 0 everything sent was acknowledged')
    expect(join).toContain('not acknowledged (it may or may not have reached the room)')
    expect(join).toContain('the room closed before the end of input (the rest not sent)')
    expect(join).not.toContain('delivered')
  })
})

describe('lanroom rooms arguments', () => {
  it('takes up to 7 --scan-port and refuses an eighth with one line, exit 2', async () => {
    const ports = (count: number): string[] =>
      Array.from({ length: count }, (_, i) => ['--scan-port', String(1001 + i)]).flat()
    // A bad --timeout last, so that nothing runs (no mDNS here) even if the ports were taken:
    // the first bad flag is the one reported.
    const eight = await runCli(['rooms', ...ports(8), '--timeout', '0'])
    expect(eight.code).toBe(2)
    expect(eight.stdout).toBe('')
    expect(eight.stderr).toMatch(/^lanroom: [^\n]*at most 7 --scan-port may be given[^\n]*\n$/)
    const seven = await runCli(['rooms', ...ports(7), '--timeout', '0'])
    expect(seven.code).toBe(2)
    expect(seven.stderr).toMatch(/^lanroom: option '--timeout <s>' argument '0' is invalid/)
    // A port named twice, or 47800 (always scanned), does not count again.
    const repeated = [...ports(7), '--scan-port', '1001', '--scan-port', '47800']
    const same = await runCli(['rooms', ...repeated, '--timeout', '0'])
    expect(same.code).toBe(2)
    expect(same.stderr).toMatch(/^lanroom: option '--timeout <s>' argument '0' is invalid/)
  })
})

describe('usage errors are one line on stderr, exit 2', () => {
  it('no command, help for an unknown command, or a command group without its command', async () => {
    const cases: Array<[string[], string]> = [
      [
        [],
        'lanroom: no command given: one of host, join, search, send, get, rooms, doctor, cluster (run lanroom --help)\n',
      ],
      [['help', 'nosuch'], "lanroom: unknown command 'nosuch' (run lanroom --help)\n"],
      [['nosuch'], "lanroom: unknown command 'nosuch' (run lanroom --help)\n"],
      [
        ['cluster'],
        'lanroom: no command given to lanroom cluster: one of status (run lanroom cluster --help)\n',
      ],
    ]
    for (const [args, line] of cases) {
      const run = await runCli(args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stdout, args.join(' ')).toBe('')
      expect(run.stderr, args.join(' ')).toBe(line)
    }
    // Asked for, help is still help.
    for (const args of [['--help'], ['help'], ['help', 'join'], ['cluster', '--help']]) {
      const run = await runCli(args)
      expect(run.code, args.join(' ')).toBe(0)
      expect(run.stdout, args.join(' ')).toMatch(/^Usage: lanroom/)
    }
  })

  it('a room argument shaped like an address that cannot be one, for every command taking a room', async () => {
    const commands: Array<[string, string[]]> = [
      ['join', []],
      ['search', ['text']],
      ['send', ['README.md']],
      ['get', ['0123456789abcdef0123456789abcdef']],
      ['doctor', []],
    ]
    const targets: Array<[string, RegExp]> = [
      ['127.0.0.1:abc', /not a room address: the port "abc" is not a number from 1 to 65535\n$/],
      ['127.0.0.1:', /not a room address: no port after ':' \(a port is from 1 to 65535\)\n$/],
      ['', /no room given: a room code, host:port, or a room name or id\n$/],
      ['  ', /no room given/],
    ]
    for (const [command, rest] of commands) {
      for (const [target, said] of targets) {
        const started = Date.now()
        const run = await runCli([command, target, ...rest, '--timeout', '30'])
        const what = `${command} "${target}"`
        expect(run.code, `${what}: ${run.stderr}`).toBe(2)
        expect(run.stderr, what).toMatch(/^lanroom: [^\n]*\n$/)
        expect(run.stderr, what).toMatch(said)
        // Refused at once: never looked up by name for --timeout seconds.
        expect(Date.now() - started, what).toBeLessThan(15_000)
      }
    }
  })

  it('an empty path argument is refused (exit 2), never taken for the current directory or for none', async () => {
    const file = '0123456789abcdef0123456789abcdef'
    const cases: string[][] = [
      ['host', '--data-dir', ''],
      ['host', '--cert', '  ', '--key', 'key.pem'],
      ['host', '--cert', 'cert.pem', '--key', ''],
      ['join', '127.0.0.1:1', '--identity', ''],
      ['join', '127.0.0.1:1', '--data-dir', ''],
      ['get', '127.0.0.1:1', file, '--out', ''],
      ['cluster', 'status', 'room', '--nats', '127.0.0.1:1', '--nats-creds', ''],
    ]
    for (const args of cases) {
      const run = await runCli(args)
      const what = args.join(' ')
      expect(run.code, `${what}: ${run.stderr}`).toBe(2)
      expect(run.stderr, what).toMatch(
        /^lanroom: option '--[a-z-]+ <[a-z]+>' argument ' *' is invalid\. expected a path, not an empty one\n$/,
      )
    }
  })
})
