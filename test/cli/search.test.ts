import { beforeAll, describe, expect, it } from 'vitest'
import { assertBuilt, runCli, type HostProcess } from '../support/cli'
import { SCHEMAS } from '../../src/shared/protocol'
import { perTest } from '../support/scope'
import { cid, waitFor } from '../support/ws-client'

const scope = perTest()
const { client: watcher, dir } = scope
beforeAll(assertBuilt)

function host(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<HostProcess> {
  return scope.host(
    ['--port', '0', '--data-dir', dir(), '--name', 'Searchable', '--no-advertise', ...args],
    { env },
  )
}

/** A room whose history holds a few messages of alice's; resolves with the host. */
async function roomWith(texts: string[], args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const hosting = await host(args, env)
  const alice = watcher(hosting.info.url)
  if (env['LANROOM_PASSPHRASE']) {
    await alice.joinWithPassphrase('alice', cid('alice'), env['LANROOM_PASSPHRASE'])
  } else {
    await alice.join('alice', cid('alice'))
  }
  texts.forEach((text, i) => alice.chat(`m${i}`, text))
  await waitFor(() => alice.all('chat').length === texts.length, undefined, 'the chats')
  await alice.close()
  return hosting
}

const DATE = '\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\]'

describe('lanroom search', () => {
  it('prints the matches newest first as #SEQ [YYYY-MM-DD HH:MM] name: text, and exits 0', async () => {
    const { info } = await roomWith(['the build is green', 'deploy done', 'Build went GREEN again'])
    const found = await runCli(['search', info.url, 'green', 'build'])
    expect(found.code, found.stderr).toBe(0)
    expect(found.stdout.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^#3 ${DATE} alice: Build went GREEN again$`)),
      expect.stringMatching(new RegExp(`^#1 ${DATE} alice: the build is green$`)),
      '',
    ])
    expect(found.stderr).toMatch(/^Room "Searchable" at 127\.0\.0\.1:\d+, verification code /)
    expect(found.stderr.split('\n')).toHaveLength(2)
  })

  it('continues with --before, limits with --limit and says when more may be older', async () => {
    const { info } = await roomWith(['green 1', 'green 2', 'green 3'])
    const newest = await runCli(['search', info.url, 'green', '--limit', '1'])
    expect(newest.code, newest.stderr).toBe(0)
    expect(newest.stdout).toMatch(new RegExp(`^#3 ${DATE} alice: green 3\n$`))
    expect(newest.stderr).toContain(
      'lanroom: older matches may exist: search again with --before 3\n',
    )
    const older = await runCli(['search', info.url, 'green', '--before', '3'])
    expect(older.code, older.stderr).toBe(0)
    expect(older.stdout).toMatch(
      new RegExp(`^#2 ${DATE} alice: green 2\n#1 ${DATE} alice: green 1\n$`),
    )
    expect(older.stderr).not.toContain('older matches')
  })

  it('exits 1 when nothing matches, printing nothing on stdout', async () => {
    const { info } = await roomWith(['hello'])
    const none = await runCli(['search', info.url, 'goodbye'])
    expect(none.code, none.stderr).toBe(1)
    expect(none.stdout).toBe('')
    expect(none.stderr).toContain('lanroom: no message matches\n')
  })

  it('prints the results message as one JSON line with --json', async () => {
    const { info } = await roomWith(['alpha beta', 'beta'])
    const json = await runCli(['search', info.url, 'ALPHA', '--json'])
    expect(json.code, json.stderr).toBe(0)
    const lines = json.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    const results = SCHEMAS.results.parse(JSON.parse(lines[0] as string))
    expect(results.matches).toMatchObject([{ seq: 1, name: 'alice', snippet: 'alpha beta' }])
    expect(results.matches[0]?.highlights).toEqual([[0, 5]])
    const none = await runCli(['search', info.url, 'gamma', '--json'])
    expect(none.code).toBe(1)
    expect(JSON.parse(none.stdout)).toMatchObject({ type: 'results', matches: [], more: false })
  })

  it('exits 2 for usage errors, 3 for an untrusted certificate and 4 when it cannot search', async () => {
    const blank = await runCli(['search', '127.0.0.1:1', '   '])
    expect(blank.code).toBe(2)
    expect(blank.stderr).toBe('lanroom: the text to search for must not be blank\n')
    const long = await runCli(['search', '127.0.0.1:1', 'x'.repeat(201)])
    expect(long.code).toBe(2)
    expect((await runCli(['search', '127.0.0.1:1', 'x', '--limit', '0'])).code).toBe(2)
    expect((await runCli(['search', '127.0.0.1:1', 'x', '--before', 'abc'])).code).toBe(2)
    expect((await runCli(['search', '127.0.0.1:1'])).code).toBe(2)
    const unreachable = await runCli(['search', '127.0.0.1:1', 'x'])
    expect(unreachable.code).toBe(4)
    expect(unreachable.stderr).toBe('lanroom: No LAN Room answers at 127.0.0.1:1 (ECONNREFUSED).\n')
    const { info } = await roomWith(['hello'])
    const untrusted = await runCli(['search', info.url, 'hello', '--expect-code', 'AAAAA-AAAAA'])
    expect(untrusted.code, untrusted.stderr).toBe(3)
  })

  it('gets into a passphrase room with LANROOM_PASSPHRASE, and exits 4 without it', async () => {
    const env = { LANROOM_PASSPHRASE: 'open sesame' }
    const { info } = await roomWith(['secret plans'], [], env)
    const found = await runCli(['search', info.url, 'plans'], '', undefined, env)
    expect(found.code, found.stderr).toBe(0)
    expect(found.stdout).toMatch(/alice: secret plans\n$/)
    const refused = await runCli(['search', info.url, 'plans'])
    expect(refused.code).toBe(4)
    expect(refused.stderr).toContain('this room needs a passphrase')
  })
})
