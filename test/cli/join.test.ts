import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ChaosProxy } from '../support/chaos-proxy'
import { assertBuilt, runCli, type HostProcess, type JoinProcess } from '../support/cli'
import { clientStartLogin } from '../../src/main/security/passphrase'
import { LIMITS } from '../../src/shared/protocol'
import { freePort } from '../support/free-port'
import { perTest } from '../support/scope'
import { cid, waitFor } from '../support/ws-client'

const scope = perTest()
const { client: watcher, defer, dir } = scope
beforeAll(assertBuilt)

/** `lanroom host ARGS`, stopped after the test. */
function started(args: string[]): Promise<HostProcess> {
  return scope.host(args)
}

/** A room joined by address in these tests: an advertisement would only show up in the
 * discovery tests' lists. */
function host(args: string[] = []): Promise<HostProcess> {
  return started([
    '--port',
    '0',
    '--data-dir',
    dir(),
    '--name',
    'Join test',
    '--host-name',
    'Hosty',
    '--no-advertise',
    ...args,
  ])
}

/** A `lanroom join` that keeps its stdin open until the test ends it. */
function joinProcess(args: string[]): JoinProcess {
  return scope.join(args)
}

/** Passphrase guesses from this address until the hub turns one away (too_many_attempts). */
async function useUpGuesses(url: string): Promise<void> {
  for (let i = 0; i <= 2 * LIMITS.passphraseAttemptBurst; i++) {
    const guess = watcher(url)
    await guess.challenged()
    guess.sendJson(guess.helloFrame('G', cid(`g${i}`), { login: clientStartLogin('x').request }))
    const answered = (): boolean => guess.all('login').length + guess.all('error').length > 0
    await waitFor(() => answered() || guess.closeCode !== null, undefined, 'the login step')
    guess.ws.terminate()
    if (guess.all('error')[0]?.code === 'too_many_attempts') return
  }
  throw new Error('the hub never turned a guess away')
}

/** How long a `lanroom join` may take to join, drop or reconnect before the test gives up: a
 * safety net; typically well under a second, and a few seconds at most on a busy machine. */
const CLI_PATIENCE_MS = 30_000

function chatLines(out: string, name: string): string[] {
  return out.split('\n').flatMap((line) => {
    const match = new RegExp(`^\\[\\d\\d:\\d\\d\\] ${name}: (.*)$`).exec(line)
    return match ? [match[1] as string] : []
  })
}

