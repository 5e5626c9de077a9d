import { spawn } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { fileURLToPath } from 'node:url'
import { Writable } from 'node:stream'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { installCrashGuard, type CrashGuard, type GuardedProcess } from './crash-guard'

/** A `process` stand-in: the test raises what Node would. */
class FakeProcess extends EventEmitter implements GuardedProcess {
  exitCodes: number[] = []
}

function setup(options: { burst?: number; windowMs?: number } = {}) {
  const proc = new FakeProcess()
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>)
      done()
    },
  })
  // A real pino logger, writing synchronously into the test.
  const logger = pino({ level: 'info' }, stream)
  let clock = 0
  const fatal: unknown[] = []
  const guard = installCrashGuard({
    process: proc,
    logger,
    exit: (code) => proc.exitCodes.push(code),
    onFatal: (error) => fatal.push(error),
    now: () => clock,
    ...options,
  })
  guards.push(guard)
  const tick = (ms: number): void => {
    clock += ms
  }
  const flushed = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
  return { proc, lines, guard, fatal, tick, flushed }
}

const guards: CrashGuard[] = []
afterEach(() => {
  for (const guard of guards.splice(0)) guard.dispose()
})

describe('installCrashGuard', () => {
  it('logs an error during startup as fatal, tells onFatal, and exits 1 once', async () => {
    const { proc, lines, fatal, flushed } = setup()
    const error = new Error('settings.json is unreadable')
    proc.emit('uncaughtException', error, 'uncaughtException')
    proc.emit('unhandledRejection', new Error('and then this'))
    await flushed()
    expect(proc.exitCodes).toEqual([1])
    expect(fatal).toEqual([error])
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: 60,
      kind: 'uncaughtException',
      err: { message: 'settings.json is unreadable' },
    })
    expect(String((lines[0]?.['err'] as { stack: string }).stack)).toContain('crash-guard.test')
  })

  it('treats a rejection during startup the same way', async () => {
    const { proc, lines, flushed } = setup()
    proc.emit('unhandledRejection', 'a string, not an Error')
    await flushed()
    expect(proc.exitCodes).toEqual([1])
    expect(lines[0]).toMatchObject({
      kind: 'unhandledRejection',
      err: { message: 'non-error thrown: a string, not an Error' },
    })
  })

  it('once started, logs uncaught exceptions and rejections and keeps running', async () => {
    const { proc, lines, guard, fatal, flushed } = setup()
    guard.started()
    proc.emit('uncaughtException', new TypeError('x is undefined'), 'uncaughtException')
    proc.emit('unhandledRejection', new Error('ECONNRESET'))
    proc.emit('unhandledRejection', { code: 42 })
    await flushed()
    expect(proc.exitCodes).toEqual([])
    expect(fatal).toEqual([])
    expect(lines.map((line) => [line['level'], line['kind'], line['msg']])).toEqual([
      [50, 'uncaughtException', 'uncaught exception; the app keeps running'],
      [50, 'unhandledRejection', 'unhandled promise rejection; the app keeps running'],
      [50, 'unhandledRejection', 'unhandled promise rejection; the app keeps running'],
    ])
    expect(lines[2]).toMatchObject({ err: { message: 'non-error thrown: {"code":42}' } })
  })

  it('bounds the log: a burst is written in full up to a point, then counted', async () => {
    const { proc, lines, guard, tick, flushed } = setup({ burst: 3, windowMs: 1_000 })
    guard.started()
    for (let i = 0; i < 100; i++) proc.emit('uncaughtException', new Error(`loop ${i}`), 'x')
    tick(1_000)
    proc.emit('uncaughtException', new Error('later'), 'x')
    await flushed()
    expect(lines.map((line) => (line['err'] as { message?: string } | undefined)?.message)).toEqual(
      ['loop 0', 'loop 1', 'loop 2', undefined, 'later'],
    )
    expect(lines[3]).toMatchObject({ suppressed: 97 })
    expect(proc.exitCodes).toEqual([])
  })

  it('survives a logger that throws', () => {
    const proc = new FakeProcess()
    const guard = installCrashGuard({
      process: proc,
      logger: {
        error: () => {
          throw new Error('disk full')
        },
        fatal: () => {
          throw new Error('disk full')
        },
      },
      exit: (code) => proc.exitCodes.push(code),
    })
    guards.push(guard)
    guard.started()
    expect(() => proc.emit('uncaughtException', new Error('x'), 'x')).not.toThrow()
  })

  it('really keeps a Node process running after a throw in a timer, and exits while starting', async () => {
    const script = (startedFirst: boolean): string => `
      import { installCrashGuard } from ${JSON.stringify(GUARD)}
      const log = (level) => (_fields, message) => console.log(level + ': ' + message)
      const guard = installCrashGuard({
        process,
        logger: { error: log('error'), fatal: log('fatal') },
        exit: (code) => { console.log('exit ' + code); process.exit(code) },
      })
      ${startedFirst ? 'guard.started()' : ''}
      setTimeout(() => { throw new Error('boom in a timer') }, 1)
      setTimeout(() => Promise.reject(new Error('nobody handles this')), 20)
      setTimeout(() => console.log('still running'), 60)
    `
    const running = await runNode(script(true))
    expect(running).toEqual({
      code: 0,
      lines: [
        'error: uncaught exception; the app keeps running',
        'error: unhandled promise rejection; the app keeps running',
        'still running',
      ],
    })
    const starting = await runNode(script(false))
    expect(starting).toEqual({
      code: 1,
      lines: ['fatal: uncaught exception while starting; exiting', 'exit 1'],
    })
  })
})

const GUARD = fileURLToPath(new URL('./crash-guard.ts', import.meta.url))

function runNode(source: string): Promise<{ code: number | null; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', source],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += String(chunk)))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, lines: out.trim().split('\n') }))
  })
}
