import { request } from 'node:https'
import { peerFingerprint } from '../../src/main/security/tls'
import { verificationCode } from '../../src/shared/security/verification-code'
import {
  decodeRoomCode,
  encodeRoomCode,
  fingerprintMatches,
} from '../../src/shared/protocol/room-code'
import { appendFileSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { networkInterfaces } from 'node:os'
import { listInterfaces } from '../../src/main/discovery/interfaces'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_CODES, type PageMessage } from '../../src/shared/protocol'
import { assertBuilt, runCli, runHostUntil, type HostProcess } from '../support/cli'
import { perTest } from '../support/scope'
import { cid, waitFor } from '../support/ws-client'

const scope = perTest()
const { client, defer, dir: dataDir } = scope
beforeAll(assertBuilt)

function host(args: string[], env: NodeJS.ProcessEnv = {}): Promise<HostProcess> {
  // These tests connect by address; advertising would show up in the discovery tests' lists.
  return scope.host([...args, '--no-advertise'], { env })
}

/** GET https://127.0.0.1:port/info, and the certificate the connection presented. */
function getInfo(port: number): Promise<{ info: unknown; presented: string | null }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/info', rejectUnauthorized: false, agent: false },
      (res) => {
        const presented = peerFingerprint(res.socket)
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () => resolve({ info: JSON.parse(body), presented }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('lanroom host', () => {
  it('prints exactly one JSON line once listening, and logs to stderr', async () => {
    const started = await host(['--port', '0', '--data-dir', dataDir(), '--name', 'JSON room'])
    const { info } = started
    expect(Object.keys(info).sort()).toEqual([
      'code',
      'codes',
      'fingerprint',
      'guestLink',
      'passphrase',
      'port',
      'roomId',
      'tls',
      'url',
      'urls',
      'verificationCode',
    ])
    expect(info.url).toBe(`wss://127.0.0.1:${info.port}/ws`)
    expect(info.urls).toEqual([info.url])
    expect(info).toMatchObject({ tls: true, passphrase: false })
    expect(info.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(info.verificationCode).toBe(verificationCode(info.fingerprint as string))
    // The room code of its one address (127.0.0.1: bound there), naming its certificate.
    const code = encodeRoomCode({
      address: '127.0.0.1',
      port: info.port,
      fingerprint: info.fingerprint as string,
    })
    expect(info.code).toBe(code)
    expect(info.codes).toEqual([code])
    const described = await getInfo(info.port)
    expect(described.info).toMatchObject({
      roomId: info.roomId,
      name: 'JSON room',
      tls: true,
      fingerprint: info.fingerprint,
    })
    // The certificate the connection presents is the one announced.
    expect(described.presented).toBe(info.fingerprint)
    await waitFor(() => started.stderr().includes('hosting'))
    started.child.kill('SIGTERM')
    const finished = await started.exited
    expect(finished.code, finished.stderr).toBe(0)
    expect(finished.stdout.trim().split('\n')).toHaveLength(1)
  })

  it('prints the addresses to join in plain words without --json', async () => {
    const dir = dataDir()
    const run = runHostUntil(
      [
        '--no-advertise',
        '--port',
        '0',
        '--bind',
        '127.0.0.1',
        '--data-dir',
        dir,
        '--name',
        'Plain',
      ],
      /Press Ctrl\+C/,
    )
    const finished = await run
    expect(finished.stdout).toMatch(/Hosting "Plain" \(room id [\w-]+\) on port \d+/)
    expect(finished.stdout).toMatch(/^Verification code: [0-9A-Z]{5}-[0-9A-Z]{5}$/m)
    expect(finished.stdout).toMatch(/wss:\/\/127\.0\.0\.1:\d+\/ws/)
    expect(finished.stderr).not.toContain('not encrypted')
    const code = /^Room code: ([0-9A-Z-]+)$/m.exec(finished.stdout)?.[1] as string
    const decoded = decodeRoomCode(code)
    expect(decoded).toMatchObject({ ok: true, address: '127.0.0.1' })
    // Each address to join at with its code.
    expect(finished.stdout).toMatch(
      new RegExp(`^  wss://127\\.0\\.0\\.1:\\d+/ws  room code ${code}$`, 'm'),
    )
    expect(finished.stdout).toContain('`lanroom join <room code or address>`')
    // The same data directory, the same certificate: the code printed is the JSON's.
    const again = await host(['--port', '0', '--data-dir', dir, '--name', 'Plain'])
    expect(finished.stdout).toContain(`Verification code: ${again.info.verificationCode}\n`)
    expect(decoded.ok && fingerprintMatches(decoded, again.info.fingerprint)).toBe(true)
  })

  it('says which --interface names it does not announce the room on, and opens it all the same', async () => {
    // The machine's loopback interface (lo, lo0, "Loopback Pseudo-Interface 1") and a missing
    // one: nothing is announced (no mDNS leaves this machine).
    const loopback = Object.entries(networkInterfaces()).find(([, list]) =>
      list?.some((a) => a.internal && a.family === 'IPv4'),
    )?.[0]
    if (!loopback) throw new Error('no loopback interface with IPv4 here')
    const interfaceNames = (): string =>
      listInterfaces()
        .map((i) => i.name)
        .join(', ')
    const run = runHostUntil(
      [
        ...['--interface', loopback, '--interface', 'nope0'],
        ...['--port', '0', '--bind', '127.0.0.1', '--data-dir', dataDir()],
      ],
      /Press Ctrl\+C/,
    )
    const finished = await run
    expect(finished.stdout).toMatch(/Hosting ".*" \(room id [\w-]+\) on port \d+/)
    const lines = finished.stderr.split('\n').filter((line) => line.startsWith('lanroom: '))
    expect(lines).toEqual([
      `lanroom: a loopback interface is not used to announce the room: ${loopback} (interfaces: ${interfaceNames()})`,
      `lanroom: not up with an IPv4 address: nope0 (interfaces: ${interfaceNames()})`,
    ])
  })

  it('keeps one certificate per data directory, serves plain ws only with --no-tls, and takes a passphrase', async () => {
    const dir = dataDir()
    const first = await host(['--port', '0', '--data-dir', dir, '--name', 'Same'])
    first.child.kill('SIGTERM')
    await first.exited
    const second = await host(['--port', '0', '--data-dir', dir, '--name', 'Same'])
    expect(second.info.fingerprint).toBe(first.info.fingerprint)
    expect(second.info.verificationCode).toBe(first.info.verificationCode)

    const plain = await host(['--port', '0', '--data-dir', dataDir(), '--no-tls'])
    expect(plain.info).toMatchObject({
      tls: false,
      fingerprint: null,
      verificationCode: null,
      // No certificate, no room code: it is joined by its ws:// address.
      code: null,
      codes: [null],
    })
    expect(plain.info.url).toBe(`ws://127.0.0.1:${plain.info.port}/ws`)
    expect(plain.stderr()).toContain(
      'lanroom: not encrypted (--no-tls): anyone on the network can read',
    )
    const human = await runHostUntil(
      ['--no-advertise', '--no-tls', '--port', '0', '--bind', '127.0.0.1', '--data-dir', dataDir()],
      /Press Ctrl\+C/,
    )
    expect(human.stdout).toContain('Verification code: none (not encrypted)')
    expect(human.stdout).toContain('Room code: none (not encrypted)\n')
    expect(human.stdout).not.toContain('  room code ')

    const locked = await host(['--port', '0', '--data-dir', dataDir(), '--passphrase', 'swordfish'])
    expect(locked.info.passphrase).toBe(true)
    expect((await getInfo(locked.info.port)).info).toMatchObject({ passphrase: true })
    const empty = await runCli([
      'host',
      '--no-advertise',
      '--passphrase',
      '   ',
      '--data-dir',
      dataDir(),
    ])
    expect(empty.code, empty.stderr).toBe(2)
    expect(empty.stderr).toBe('lanroom: the passphrase must not be empty\n')
  })

  it('takes the passphrase from LANROOM_PASSPHRASE, and says why that is better than --passphrase', async () => {
    const fromEnv = await host(['--port', '0', '--data-dir', dataDir()], {
      LANROOM_PASSPHRASE: 'open sesame',
    })
    expect(fromEnv.info).toMatchObject({ passphrase: true, tls: true })
    expect((await getInfo(fromEnv.info.port)).info).toMatchObject({ passphrase: true })
    // The passphrase is never printed.
    expect(fromEnv.stderr()).not.toContain('open sesame')
    // An invalid one from the environment: one line, exit 2.
    const tooLong = await runCli(
      ['host', '--no-advertise', '--port', '0', '--data-dir', dataDir()],
      '',
      undefined,
      { LANROOM_PASSPHRASE: 'x'.repeat(5_000) },
    )
    expect(tooLong.code, tooLong.stderr).toBe(2)
    expect(tooLong.stderr).toMatch(/^lanroom: the passphrase [^\n]+\n$/)
    // Set but empty it is no passphrase given by mistake, not an open room (as --passphrase '').
    for (const empty of ['', '  ']) {
      const open = await runCli(
        ['host', '--no-advertise', '--port', '0', '--data-dir', dataDir(), '--json'],
        '',
        undefined,
        { LANROOM_PASSPHRASE: empty },
      )
      expect(open.code, open.stderr).toBe(2)
      expect(open.stdout).toBe('')
      expect(open.stderr).toBe(
        'lanroom: LANROOM_PASSPHRASE is set but empty: set it to the passphrase, or unset it for none\n',
      )
    }
    const help = await runCli(['host', '--help'])
    expect(help.stdout).toContain('LANROOM_PASSPHRASE')
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      'arguments are visible to other users of this computer',
    )
    expect(help.stdout).toContain('--no-tls')
  })

  it('comes back after kill -9 with the same room id and every acknowledged message', async () => {
    const dir = dataDir()
    const first = await host([
      '--port',
      '0',
      '--data-dir',
      dir,
      '--name',
      'Durable',
      '--rate-limit',
      '0',
    ])
    const alice = client(first.info.url)
    await alice.join('alice', cid('alice'))
    for (let i = 0; i < 300; i++) alice.chat(`m${i}`, `message ${i}`)
    await waitFor(() => alice.all('chat').length === 300)
    // More in flight at the moment of the kill: whatever was acknowledged must survive.
    for (let i = 300; i < 400; i++) alice.chat(`m${i}`, `message ${i}`)
    await waitFor(() => alice.all('chat').length > 310)
    first.child.kill('SIGKILL')
    await first.exited
    const acknowledged = alice.all('chat').map((c) => c.id)

    const second = await host(['--port', '0', '--data-dir', dir, '--name', 'Durable'])
    expect(second.info.roomId).toBe(first.info.roomId)
    const bob = client(second.info.url)
    const welcome = await bob.join('bob', cid('bob'))
    const kept = new Set(welcome.history.map((c) => c.id))
    const missing = acknowledged.slice(-500).filter((id) => !kept.has(id))
    expect(missing).toEqual([])
    expect(welcome.lastSeq).toBeGreaterThanOrEqual(acknowledged.length)
  })

  it('refuses a second host of the room on its data directory, and not after kill -9 of the first', async () => {
    const dir = dataDir()
    const args = ['--port', '0', '--data-dir', dir, '--name', 'Only one']
    const first = await host(args)
    const second = await runCli(['host', '--no-advertise', ...args])
    expect(second.code, second.stderr).toBe(1)
    expect(second.stderr).toBe(
      'lanroom: the room "Only one" is already being hosted from this data directory ' +
        `(by process ${first.child.pid})\n`,
    )
    // Another room of the same data directory is not this one.
    await host(['--port', '0', '--data-dir', dir, '--name', 'Another'])
    first.child.kill('SIGKILL')
    await first.exited
    const third = await host(args)
    expect(third.info.roomId).toBe(first.info.roomId)
    expect(third.stderr()).toContain('taking over the room lock of a process that is gone')
  })

  it('says what a damaged history file cost when it starts, in words that agree with the counts', async () => {
    const dir = dataDir()
    const args = ['--port', '0', '--data-dir', dir, '--name', 'Damaged']
    const first = await host(args)
    const alice = client(first.info.url)
    await alice.join('alice', cid('alice'))
    alice.chat('m0', 'the only message')
    await alice.next('chat')
    first.child.kill('SIGTERM')
    await first.exited
    const log = readdirSync(dir, { recursive: true, encoding: 'utf8' }).find((path) =>
      path.endsWith('history.log'),
    )
    expect(log).toBeDefined()
    // One byte of a record that was never finished.
    appendFileSync(join(dir, log as string), '{')
    const second = await host(args)
    await waitFor(() => second.stderr().includes('history file was damaged'))
    expect(second.stderr()).toMatch(
      /^lanroom: the history file was damaged \([^)\n]+\); cut there: kept 1 event, dropped 1 byte$/m,
    )
  })

  it('keeps the history within --history-events, and says older messages were removed', async () => {
    const { info } = await host(['--port', '0', '--data-dir', dataDir(), '--history-events', '5'])
    const alice = client(info.url)
    await alice.join('alice', cid('alice'))
    for (let i = 0; i < 8; i++) alice.chat(`m${i}`, `message ${i}`)
    await waitFor(() => alice.all('chat').length === 8)
    // The history file is compacted in the background once it is past the budget: ask until a
    // page says the oldest were removed (a safety net of 10 s; it takes milliseconds).
    let page = null as PageMessage | null
    for (let attempt = 0; attempt < 50 && !page?.trimmed; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200))
      alice.sendJson({ type: 'history', id: `h${attempt}`, before: 100, limit: 50 })
      page = await alice.next('page')
    }
    expect(page).toMatchObject({ first: true, trimmed: true })
    // What is kept is the newest: a run of the last chats (the budget, plus those written while
    // the file was being compacted), never all eight.
    const ids = page?.chats.map((c) => c.id) ?? []
    expect(ids.length).toBeGreaterThanOrEqual(5)
    expect(ids.length).toBeLessThan(8)
    expect(ids).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'].slice(8 - ids.length))
    const help = await runCli(['host', '--help'])
    expect(help.stdout).toContain('--history-events <n>')
    expect(help.stdout).toContain('--history-mb <n>')
  })

  it('takes files by default, sized by --max-file-mb, and none with --no-files', async () => {
    const dir = dataDir()
    const sized = await host([
      '--port',
      '0',
      '--data-dir',
      dir,
      '--max-file-mb',
      '3',
      '--files-mb',
      '5',
    ])
    const welcome = await client(sized.info.url).join('alice', cid('alice'))
    expect(welcome.features).toContain('files')
    expect(welcome.files?.maxFileBytes).toBe(3 * 1024 * 1024)
    const off = await host(['--port', '0', '--data-dir', dataDir(), '--no-files'])
    const without = await client(off.info.url).join('bob', cid('bob'))
    expect(without.features).not.toContain('files')
    expect(without.files).toBeUndefined()
    const help = await runCli(['host', '--help'])
    for (const flag of ['--max-file-mb <n>', '--files-mb <n>', '--no-files']) {
      expect(help.stdout).toContain(flag)
    }
  })

  it('says which port is in use and suggests --port', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    defer(() => new Promise((resolve) => blocker.close(resolve)))
    const port = (blocker.address() as { port: number }).port
    const finished = await runCli([
      'host',
      '--no-advertise',
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--data-dir',
      dataDir(),
    ])
    expect(finished.code, finished.stderr).toBe(1)
    expect(finished.stderr.trim()).toBe(
      `lanroom: port ${port} is already in use; choose another with --port (0 picks a free one)`,
    )
  })

  it('says why a data directory cannot be used, at once, TLS or not', async () => {
    const file = join(dataDir(), 'a-file')
    writeFileSync(file, 'not a directory')
    const cases: Array<[string, string]> = [[join(file, 'below'), 'not a directory']]
    // Node's own recursive mkdir loops for ever under /proc (it hung here, at full speed); /proc
    // itself exists and takes no files (as root too, unlike a read-only directory).
    if (process.platform === 'linux') {
      cases.push(['/proc/lanroom-test-nope/data', 'files cannot be created there'])
      cases.push(['/proc', 'files cannot be created there'])
    }
    for (const [dir, reason] of cases) {
      for (const tls of [[], ['--no-tls']]) {
        const args = ['host', '--no-advertise', '--port', '0', ...tls, '--data-dir', dir]
        const finished = await runCli(args)
        expect(finished.code, finished.stderr).toBe(1)
        const lines = finished.stderr.trim().split('\n')
        expect(lines.at(-1), args.join(' ')).toBe(
          `lanroom: cannot use the data directory ${dir} (${reason})`,
        )
      }
    }
    // A new data directory is its owner's alone: it holds the room's history and keys.
    if (process.platform !== 'win32') {
      const fresh = join(dataDir(), 'new', 'data')
      const refused = await runCli(['host', '--no-tls', '--bind', 'nope', '--data-dir', fresh])
      expect(refused.code).toBe(2)
      expect(existsSync(fresh), 'made for arguments refused').toBe(false)
      await host(['--port', '0', '--data-dir', fresh])
      expect(statSync(fresh).mode & 0o777).toBe(0o700)
    }
  })

  it('rejects bad arguments with one line and exit code 2', async () => {
    for (const args of [
      ['host', '--port', 'abc'],
      ['host', '--port', '70000'],
      ['host', '--rate-limit', '-1'],
      ['host', '--history-events', '0'],
      ['host', '--history-mb', 'lots'],
      ['host', '--max-file-mb', '0'],
      ['host', '--files-mb', 'many'],
      ['host', '--bogus'],
      // Not an IP address: one line now, not a room that could not start (getaddrinfo, exit 1).
      ['host', '--bind', '999.1.1.1', '--port', '0', '--no-advertise', '--data-dir', dataDir()],
      ['host', '--bind', 'nosuchhost.invalid', '--port', '0', '--no-advertise'],
      ['nothing'],
      ['join'],
    ]) {
      const finished = await runCli(args)
      expect(finished.code, args.join(' ')).toBe(2)
      expect(finished.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1)
      expect(finished.stderr).toMatch(/^lanroom: /)
    }
  })

  it('says what --bind takes', async () => {
    const bad = await runCli(['host', '--bind', '999.1.1.1', '--port', '0', '--no-advertise'])
    expect(bad.stderr).toBe(
      "lanroom: option '--bind <addr>' argument '999.1.1.1' is invalid. expected an IP address " +
        'of this computer (like 192.168.1.20, or IPv6), or 0.0.0.0 for every IPv4 interface\n',
    )
    const help = await runCli(['host', '--help'])
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      '--bind <addr> IP address to listen on (IPv4 or IPv6; 0.0.0.0: every IPv4 interface) (default: "0.0.0.0")',
    )
  })

  it('rejects a bad room name clearly', async () => {
    const finished = await runCli([
      'host',
      '--name',
      'x'.repeat(100),
      '--port',
      '0',
      '--data-dir',
      dataDir(),
    ])
    expect(finished.code, finished.stderr).toBe(2)
    expect(finished.stderr).toMatch(/^lanroom: .*a room name must be at most 60 characters\n$/)
    // The hub's rule for names, before anything starts: a bad argument too (exit 2).
    for (const args of [
      ['host', '--host-name', 'y'.repeat(41)],
      ['host', '--name', 'tab\there'],
      ['join', '127.0.0.1:1', '--name', '   '],
      // Echoed on the one line, its control characters and newline left out.
      ['join', '127.0.0.1:1', '--name', 'two\nlines\u0007'],
      ['send', '127.0.0.1:1', 'hello', '--name', 'z'.repeat(41)],
    ]) {
      const refused = await runCli([...args, '--data-dir', dataDir()])
      expect(refused.code, args.join(' ')).toBe(2)
      expect(refused.stderr, args.join(' ')).toMatch(/^lanroom: .*a (room|display) name /)
      expect(refused.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1)
    }
  })

  it('names the room after a host name at the byte bound, clipped to fit', async () => {
    // 240 bytes: a valid host name, 7 bytes too long with "'s room".
    const started = await host([
      '--port',
      '0',
      '--data-dir',
      dataDir(),
      '--host-name',
      '👍🏽'.repeat(30),
    ])
    const { info } = await getInfo(started.info.port)
    expect(info).toMatchObject({ name: `${'👍🏽'.repeat(29)}'s room`, hostName: '👍🏽'.repeat(30) })
  })

  it('has --help for every command', async () => {
    for (const args of [['--help'], ['host', '--help'], ['join', '--help']]) {
      const finished = await runCli(args)
      expect(finished.code, finished.stderr).toBe(0)
      expect(finished.stdout).toContain('Usage: lanroom')
    }
  })

  it('closes gracefully on SIGINT: members get closing and 1001', async () => {
    const started = await host(['--port', '0', '--data-dir', dataDir()])
    const alice = client(started.info.url)
    await alice.join('alice', cid('alice'))
    started.child.kill('SIGINT')
    expect((await alice.next('closing')).reason).toBe('host_stopped')
    expect(await alice.closed).toBe(CLOSE_CODES.goingAway)
    expect((await started.exited).code).toBe(0)
  })
})