describe('lanroom join', () => {
  it('sends stdin lines, prints the room as [HH:MM] name: text, and exits 0 once acknowledged', async () => {
    const { info } = await host()
    const alice = watcher(info.url)
    await alice.join('alice', cid('alice'))
    const finished = await runCli(
      ['join', `127.0.0.1:${info.port}`, '--name', 'bob'],
      'first\n\n  \nsecond\n',
    )
    // Before connecting by address, which room is there and its verification code.
    expect(finished.stderr).toBe(
      `Room "Join test" at 127.0.0.1:${info.port}, verification code ${info.verificationCode}\n`,
    )
    expect(finished.code, finished.stderr).toBe(0)
    const lines = finished.stdout.trim().split('\n')
    expect(lines[0]).toBe('* Joined "Join test", hosted by Hosty. Here: alice.')
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^\[\d\d:\d\d\] bob: first$/),
      expect.stringMatching(/^\[\d\d:\d\d\] bob: second$/),
    ])
    await waitFor(() => alice.all('chat').length === 2)
    expect(alice.all('chat').map((c) => c.text)).toEqual(['first', 'second'])
    expect(alice.all('joined')[0]?.member.name).toBe('bob')
    await waitFor(() => alice.all('left').length === 1)
    expect(alice.all('left')[0]).toMatchObject({ name: 'bob', reason: 'left' })
  })

  it('accepts a ws:// URL, shows history, and joins and leaves of others', async () => {
    const { info } = await host()
    await runCli(['join', info.url, '--name', 'early'], 'before you came\n')
    const late = joinProcess([info.url, '--name', 'late'])
    await waitFor(() => late.out().includes('early: before you came'), CLI_PATIENCE_MS, 'history')
    const carol = watcher(info.url)
    await carol.join('carol', cid('carol'))
    await waitFor(() => late.out().includes('* carol joined'), CLI_PATIENCE_MS, 'the join')
    carol.chat('c1', 'multi\nline')
    await waitFor(() => late.out().includes('carol: multi\n'), CLI_PATIENCE_MS, 'the chat')
    expect(late.out()).toMatch(/carol: multi\n {6,}line\n/)
    await carol.close()
    await waitFor(() => late.out().includes('* carol left'), CLI_PATIENCE_MS, 'the leave')
    late.child.stdin.end()
    expect(await late.exited).toBe(0)
  })

  it('delivers everything even beyond the room rate limit, in order', async () => {
    const { info } = await host(['--rate-limit', '20'])
    const alice = watcher(info.url)
    await alice.join('alice', cid('alice'))
    const lines = Array.from({ length: 60 }, (_, i) => `line ${i}`)
    const finished = await runCli(['join', info.url, '--name', 'paste'], lines.join('\n') + '\n')
    expect(finished.code, finished.stderr).toBe(0)
    await waitFor(() => alice.all('chat').length === 60)
    expect(alice.all('chat').map((c) => c.text)).toEqual(lines)
  })

  it('splits a line longer than the room allows instead of losing it', async () => {
    const { info } = await host()
    const alice = watcher(info.url)
    await alice.join('alice', cid('alice'))
    const long = 'a'.repeat(4000) + 'b'.repeat(1000)
    const finished = await runCli(['join', info.url, '--name', 'long'], long + '\n')
    expect(finished.code, finished.stderr).toBe(0)
    await waitFor(() => alice.all('chat').length === 2)
    expect(
      alice
        .all('chat')
        .map((c) => c.text)
        .join(''),
    ).toBe(long)
  })

  it('exits non-zero with one line when it cannot connect or its name is refused', async () => {
    const unreachable = await runCli(['join', '127.0.0.1:1', '--name', 'x'])
    expect(unreachable.code, unreachable.stderr).toBe(1)
    expect(unreachable.stderr).toBe('lanroom: No LAN Room answers at 127.0.0.1:1 (ECONNREFUSED).\n')
    // A name the room would refuse is a bad argument, before anything is asked of the room.
    const { info } = await host()
    const refused = await runCli(['join', info.url, '--name', 'bell\u0007'])
    expect(refused.code, refused.stderr).toBe(2)
    expect(refused.stderr).toMatch(
      /^lanroom: option '--name <name>' argument '.*' is invalid\. a display name must not contain control characters\n$/,
    )
    // (A room name would be looked up over mDNS, which tests do only in a private namespace.)
    const notAddress = await runCli(['join', 'host:99999', '--name', 'x'])
    expect(notAddress.code, notAddress.stderr).toBe(2)
    expect(notAddress.stderr).toMatch(/^lanroom: [^\n]*not a room address[^\n]*\n$/)
  })

  it('sees the host close the room before the end of its input, and exits 1 saying the rest was not sent', async () => {
    const hosting = await host()
    const feeder = joinProcess([hosting.info.url, '--name', 'feeder'])
    await waitFor(() => feeder.out().includes('* Joined'), CLI_PATIENCE_MS, 'joined')
    feeder.child.stdin.write('later 1\n')
    await waitFor(() => chatLines(feeder.out(), 'feeder').includes('later 1'), CLI_PATIENCE_MS)
    hosting.child.kill('SIGTERM')
    // Its stdin is still open: whatever the feeder writes next can never be sent.
    expect(await feeder.exited).toBe(1)
    expect(feeder.out()).toContain('* The host closed the room.\n')
    expect(feeder.err()).toMatch(
      /\nlanroom: the host closed the room before the end of input; the rest of the input was not sent\n$/,
    )
  })

  it('leaves quietly once acknowledged when its output is closed (| head -1), as at the end of input', async () => {
    const { info } = await host()
    const alice = watcher(info.url)
    await alice.join('alice', cid('alice'))
    const early = joinProcess([info.url, '--name', 'early'])
    await waitFor(() => early.out().includes('* Joined'), CLI_PATIENCE_MS, 'joined')
    // The reader goes away, as head does after its line: the next write fails with EPIPE.
    early.child.stdout.destroy()
    early.child.stdin.write('after the reader left\n')
    expect(await early.exited).toBe(0)
    expect(early.err()).not.toMatch(/EPIPE|Error/)
    expect(early.err()).toMatch(/^Room "Join test" at [^\n]+\n$/)
    await waitFor(() => alice.all('left').length === 1, CLI_PATIENCE_MS, 'the leave')
    expect(alice.all('chat').map((c) => c.text)).toEqual(['after the reader left'])
  })

  it("prints all of its output into a pipe read slowly before it exits (past the pipe's 64 KiB)", async () => {
    const { info } = await host(['--rate-limit', '0'])
    const alice = watcher(info.url)
    await alice.join('alice', cid('alice'))
    const texts = Array.from({ length: 100 }, (_, i) => `${i} ${'x'.repeat(3990)}`)
    texts.forEach((text, i) => alice.chat(`c${i}`, text))
    await waitFor(() => alice.all('chat').length === texts.length, CLI_PATIENCE_MS, 'the chats')
    // The reader takes nothing for a while, as `| (sleep 2; jq ...)` would: the pipe fills and
    // the rest of the welcome (400 KB of history; a child's stdout here is a socket pair, which
    // holds about 200 KB) waits in the process, which has nothing more to do (its input is
    // empty) and used to exit then, dropping it.
    const finished = await runCli(['join', info.url, '--json'], '', undefined, {}, (child) => {
      // After runCli's own 'data' listener, which would resume it.
      process.nextTick(() => child.stdout?.pause())
      setTimeout(() => child.stdout?.resume(), 2000)
    })
    expect(finished.code, finished.stderr).toBe(0)
    const welcome = finished.stdout
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as { type: string; history?: Array<{ text: string }> })
      .find((event) => event.type === 'welcome')
    expect(welcome?.history?.map((chat) => chat.text)).toEqual(texts)
  })

  it('says when the connection drops, reconnects by itself and delivers what was typed meanwhile', async () => {
    const { info } = await host()
    const proxy = await ChaosProxy.start(info.port)
    defer(() => proxy.close())
    const alice = watcher(info.url)
    await alice.join('alice', cid('alice'))
    const bob = joinProcess([proxy.url, '--name', 'bob'])
    await waitFor(() => bob.out().includes('* Joined'), CLI_PATIENCE_MS, 'joined')
    bob.child.stdin.write('one\n')
    await waitFor(() => chatLines(bob.out(), 'bob').includes('one'), CLI_PATIENCE_MS, 'one')
    proxy.setRefusing(true)
    proxy.cutAll()
    await waitFor(
      () => /\* Connection lost; reconnecting in \d+\.\d s \(attempt 1\)…\n/.test(bob.out()),
      CLI_PATIENCE_MS,
      'the drop',
    )
    bob.child.stdin.write('two\nthree\n')
    alice.chat('a1', 'meanwhile')
    await alice.next('chat')
    await alice.next('chat')
    proxy.setRefusing(false)
    await waitFor(() => bob.out().includes('* Reconnected.\n'), CLI_PATIENCE_MS, 'reconnected')
    bob.child.stdin.end()
    expect(await bob.exited).toBe(0)
    expect(bob.err()).toMatch(
      /^Room "Join test" at 127\.0\.0\.1:\d+, verification code [0-9A-Z-]+\n$/,
    )
    expect(chatLines(bob.out(), 'bob')).toEqual(['one', 'two', 'three'])
    expect(chatLines(bob.out(), 'alice')).toEqual(['meanwhile'])
    await waitFor(() => alice.all('chat').length === 4, CLI_PATIENCE_MS, 'all four')
    expect(alice.all('chat').map((c) => c.text)).toEqual(['one', 'meanwhile', 'two', 'three'])
  })

  it('rides out its host being killed (SIGKILL) and restarted, and resumes without repeats', async () => {
    const port = await freePort()
    const args = ['--port', String(port), '--data-dir', dir(), '--name', 'Crashy', '--no-advertise']
    const start = (): Promise<HostProcess> => started(args)
    let hosting = await start()
    const bob = joinProcess([`127.0.0.1:${port}`, '--name', 'bob'])
    await waitFor(() => bob.out().includes('* Joined'), CLI_PATIENCE_MS, 'joined')
    bob.child.stdin.write('before\n')
    await waitFor(() => chatLines(bob.out(), 'bob').includes('before'), CLI_PATIENCE_MS, 'before')
    hosting.child.kill('SIGKILL')
    await hosting.exited
    await waitFor(() => bob.out().includes('* Connection lost'), CLI_PATIENCE_MS, 'the drop')
    bob.child.stdin.write('during\n')
    hosting = await start()
    await waitFor(() => bob.out().includes('* Reconnected.\n'), CLI_PATIENCE_MS, 'reconnected')
    bob.child.stdin.end()
    expect(await bob.exited).toBe(0)
    expect(chatLines(bob.out(), 'bob')).toEqual(['before', 'during'])
    const late = watcher(hosting.info.url)
    const welcome = await late.join('late', cid('late'))
    expect(welcome.history.map((c) => c.text)).toEqual(['before', 'during'])
  })
})

