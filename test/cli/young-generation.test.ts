import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it, onTestFinished } from 'vitest'
import { CLI } from '../support/cli'

// The built entries set V8's young-generation flag before the rest of the program is even
// compiled (src/cli/boot.ts, src/main/boot.ts): compiling the whole command up front is what
// grew the young generation to 8 MB before the flag, when the entry imported everything.

/** Runs node with a preload that prints the young generation's size as the process exits. */
function newSpaceAtExit(args: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'lanroom-young-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  const hook = join(dir, 'new-space.mjs')
  writeFileSync(
    hook,
    "import { getHeapSpaceStatistics } from 'node:v8'\n" +
      "process.on('exit', () => process.stderr.write('NEW_SPACE ' + getHeapSpaceStatistics()" +
      ".find((s) => s.space_name === 'new_space').space_size + '\\n'))\n",
  )
  const run = spawnSync(process.execPath, ['--import', hook, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  const size = /NEW_SPACE (\d+)/.exec(run.stderr)?.[1]
  if (size === undefined) throw new Error(`no size reported: ${run.stderr}`)
  return Number(size)
}

describe('the built lanroom command', () => {
  it('loads the whole command with the young generation kept small', () => {
    const start = newSpaceAtExit(['-e', ''])
    // --version loads the whole command (commander parses after every module is in). V8 may
    // double the space once while the boot entry itself loads, before the flag is set.
    const booted = newSpaceAtExit([CLI, '--version'])
    expect(booted).toBeLessThanOrEqual(2 * start)
    // The same command without its boot entry: compiling it grows the young generation.
    const app = pathToFileURL(join(dirname(CLI), 'cli-app.js')).href
    const unbooted = newSpaceAtExit(['--input-type=module', '-e', `await import('${app}')`])
    expect(unbooted).toBeGreaterThanOrEqual(2 * booted)
  })
})
