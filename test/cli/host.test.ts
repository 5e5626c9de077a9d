import { createServer } from 'node:net'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_CODES } from '../../src/shared/protocol'
import { assertBuilt, runCli, startHost, type HostProcess } from '../support/cli'
import { TestClient, cid, tempDir, waitFor } from '../support/ws-client'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})
beforeAll(assertBuilt)

function dataDir(): string {
  const dir = tempDir()
  cleanups.push(dir.remove)
  return dir.path
}

async function host(args: string[]): Promise<HostProcess> {
  // These tests connect by address; advertising would show up in the discovery tests' lists.
  const started = await startHost([...args, '--no-advertise'])
  cleanups.push(() => {
    if (started.child.exitCode === null && started.child.signalCode === null)
      started.child.kill('SIGKILL')
    return started.exited
  })
  return started
}

describe('lanroom host', () => {
  it('prints exactly one JSON line once listening, and logs to stderr', async () => {
    const started = await host(['--port', '0', '--data-dir', dataDir(), '--name', 'JSON room'])
    const { info } = started
    expect(Object.keys(info).sort()).toEqual(['port', 'roomId', 'url', 'urls'])
    expect(info.url).toBe(`ws://127.0.0.1:${info.port}/ws`)
    expect(info.urls).toEqual([info.url])
    const response = await fetch(`http://127.0.0.1:${info.port}/info`)
    expect(await response.json()).toMatchObject({ roomId: info.roomId, name: 'JSON room' })
    await waitFor(() => started.stderr().includes('hosting'))
    started.child.kill('SIGTERM')
    const finished = await started.exited
    expect(finished.code).toBe(0)
    expect(finished.stdout.trim().split('\n')).toHaveLength(1)
  })

  it('prints the addresses to join in plain words without --json', async () => {
    const dir = dataDir()
    const run = runCli(
      [
        'host',
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
      '',
      1_500,
    )
    const finished = await run
    expect(finished.stdout).toMatch(/Hosting "Plain" \(room id [\w-]+\) on port \d+/)
    expect(finished.stdout).toMatch(/ws:\/\/127\.0\.0\.1:\d+\/ws/)
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
    const alice = new TestClient(first.info.url)
    cleanups.push(() => alice.ws.terminate())
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
    const bob = new TestClient(second.info.url)
    cleanups.push(() => bob.ws.terminate())
    const welcome = await bob.join('bob', cid('bob'))
    const kept = new Set(welcome.history.map((c) => c.id))
    const missing = acknowledged.slice(-500).filter((id) => !kept.has(id))
    expect(missing).toEqual([])
    expect(welcome.lastSeq).toBeGreaterThanOrEqual(acknowledged.length)
  })

  it('says which port is in use and suggests --port', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)))
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
    expect(finished.code).toBe(1)
    expect(finished.stderr.trim()).toBe(
      `lanroom: port ${port} is already in use; choose another with --port (0 picks a free one)`,
    )
  })

  it('rejects bad arguments with one line and exit code 2', async () => {
    for (const args of [
      ['host', '--port', 'abc'],
      ['host', '--port', '70000'],
      ['host', '--rate-limit', '-1'],
      ['host', '--bogus'],
      ['nothing'],
      ['join'],
    ]) {
      const finished = await runCli(args)
      expect(finished.code, args.join(' ')).toBe(2)
      expect(finished.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1)
      expect(finished.stderr).toMatch(/^lanroom: /)
    }
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
    expect(finished.code).toBe(1)
    expect(finished.stderr).toContain('room name must be at most 60 characters')
  })

  it('has --help for every command', async () => {
    for (const args of [['--help'], ['host', '--help'], ['join', '--help']]) {
      const finished = await runCli(args)
      expect(finished.code).toBe(0)
      expect(finished.stdout).toContain('Usage: lanroom')
    }
  })

  it('closes gracefully on SIGINT: members get closing and 1001', async () => {
    const started = await host(['--port', '0', '--data-dir', dataDir()])
    const alice = new TestClient(started.info.url)
    cleanups.push(() => alice.ws.terminate())
    await alice.join('alice', cid('alice'))
    started.child.kill('SIGINT')
    expect((await alice.next('closing')).reason).toBe('host_stopped')
    expect(await alice.closed).toBe(CLOSE_CODES.goingAway)
    expect((await started.exited).code).toBe(0)
  })
})
