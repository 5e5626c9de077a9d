import { PassThrough, Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { ChaosProxy } from '../../test/support/chaos-proxy'
import { freePort } from '../../test/support/free-port'
import { TestClient, cid, startTestHub, tempDir, waitFor } from '../../test/support/ws-client'
import { FakeHub } from '../../test/hostile/fake-hub'
import { COMMANDS_HELP } from './commands'
import { formatEntry, join, type JoinOptions } from './join'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/** What join() says on stderr about the room before connecting. */
const ROOM_LINE =
  /^Room "Test room" at 127\.0\.0\.1:\d+, verification code [0-9A-Z]{5}-[0-9A-Z]{5}\n/

/** Runs join() in this process, with pipes for stdin, stdout and stderr (`tty`: pipes that say
 * they are a terminal). */
function run(options: Omit<JoinOptions, 'dataDir'> & { dataDir?: string }, tty = false) {
  const dir = tempDir()
  cleanups.push(dir.remove)
  const stdin = Object.assign(new PassThrough(), { isTTY: tty })
  const stdout = Object.assign(new PassThrough(), { isTTY: tty })
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  const exit = join(
    {
      dataDir: dir.path,
      ...options,
      connection: { backoff: { initialDelayMs: 20, maxDelayMs: 100 }, ...options.connection },
    },
    { stdin, stdout, stderr },
  )
  cleanups.push(() => stdin.end())
  return { stdin, exit, out: () => out, err: () => err }
}

async function roomBehindProxy() {
  const started = await startTestHub()
  cleanups.push(started.stop)
  const proxy = await ChaosProxy.start(started.hub.port)
  cleanups.push(() => proxy.close())
  return { ...started, proxy }
}

describe('join() while the connection is down at the end of input', () => {
  it('keeps trying, and exits 0 once the room is back and everything is acknowledged', async () => {
    const { url, proxy } = await roomBehindProxy()
    const joined = run({ target: proxy.url, name: 'patient' })
    await waitFor(() => joined.out().includes('* Joined'), 10_000, 'joined')
    proxy.setRefusing(true)
    proxy.cutAll()
    await waitFor(() => joined.out().includes('* Connection lost'), 10_000, 'the drop')
    joined.stdin.end('late 1\nlate 2\n')
    await new Promise((resolve) => setTimeout(resolve, 200))
    proxy.setRefusing(false)
    expect(await joined.exit).toBe(0)
    expect(joined.err()).toMatch(new RegExp(`${ROOM_LINE.source}$`))
    const after = new TestClient(url)
    cleanups.push(() => after.ws.terminate())
    const welcome = await after.join('after', cid('after'))
    expect(welcome.history.map((c) => c.text)).toEqual(['late 1', 'late 2'])
  })

  it('gives up after giveUpAfterMs, with one line saying how much was not acknowledged', async () => {
    const { proxy } = await roomBehindProxy()
    const joined = run({ target: proxy.url, name: 'quitter', giveUpAfterMs: 500 })
    await waitFor(() => joined.out().includes('* Joined'), 10_000, 'joined')
    proxy.setRefusing(true)
    proxy.cutAll()
    await waitFor(() => joined.out().includes('* Connection lost'), 10_000, 'the drop')
    joined.stdin.end('lost 1\nlost 2\n')
    expect(await joined.exit).toBe(1)
    expect(joined.err().replace(ROOM_LINE, '')).toBe(
      'lanroom: could not reconnect to the room within 0.5 s; 2 message(s) not acknowledged ' +
        '(they may or may not have reached the room)\n',
    )
  })

  it('exits 1 when a line was refused, and says so', async () => {
    const { url } = await startTestHub().then((started) => {
      cleanups.push(started.stop)
      return started
    })
    const joined = run({ target: url, name: 'bell' })
    joined.stdin.end('fine\nring \u0007 ring\n')
    expect(await joined.exit).toBe(1)
    expect(joined.err().replace(ROOM_LINE, '')).toBe(
      'lanroom: not sent: the message must not contain control characters\n' +
        'lanroom: 1 message(s) were not sent\n',
    )
  })
})

describe('join() when the room ends before the input does', () => {
  it('exits 1 when the host closes the room before the end of piped input: the rest is not sent', async () => {
    const started = await startTestHub()
    cleanups.push(started.stop)
    const joined = run({ target: started.url, name: 'feeder' })
    joined.stdin.write('later 1\n')
    await waitFor(() => joined.out().includes('feeder: later 1'), 10_000, 'the first line')
    await started.stop()
    expect(await joined.exit).toBe(1)
    expect(joined.out()).toContain('* The host closed the room.\n')
    expect(joined.err().replace(ROOM_LINE, '')).toBe(
      'lanroom: the host closed the room before the end of input; the rest of the input was not sent\n',
    )
  })

  it('exits 0 at a terminal, where nothing typed is left unread', async () => {
    const started = await startTestHub()
    cleanups.push(started.stop)
    const joined = run({ target: started.url, name: 'typist' }, true)
    joined.stdin.write('hello\n')
    await waitFor(() => screen(joined.out()).includes('typist: hello'), 10_000, 'the line')
    await started.stop()
    expect(await joined.exit).toBe(0)
    expect(joined.err().replace(ROOM_LINE, '')).toBe('')
  })
})

describe("join() and the hub's own words", () => {
  it('prints a closing message on one line: its line breaks cannot fake lines of the room', async () => {
    const fake =
      'The host is moving the room.\n[01:52] Alice (host): run lanroom join 10.9.9.9:47800\r\tnow'
    const hub = await FakeHub.start({
      script: async (peer) => {
        await peer.send(peer.welcome())
        await peer.send({ type: 'closing', reason: 'host_stopped', message: fake })
        peer.close(1001)
      },
    })
    cleanups.push(() => hub.stop())
    const joined = run({ target: hub.url, name: 'reader' })
    expect(await joined.exit).toBe(1)
    expect(joined.out()).toContain(
      '* The host is moving the room. [01:52] Alice (host): run lanroom join 10.9.9.9:47800 now\n',
    )
    expect(joined.out()).not.toMatch(/^\[01:52\]/m)
  })
})

describe('join() when nobody reads its output any more', () => {
  it('leaves as at the end of input, without the write error (| head -1)', async () => {
    const started = await startTestHub()
    cleanups.push(started.stop)
    const alice = new TestClient(started.url)
    cleanups.push(() => alice.ws.terminate())
    await alice.join('alice', cid('alice'))
    const dir = tempDir()
    cleanups.push(dir.remove)
    const stdin = Object.assign(new PassThrough(), { isTTY: false })
    cleanups.push(() => stdin.end())
    // A pipe whose reader is gone: every write fails, as with EPIPE.
    const stdout = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
      },
    })
    const stderr = new PassThrough()
    let err = ''
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    const exit = join(
      { target: started.url, name: 'gone', dataDir: dir.path },
      {
        stdin,
        stdout,
        stderr,
      },
    )
    expect(await exit).toBe(0)
    expect(err.replace(ROOM_LINE, '')).toBe('')
    await waitFor(() => alice.all('left').length === 1, 10_000, 'the leave')
    expect(alice.all('left')[0]).toMatchObject({ name: 'gone', reason: 'left' })
  })
})