describe('lanroom join: passphrases and certificates', () => {
  it('needs the passphrase, says "wrong passphrase", and joins with the right one', async () => {
    const { info } = await host(['--passphrase', 'tiger lily'])
    const address = `127.0.0.1:${info.port}`
    const none = await runCli(['join', address, '--name', 'x'], 'hello\n')
    expect(none.code, none.stderr).toBe(1)
    expect(none.stderr).toContain(
      'lanroom: this room needs a passphrase (--passphrase or LANROOM_PASSPHRASE)\n',
    )
    const wrong = await runCli(['join', address, '--name', 'x', '--passphrase', 'tiger lilly'])
    expect(wrong.code, wrong.stderr).toBe(1)
    expect(wrong.stderr).toContain('lanroom: wrong passphrase\n')
    const right = await runCli(
      ['join', address, '--name', 'ok', '--passphrase', 'tiger lily'],
      'in at last\n',
    )
    expect(right.code, right.stderr).toBe(0)
    expect(right.stdout).toMatch(/\] ok: in at last$/m)
  })

  it('--expect-code refuses a room that shows another code, and joins one that shows it', async () => {
    const { info } = await host()
    const address = `127.0.0.1:${info.port}`
    const other = await runCli(['join', address, '--name', 'x', '--expect-code', '00000-00000'])
    expect(other.code, other.stderr).toBe(3)
    expect(other.stderr).toContain(`is ${info.verificationCode}, not 00000-00000`)
    const same = await runCli(
      [
        'join',
        address,
        '--name',
        'y',
        '--expect-code',
        (info.verificationCode as string).toLowerCase(),
      ],
      'checked\n',
    )
    expect(same.code, same.stderr).toBe(0)
  })

  it('pins a room on first use and refuses it when its certificate changes, until the new code is trusted', async () => {
    const dataDir = dir()
    const port = await freePort()
    const args = [
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--name',
      'Pinned',
      '--no-advertise',
    ]
    const first = await started(args)
    const address = `127.0.0.1:${port}`
    expect((await runCli(['join', address, '--name', 'p'], 'first\n')).code).toBe(0)
    first.child.kill('SIGTERM')
    await first.exited

    // The host's certificate is replaced (a reinstall — or someone else at that address).
    rmSync(join(dataDir, 'tls'), { recursive: true, force: true })
    const second = await started(args)
    expect(second.info.roomId).toBe(first.info.roomId)
    expect(second.info.fingerprint).not.toBe(first.info.fingerprint)
    const refused = await runCli(['join', address, '--name', 'p'], 'should not arrive\n')
    expect(refused.code, refused.stderr).toBe(3)
    expect(refused.stderr).toContain(
      `its verification code was ${first.info.verificationCode} and is now ${second.info.verificationCode}`,
    )
    expect(refused.stderr).toContain(`--trust-new-code ${second.info.verificationCode}`)
    const wrongCode = await runCli([
      'join',
      address,
      '--name',
      'p',
      '--trust-new-code',
      '00000-00000',
    ])
    expect(wrongCode.code, wrongCode.stderr).toBe(3)
    const trusted = await runCli(
      ['join', address, '--name', 'p', '--trust-new-code', second.info.verificationCode as string],
      'trusted\n',
    )
    expect(trusted.code, trusted.stderr).toBe(0)
    // The new certificate is the pinned one now.
    expect((await runCli(['join', address, '--name', 'p'], 'again\n')).code).toBe(0)
  })
  it('warns when it cannot save the pin or the identity key, and joins all the same', async () => {
    const { info } = await host()
    // A data directory that is a regular file: nothing can be saved in it (as root too, which
    // a read-only directory would not stop).
    const notDir = join(dir(), 'a-file')
    writeFileSync(notDir, 'not a directory')
    const unpinned = await runCli(['join', info.url, '--data-dir', notDir], 'hello\n')
    expect(unpinned.code, unpinned.stderr).toBe(0)
    expect(unpinned.stderr).toContain(
      `\nlanroom: could not save the room's certificate in ${join(notDir, 'pins.json')} ` +
        '(not a directory): the next join cannot tell if it changed\n',
    )
    const pinned = await runCli(['join', info.url, '--data-dir', dir()], 'hello\n')
    expect(pinned.code, pinned.stderr).toBe(0)
    expect(pinned.stderr).not.toContain('could not save')
    // An identity key that cannot be kept would be someone new each run: refused, never silent.
    const keyless = await runCli(['join', info.url, '--identity', join(notDir, 'me.pem')])
    expect(keyless.code).toBe(2)
    expect(keyless.stderr).toContain(
      `lanroom: cannot use the identity file ${join(notDir, 'me.pem')} (not a directory)\n`,
    )
    // A file that is no key (or empty): said in words, a bad argument for every command.
    const garbage = join(dir(), 'garbage.pem')
    writeFileSync(garbage, 'garbage\n')
    for (const command of [
      ['join'],
      ['search', 'text'],
      ['send', garbage],
      ['get', 'a'.repeat(32)],
    ]) {
      const [name, ...rest] = command as [string, ...string[]]
      const notKey = await runCli([name, info.url, ...rest, '--identity', garbage])
      expect(notKey.code, name).toBe(2)
      expect(notKey.stderr, name).toContain(
        `lanroom: cannot use the identity file: ${garbage} is not a private key (PEM)\n`,
      )
    }
  })

  it('says so when the pinned certificates were damaged and set aside, and joins', async () => {
    const { info } = await host()
    const data = dir()
    const pins = join(data, 'pins.json')
    writeFileSync(pins, '{garbage')
    const run = await runCli(['join', info.url, '--data-dir', data], 'hello\n')
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toContain(
      `lanroom: ${pins} was damaged and is kept as ${pins}.bad: the certificates of rooms ` +
        'joined before are no longer pinned, and each is trusted again on its next join\n',
    )
    // Said once: the next run finds the new, good file.
    const again = await runCli(['join', info.url, '--data-dir', data], 'hello\n')
    expect(again.stderr).not.toContain('damaged')
  })

  it('shows the room and its code on stderr before connecting by address', async () => {
    const { info } = await host()
    const joined = await runCli(['join', `127.0.0.1:${info.port}`, '--name', 'looker'], 'hi\n')
    expect(joined.code, joined.stderr).toBe(0)
    expect(joined.stderr).toBe(
      `Room "Join test" at 127.0.0.1:${info.port}, verification code ${info.verificationCode}\n`,
    )
  })

  it('joins a --no-tls room at host:port and at a ws:// URL, saying it is not encrypted; refuses it at wss://', async () => {
    const { info } = await host(['--no-tls'])
    expect(info.url).toBe(`ws://127.0.0.1:${info.port}/ws`)
    const address = `127.0.0.1:${info.port}`
    // host:port: https first, then http.
    const byAddress = await runCli(['join', address, '--name', 'plainA'], 'over http\n')
    expect(byAddress.code, byAddress.stderr).toBe(0)
    expect(byAddress.stderr).toBe(`Room "Join test" at ${address}, not encrypted\n`)
    const byUrl = await runCli(['join', info.url, '--name', 'plainB'], 'over ws\n')
    expect(byUrl.code, byUrl.stderr).toBe(0)
    expect(byUrl.stdout).toMatch(/plainB: over ws$/m)
    // Asked for TLS: never quietly plain.
    const tls = await runCli(['join', `wss://${address}/ws`, '--name', 'picky'], 'no\n')
    expect(tls.code, tls.stderr).toBe(3)
    expect(tls.stderr).toBe(
      `lanroom: "Join test" at ${address} is not encrypted, and you asked for wss://. ` +
        `If its host started it with --no-tls on purpose, join ws://${address}/ws instead.\n`,
    )
  })

  it('refuses a room joined over TLS that comes back without encryption (exit 3), and sends it nothing', async () => {
    const port = await freePort()
    const args = ['--port', String(port), '--data-dir', dir(), '--name', 'Was safe']
    const first = await started([...args, '--no-advertise'])
    const address = `127.0.0.1:${port}`
    expect((await runCli(['join', address, '--name', 'p'], 'first\n')).code).toBe(0)
    first.child.kill('SIGTERM')
    await first.exited
    const plain = await started([...args, '--no-advertise', '--no-tls'])
    expect(plain.info.roomId).toBe(first.info.roomId)
    const refused = await runCli(['join', address, '--name', 'p'], 'should not arrive\n')
    expect(refused.code, refused.stderr).toBe(3)
    expect(refused.stderr).toContain(
      `lanroom: "Was safe" used to be encrypted (verification code ${first.info.verificationCode}), and this connection is not.`,
    )
    expect(refused.stderr).not.toContain('--trust-new-code')
    const witness = watcher(plain.info.url)
    const welcome = await witness.join('witness', cid('witness'))
    expect(welcome.history.map((c) => c.text)).toEqual(['first'])
  })

  it('is someone new each run, and the same person with --identity FILE; --client-id is gone', async () => {
    const { info } = await host()
    const carol = watcher(info.url)
    await carol.join('carol', cid('carol'))
    const file = join(dir(), 'me.pem')
    for (const text of ['kept 1', 'kept 2']) {
      const run = await runCli(
        ['join', info.url, '--name', 'kept', '--identity', file],
        `${text}\n`,
      )
      expect(run.code, run.stderr).toBe(0)
    }
    for (const text of ['fresh 1', 'fresh 2']) {
      expect((await runCli(['join', info.url, '--name', 'fresh'], `${text}\n`)).code).toBe(0)
    }
    await waitFor(() => carol.all('chat').length === 4, CLI_PATIENCE_MS, 'the four lines')
    const from = new Map(carol.all('chat').map((c) => [c.text, c.from]))
    expect(from.get('kept 1')).toBe(from.get('kept 2'))
    expect(from.get('fresh 1')).not.toBe(from.get('fresh 2'))
    expect(from.get('fresh 1')).not.toBe(from.get('kept 1'))

    const old = await runCli(['join', info.url, '--name', 'x', '--client-id', 'me-myself'])
    expect(old.code, old.stderr).toBe(2)
    expect(old.stderr).toBe(
      'lanroom: --client-id is no longer supported: your id is derived from a key pair and proven to the room; use --identity FILE to keep the same id between runs\n',
    )
    const help = await runCli(['join', '--help'])
    expect(help.stdout).not.toContain('--client-id')
    expect(help.stdout).toContain('--identity <file>')
    expect(help.stdout).toContain('Exit codes:')
  })

  it('takes the passphrase from LANROOM_PASSPHRASE, and says how long to wait after too many wrong ones', async () => {
    const { info } = await host(['--passphrase', 'correct horse'])
    const address = `127.0.0.1:${info.port}`
    const viaEnv = await runCli(['join', address, '--name', 'env'], 'by env\n', undefined, {
      LANROOM_PASSPHRASE: 'correct horse',
    })
    expect(viaEnv.code, viaEnv.stderr).toBe(0)
    expect(viaEnv.stdout).toMatch(/env: by env$/m)
    // Set but empty, as for lanroom host: a usage error before anything is asked of the room.
    const empty = await runCli(['join', address, '--name', 'e'], 'no\n', undefined, {
      LANROOM_PASSPHRASE: '',
    })
    expect(empty.code, empty.stderr).toBe(2)
    expect(empty.stderr).toBe(
      'lanroom: LANROOM_PASSPHRASE is set but empty: set it to the passphrase, or unset it for none\n',
    )
    const emptyFlag = await runCli(['join', address, '--name', 'e', '--passphrase', ''], 'no\n')
    expect(emptyFlag.code, emptyFlag.stderr).toBe(2)
    expect(emptyFlag.stderr).toBe('lanroom: the passphrase must not be empty\n')
    // This address's guesses are used up (by logins abandoned after the hub's answer, which
    // count and need no key stretching); the next join is turned away with the wait. A guess
    // comes back every 10 s: on a machine so slow that one came back before `lanroom join`
    // got there, it is a wrong passphrase, and the guesses are used up again.
    let last = null
    for (let round = 0; round < 3 && !last?.stderr.includes('too many'); round++) {
      await useUpGuesses(info.url)
      last = await runCli(['join', address, '--name', 'g', '--passphrase', 'guess'])
      expect(last.code, last.stderr).toBe(1)
    }
    expect(last?.stderr).toMatch(
      /\nlanroom: too many passphrase attempts from this address; try again in \d+ s\n$/,
    )
  })
})
