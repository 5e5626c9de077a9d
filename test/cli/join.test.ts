import { spawn } from 'node:child_process'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CLI, assertBuilt, runCli, startHost, type HostProcess } from '../support/cli'
import { TestClient, cid, tempDir, waitFor } from '../support/ws-client'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})
beforeAll(assertBuilt)

async function host(args: string[] = []): Promise<HostProcess> {
  const dir = tempDir()
  cleanups.push(dir.remove)
  const started = await startHost([
    '--port',
    '0',
    '--data-dir',
    dir.path,
    '--name',
    'Join test',
    '--host-name',
    'Hosty',
    ...args,
  ])
  cleanups.push(() => {
    if (started.child.exitCode === null && started.child.signalCode === null)
      started.child.kill('SIGKILL')
    return started.exited
  })
  return started
}

function watcher(url: string): TestClient {
  const client = new TestClient(url)
  cleanups.push(() => client.ws.terminate())
  return client
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
    expect(finished.stderr).toBe('')
    expect(finished.code).toBe(0)
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
    const child = spawn(process.execPath, [CLI, 'join', info.url, '--name', 'late'], {
      stdio: 'pipe',
    })
    cleanups.push(() => child.kill('SIGKILL'))
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    await waitFor(() => out.includes('early: before you came'))
    const carol = watcher(info.url)
    await carol.join('carol', cid('carol'))
    await waitFor(() => out.includes('* carol joined'))
    carol.chat('c1', 'multi\nline')
    await waitFor(() => out.includes('carol: multi\n'))
    expect(out).toMatch(/carol: multi\n {6,}line\n/)
    await carol.close()
    await waitFor(() => out.includes('* carol left'))
    child.stdin.end()
    await new Promise((resolve) => child.on('close', resolve))
    expect(child.exitCode).toBe(0)
  })

  it('delivers everything even beyond the room rate limit, in order', async () => {
    const { info } = await host(['--rate-limit', '20'])
    const alice = watcher(info.url)
    await alice.join('alice', cid('alice'))
    const lines = Array.from({ length: 60 }, (_, i) => `line ${i}`)
    const finished = await runCli(
      ['join', info.url, '--name', 'paste'],
      lines.join('\n') + '\n',
      20_000,
    )
    expect(finished.code).toBe(0)
    await waitFor(() => alice.all('chat').length === 60)
    expect(alice.all('chat').map((c) => c.text)).toEqual(lines)
  })

  it('splits a line longer than the room allows instead of losing it', async () => {
    const { info } = await host()
    const alice = watcher(info.url)
    await alice.join('alice', cid('alice'))
    const long = 'a'.repeat(4000) + 'b'.repeat(1000)
    const finished = await runCli(['join', info.url, '--name', 'long'], long + '\n')
    expect(finished.code).toBe(0)
    await waitFor(() => alice.all('chat').length === 2)
    expect(
      alice
        .all('chat')
        .map((c) => c.text)
        .join(''),
    ).toBe(long)
  })

  it('exits non-zero with one line when it cannot connect or is refused', async () => {
    const unreachable = await runCli(['join', '127.0.0.1:1', '--name', 'x'])
    expect(unreachable.code).toBe(1)
    expect(unreachable.stderr).toBe(
      'lanroom: cannot connect to ws://127.0.0.1:1/ws: ECONNREFUSED\n',
    )
    const { info } = await host()
    const refused = await runCli(['join', info.url, '--name', 'bell\u0007'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /^lanroom: refused: invalid hello: name: must not contain control characters\n$/,
    )
    // (A room name would be looked up over mDNS, which tests do only in a private namespace.)
    const notAddress = await runCli(['join', 'host:99999', '--name', 'x'])
    expect(notAddress.code).toBe(2)
    expect(notAddress.stderr).toContain('is not a room address')
  })

  it('sees the host close the room and exits 0', async () => {
    const started = await host()
    const child = spawn(process.execPath, [CLI, 'join', started.info.url, '--name', 'stay'], {
      stdio: 'pipe',
    })
    cleanups.push(() => child.kill('SIGKILL'))
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    await waitFor(() => out.includes('* Joined'))
    started.child.kill('SIGTERM')
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(out).toContain('* The host closed the room.')
    expect(code).toBe(0)
  })
})
