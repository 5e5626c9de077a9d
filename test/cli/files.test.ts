import type { ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { SCHEMAS } from '../../src/shared/protocol'
import { assertBuilt, runCli, type HostProcess } from '../support/cli'
import { perTest } from '../support/scope'
import { cid, waitFor } from '../support/ws-client'
import { createUpload, patchUpload, sha256Hex } from '../support/file-http'
import { ThrottleProxy } from '../support/throttle-proxy'

const scope = perTest()
const { dir, client } = scope
beforeAll(assertBuilt)

const MIB = 1024 * 1024
/**
 * Safety nets for the 200 MiB transfer: typically a few seconds each way on an idle machine,
 * up to half a minute on a busy two-core one.
 */
const BIG_TRANSFER_MS = 240_000
const CLOCK = '\\[\\d\\d:\\d\\d\\]'

/** A room named Files; `data`: its data directory (default: a new one). */
function host(args: string[] = [], data = dir()): Promise<HostProcess> {
  return scope.host([
    '--port',
    '0',
    '--data-dir',
    data,
    '--name',
    'Files',
    '--no-advertise',
    ...args,
  ])
}

/**
 * A file of `size` bytes at `path`: random bytes at its start, middle and end, holes (zeros)
 * between, so that a large one is made at once and a byte out of place still changes its hash.
 */
async function makeFile(path: string, size: number): Promise<void> {
  const file = await open(path, 'w')
  try {
    await file.truncate(size)
    const block = Math.min(MIB, size)
    for (const at of [0, Math.floor(size / 2), size - block]) {
      await file.write(randomBytes(block), 0, block, Math.max(0, at))
    }
  } finally {
    await file.close()
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

const SENT = (name: string, size: string): RegExp =>
  new RegExp(`^sent ${name.replace(/[.()]/g, '\\$&')} \\(${size}\\) id=([\\w-]+)$`, 'm')

describe('lanroom send, join and get', () => {
  it(
    'sends a 200 MiB file that another member sees and gets back byte for byte',
    async () => {
      const { info } = await host()
      const watcher = scope.join([info.url, '--name', 'Watcher'])
      await waitFor(
        () => watcher.err().includes('verification code'),
        undefined,
        'the watcher to join',
      )
      const source = join(dir(), 'big report.bin')
      await makeFile(source, 200 * MIB)

      const sent = await runCli(
        ['send', info.url, source, '--name', 'Sender', '--caption', 'the numbers'],
        '',
        BIG_TRANSFER_MS,
      )
      expect(sent.code, sent.stderr).toBe(0)
      // Not a terminal: the final line only, no progress.
      const lines = sent.stdout.split('\n')
      expect(lines).toHaveLength(2)
      const id = SENT('big report.bin', '200 MB').exec(lines[0] ?? '')?.[1]
      expect(id, sent.stdout).toBeDefined()
      expect(sent.stdout).not.toMatch(/hashing|sending|\r/)
      expect(sent.stdout).not.toContain('\u001b')

      const line = new RegExp(
        `^${CLOCK} Sender: sent big report\\.bin \\(200 MB\\) id=${id} — the numbers$`,
        'm',
      )
      await waitFor(() => line.test(watcher.out()), undefined, 'the watcher to see the file')

      const out = dir()
      const got = await runCli(['get', info.url, id as string, '--out', out], '', BIG_TRANSFER_MS)
      expect(got.code, got.stderr).toBe(0)
      const saved = join(out, 'big report.bin')
      expect(got.stdout).toBe(`saved ${saved} (200 MB, SHA-256 verified)\n`)
      expect(readdirSync(out)).toEqual(['big report.bin'])
      expect(await sha256Of(saved)).toBe(await sha256Of(source))
    },
    2 * BIG_TRANSFER_MS + 60_000,
  )

  it('saves under a de-duplicated name, and shows the file object with join --json', async () => {
    const { info } = await host()
    const folder = dir()
    const source = join(folder, 'notes.txt')
    writeFileSync(source, 'the minutes of the meeting\n')
    const sent = await runCli(['send', info.url, source, '--name', 'Sender'])
    expect(sent.code, sent.stderr).toBe(0)
    const id = SENT('notes.txt', '27 B').exec(sent.stdout.trimEnd())?.[1] as string
    expect(id).toBeDefined()

    const json = await runCli(['join', info.url, '--json'])
    expect(json.code, json.stderr).toBe(0)
    const welcome = SCHEMAS.welcome.parse(JSON.parse(json.stdout.split('\n')[0] as string))
    expect(welcome.history.at(-1)).toMatchObject({
      text: 'notes.txt',
      file: { id, name: 'notes.txt', size: 27, type: 'text/plain' },
    })

    const out = dir()
    for (const name of ['notes.txt', 'notes (1).txt']) {
      const got = await runCli(['get', info.url, id, '--out', out])
      expect(got.code, got.stderr).toBe(0)
      expect(got.stdout).toBe(`saved ${join(out, name)} (27 B, SHA-256 verified)\n`)
    }
    expect(readdirSync(out).sort()).toEqual(['notes (1).txt', 'notes.txt'])
  })

  it(
    'deletes the upload on the host when Ctrl+C cancels a send',
    async () => {
      const data = dir()
      const { info } = await host([], data)
      const source = join(dir(), 'big.bin')
      await makeFile(source, 300 * MIB)
      /** The host's unfinished uploads (tus: `<id>` and `<id>.json`). */
      const uploads = (): string[] =>
        readdirSync(data, { recursive: true, encoding: 'utf8' }).filter((path) =>
          /(^|[/\\])uploads[/\\][0-9a-f]{32}\.json$/.test(path),
        )
      let child: ChildProcess | null = null
      const run = runCli(
        ['send', info.url, source, '--name', 'Quitter'],
        '',
        BIG_TRANSFER_MS,
        {},
        (c) => {
          child = c
        },
      )
      // Bytes arriving: the sender has the upload's address (it learns it from the POST's answer).
      const receiving = (): boolean =>
        uploads().some((record) => {
          const bytes = join(data, record.replace(/\.json$/, ''))
          return existsSync(bytes) && statSync(bytes).size > 0
        })
      await waitFor(receiving, BIG_TRANSFER_MS, 'the upload to start')
      ;(child as ChildProcess | null)?.kill('SIGINT')
      const sent = await run
      expect(sent.code, sent.stderr).toBe(1)
      expect(sent.stderr).toMatch(/could not send big\.bin: .*cancelled/)
      expect(uploads()).toEqual([])
    },
    2 * BIG_TRANSFER_MS,
  )

  it(
    'waits out a host that stops (SIGTERM) and starts again, sending and getting',
    async () => {
      const data = dir()
      const first = await host([], data)
      const { port } = first.info
      // 40 MB at 16 MB/s: the transfers are still under way when the host stops.
      const proxy = await ThrottleProxy.start(port, 16 * MIB)
      scope.defer(() => proxy.close())
      const room = first.info.url.replace(`:${port}/`, `:${proxy.port}/`)
      const source = join(dir(), 'restart.bin')
      await makeFile(source, 40 * MIB)
      /** Stops the running host as Ctrl+C would (`closing`, then 1001) once `started()`, and
       * starts it again on its port 1.5 s later. */
      let running = first
      const restartWhen = async (started: () => boolean, what: string): Promise<void> => {
        await waitFor(started, BIG_TRANSFER_MS, what)
        running.child.kill('SIGTERM')
        expect((await running.exited).code).toBe(0)
        await new Promise((resolve) => setTimeout(resolve, 1_500))
        running = await scope.host([
          ...['--port', String(port), '--data-dir', data, '--name', 'Files', '--no-advertise'],
        ])
      }
      const uploading = (): boolean =>
        readdirSync(data, { recursive: true, encoding: 'utf8' }).some(
          (path) =>
            /(^|[/\\])uploads[/\\][0-9a-f]{32}$/.test(path) && statSync(join(data, path)).size > 0,
        )

      const sending = runCli(['send', room, source, '--name', 'Sender'], '', BIG_TRANSFER_MS)
      await restartWhen(uploading, 'the upload to start')
      const sent = await sending
      expect(sent.code, sent.stderr).toBe(0)
      expect(sent.stderr).not.toContain('could not send')
      const id = SENT('restart.bin', '40.0 MB').exec(sent.stdout)?.[1] as string
      expect(id, sent.stdout).toMatch(/^[0-9a-f]{32}$/)

      const out = dir()
      const getting = runCli(['get', room, id, '--out', out], '', BIG_TRANSFER_MS)
      const receiving = (): boolean =>
        readdirSync(out).some(
          (name) => name.endsWith('.part') && statSync(join(out, name)).size > 0,
        )
      await restartWhen(receiving, 'the download to start')
      const got = await getting
      expect(got.code, got.stderr).toBe(0)
      const saved = join(out, 'restart.bin')
      expect(got.stdout).toBe(`saved ${saved} (40.0 MB, SHA-256 verified)\n`)
      expect(readdirSync(out)).toEqual(['restart.bin'])
      expect(await sha256Of(saved)).toBe(await sha256Of(source))
    },
    3 * BIG_TRANSFER_MS,
  )

  it('refuses a missing or unreadable file before connecting (exit 2)', async () => {
    const folder = dir()
    const present = join(folder, 'present.txt')
    writeFileSync(present, 'here')
    // 127.0.0.1:1 answers nothing: a check made after connecting would exit 4.
    const missing = await runCli(['send', '127.0.0.1:1', present, join(folder, 'nope.bin')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe('lanroom: could not send nope.bin: no such file\n')
    expect(missing.stdout).toBe('')
    const directory = await runCli(['send', '127.0.0.1:1', folder])
    expect(directory.code).toBe(2)
    expect(directory.stderr).toMatch(/^lanroom: could not send .*: it is a directory\n$/)
    // A name the room would refuse is said without its tab or right-to-left override.
    for (const name of ['tab\there.txt', 'photo\u202egnp.exe']) {
      writeFileSync(join(folder, name), 'x')
      const refused = await runCli(['send', '127.0.0.1:1', join(folder, name)])
      expect(refused.code).toBe(2)
      expect(refused.stderr).toBe(
        `lanroom: could not send ${name === 'tab\there.txt' ? 'tab here.txt' : 'photognp.exe'}: ` +
          'its name must not contain control or direction characters\n',
      )
    }
    expect((await runCli(['send', '127.0.0.1:1'])).code).toBe(2)
    const unreachable = await runCli(['send', '127.0.0.1:1', present])
    expect(unreachable.code).toBe(4)
  })

  it('gets: exit 2 for a bad id or --out, 1 for an unknown id (nothing saved), 4 unreachable', async () => {
    // 127.0.0.1:1 answers nothing: an id checked after connecting would exit 4.
    for (const notId of [
      '../etc/passwd',
      'not-an-id',
      'abc',
      'f'.repeat(31),
      'f'.repeat(33),
      'g'.repeat(32),
      ` ${'f'.repeat(32)}`,
    ]) {
      const refused = await runCli(['get', '127.0.0.1:1', notId])
      expect(refused.code, notId).toBe(2)
      expect(refused.stderr, notId).toMatch(
        /^lanroom: "[^\n]*" is not a file id: a file id is 32 hex digits \([^\n]*\)\n$/,
      )
    }
    const noDir = await runCli([
      'get',
      '127.0.0.1:1',
      'f'.repeat(32),
      '--out',
      join(dir(), 'missing'),
    ])
    expect(noDir.code).toBe(2)
    expect(noDir.stderr).toContain('no such directory')
    if (existsSync('/proc/self')) {
      // Writable by its permissions as root, yet no file can be made in it.
      const proc = await runCli(['get', '127.0.0.1:1', 'f'.repeat(32), '--out', '/proc'])
      expect(proc.code, proc.stderr).toBe(2)
      expect(proc.stderr).toBe('lanroom: cannot save in /proc: files cannot be created there\n')
    }
    expect((await runCli(['get', '127.0.0.1:1', 'f'.repeat(32)])).code).toBe(4)

    const { info } = await host()
    const out = dir()
    const unknown = await runCli(['get', info.url, 'f'.repeat(32), '--out', out])
    expect(unknown.code, unknown.stderr).toBe(1)
    expect(unknown.stderr).toContain(
      `\nlanroom: could not get ${'f'.repeat(32)}: the room has no file with this id\n`,
    )
    expect(unknown.stdout).toBe('')
    expect(readdirSync(out)).toEqual([])
  })

  it('gets by an id typed in upper case; each failure is one line naming the id', async () => {
    const data = dir()
    const { info } = await host(['--files-mb', '1'], data)
    const folder = dir()
    const first = join(folder, 'first.bin')
    const second = join(folder, 'second.bin')
    writeFileSync(first, randomBytes(600 * 1024))
    writeFileSync(second, randomBytes(600 * 1024))
    const small = join(folder, 'small.txt')
    writeFileSync(small, 'small text\n')
    const sent = await runCli(['send', info.url, first, second, small, '--name', 'Sender'])
    expect(sent.code, sent.stderr).toBe(0)
    const idOf = (name: string, size: string): string =>
      SENT(name, size).exec(sent.stdout)?.[1] as string
    const [smallId, firstId] = [idOf('small.txt', '11 B'), idOf('first.bin', '600 KB')]
    expect(smallId).toMatch(/^[0-9a-f]{32}$/)
    expect(firstId).toMatch(/^[0-9a-f]{32}$/)

    const out = dir()
    const upper = await runCli(['get', info.url, smallId.toUpperCase(), '--out', out])
    expect(upper.code, upper.stderr).toBe(0)
    expect(upper.stdout).toBe(`saved ${join(out, 'small.txt')} (11 B, SHA-256 verified)\n`)

    // The room's files take at most 1 MB: the second 600 KB file expired the first.
    const expired = await runCli(['get', info.url, firstId, '--out', out])
    expect(expired.code, expired.stderr).toBe(1)
    expect(expired.stderr.split('\n').at(-2)).toBe(
      `lanroom: could not get ${firstId}: the room no longer has first.bin (it expired or was deleted)`,
    )

    // Bytes changed on the host's disk: the download does not match the SHA-256 it was shared with.
    const stored = readdirSync(data, { recursive: true, encoding: 'utf8' }).find((path) =>
      path.endsWith(join('files', 'store', smallId)),
    )
    expect(stored).toBeDefined()
    writeFileSync(join(data, stored as string), 'tampered!!\n')
    const tampered = await runCli(['get', info.url, smallId, '--out', out])
    expect(tampered.code, tampered.stderr).toBe(1)
    expect(tampered.stderr.split('\n').at(-2)).toBe(
      `lanroom: could not get ${smallId}: the bytes of small.txt do not match their SHA-256`,
    )
    expect(readdirSync(out)).toEqual(['small.txt'])

    const plain = await host(['--no-files'])
    const none = await runCli(['get', plain.info.url, smallId, '--out', out])
    expect(none.code).toBe(1)
    expect(none.stderr.split('\n').at(-2)).toBe(
      `lanroom: could not get ${smallId}: this room does not share files`,
    )
  })

  it("answers bytes past an upload's length with 413 and serves on", async () => {
    // The hub as the command runs it: it once died of this (the response's close found the
    // request's socket gone), taking the room with it.
    for (const tls of [false, true]) {
      const room = await host(tls ? [] : ['--no-tls'])
      const ada = client(room.info.url)
      const token = (await ada.join('ada', cid('ada'))).files?.token ?? ''
      const declared = Buffer.from('0123456789')
      const { id } = await createUpload(
        room.info.port,
        token,
        10,
        { sha256: sha256Hex(declared) },
        tls,
      )
      // One byte over, in a body whose length is not said: found as it arrives.
      const over = await patchUpload(
        room.info.port,
        token,
        id ?? '',
        0,
        Buffer.alloc(11, 1),
        tls,
        true,
      )
      expect(over.status).toBe(413)
      await new Promise((resolve) => setTimeout(resolve, 200))
      ada.sendJson({ type: 'chat', id: 'still-here', text: 'still here' })
      expect((await ada.next('chat')).id).toBe('still-here')
      expect(room.child.exitCode).toBeNull()
    }
  })

  it('exits 1 for a file larger than the room takes, and for a room without files', async () => {
    const folder = dir()
    const big = join(folder, 'two.bin')
    await makeFile(big, 2 * MIB)
    const small = join(folder, 'small.txt')
    writeFileSync(small, 'small')
    const limited = await host(['--max-file-mb', '1'])
    const refused = await runCli(['send', limited.info.url, big, small])
    expect(refused.code, refused.stderr).toBe(1)
    expect(refused.stderr).toContain(
      'lanroom: could not send two.bin: it is larger than the room takes (1.0 MB)\n',
    )
    // The other file still goes.
    expect(refused.stdout).toMatch(SENT('small.txt', '5 B'))

    const plain = await host(['--no-files'])
    const none = await runCli(['send', plain.info.url, small])
    expect(none.code).toBe(1)
    expect(none.stderr).toContain(
      'lanroom: could not send small.txt: this room does not take files',
    )
  })
})