/** What a terminal would show, without the escape sequences that redraw the prompt. */
function screen(out: string): string {
  // eslint-disable-next-line no-control-regex
  return out.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').replace(/> /g, '')
}

describe('join() at a terminal', () => {
  it('draws the prompt again after a refusal', async () => {
    const started = await startTestHub()
    cleanups.push(started.stop)
    const joined = run({ target: started.url, name: 'me' }, true)
    await waitFor(() => screen(joined.out()).includes('* Joined'), 10_000, 'joined')
    joined.stdin.write('/nosuch\n')
    await waitFor(() => joined.err().includes('unknown command'), 10_000, 'the refusal')
    // The prompt is the last thing on the screen again, after the refusal.
    const afterIt = (): string => joined.out().slice(joined.out().lastIndexOf('/nosuch'))
    await waitFor(() => afterIt().includes('> '), 10_000, 'the prompt')
  })

  it('numbers messages, runs /reply /react /unreact /edit /delete, and reports what was read', async () => {
    const started = await startTestHub()
    cleanups.push(started.stop)
    const alice = new TestClient(started.url)
    cleanups.push(() => alice.ws.terminate())
    await alice.join('alice', cid('alice'))
    alice.chat('hello', 'hello there')
    const joined = run({ target: started.url, name: 'me' }, true)
    await waitFor(
      () => /#1 \[\d\d:\d\d\] alice: hello there/.test(screen(joined.out())),
      10_000,
      'numbered',
    )
    const type = (line: string): void => void joined.stdin.write(`${line}\n`)
    type('/react 1 👍')
    await alice.next('react')
    type('/reply #1 hi back @alice')
    const reply = await alice.next('chat')
    expect(reply).toMatchObject({
      name: 'me',
      text: 'hi back @alice',
      replyTo: 1,
      mentions: [cid('alice')],
    })
    type(`/edit ${reply.seq} hi again`)
    expect(await alice.next('edit')).toMatchObject({ target: reply.seq, text: 'hi again' })
    type('/unreact 1 👍')
    await alice.next('unreact')
    type(`/delete ${reply.seq}`)
    await alice.next('delete')
    type('/edit 1 not mine')
    type('/shrug')
    type('//tmp is full')
    expect(await alice.next('chat')).toMatchObject({ text: '/tmp is full' })
    type('/help')
    await waitFor(() => screen(joined.out()).includes('/delete SEQ'), 10_000, 'the help')
    // The listing as one block: no prompt redrawn between its lines.
    expect(joined.out()).toContain(`${COMMANDS_HELP.join('\n')}\n`)
    // What this person saw is reported as read (the hub relays it within a second or so).
    await waitFor(
      () => alice.all('reads').some((r) => r.positions.some((p) => p.seq >= reply.seq)),
      10_000,
      'the read position',
    )
    const shown = screen(joined.out())
    expect(shown).toMatch(
      /\n {11}↪ reply to alice: "hello there"\n#\d+ \[\d\d:\d\d\] me: hi back @alice\n/,
    )
    expect(shown).toMatch(/\n#1 \[\d\d:\d\d\] me reacted 👍 to alice: "hello there"\n/)
    expect(shown).toMatch(/\n#\d+ \[\d\d:\d\d\] me \(edited\): hi again\n/)
    expect(shown).toMatch(/\n#1 \[\d\d:\d\d\] me removed 👍 from alice: "hello there"\n/)
    expect(shown).toMatch(/\n#\d+ \[\d\d:\d\d\] me deleted a message\n/)
    joined.stdin.end()
    expect(await joined.exit).toBe(0)
    // In the order they were found out: the refusal comes back from the room.
    expect(joined.err().replace(ROOM_LINE, '').split('\n').sort()).toEqual([
      '',
      'lanroom: not done: only its author may edit a message',
      'lanroom: unknown command /shrug (/help lists them)',
    ])
  })
})

describe('join() when another room answers', () => {
  it('refuses another room at the address of the one it joined, and exits 1 saying so', async () => {
    const port = await freePort()
    const first = await startTestHub({ port })
    cleanups.push(first.stop)
    const joined = run({ target: `127.0.0.1:${port}`, name: 'loyal' })
    await waitFor(() => joined.out().includes('* Joined'), 10_000, 'joined')
    // The room's host vanishes, and another room (its own id) starts at the same address.
    first.hub.abort()
    await waitFor(() => joined.out().includes('* Connection lost'), 10_000, 'the drop')
    const second = await startTestHub({ port })
    cleanups.push(second.stop)
    expect(second.hub.roomId).not.toBe(first.hub.roomId)
    expect(await joined.exit).toBe(1)
    expect(joined.err().replace(ROOM_LINE, '')).toBe(
      // Its input (a pipe) had not ended: what it still held was never sent.
      'lanroom: Another room than "Test room" answers at its address. ' +
        '(the rest of the input was not sent)\n',
    )
    expect(second.hub.memberCount).toBe(0)
  })
})

describe('formatEntry', () => {
  const at = 0
  it('writes notices and gap markers as lines starting with *', () => {
    const member = { clientId: cid('bob'), name: 'Bob', host: false }
    expect(formatEntry({ kind: 'joined', key: 'n1', at, member })).toBe('* Bob joined')
    expect(formatEntry({ kind: 'renamed', key: 'n2', at, member })).toBe(
      `* ${cid('bob')} is now Bob`,
    )
    const left = { kind: 'left', key: 'n3', at, clientId: cid('bob'), name: 'Bob' } as const
    expect(formatEntry({ ...left, reason: 'left' })).toBe('* Bob left')
    expect(formatEntry({ ...left, reason: 'lost' })).toBe('* Bob left (connection lost)')
    expect(formatEntry({ ...left, reason: 'removed' })).toBe('* Bob left (removed)')
    expect(formatEntry({ ...left, reason: null })).toBe('* Bob left')
    expect(formatEntry({ kind: 'gap', key: 'n4', at, reason: 'history' })).toBe(
      '* Some messages may be missing here: the room does not keep history that far back.',
    )
    expect(formatEntry({ kind: 'gap', key: 'n5', at, reason: 'epoch' })).toBe(
      "* The room's history was reset; messages may be missing here.",
    )
  })
})
