/**
 * The setup every test file that opens things shares: what a test opens (hubs, clients,
 * directories, processes) is registered here as it is opened and closed after the test, the
 * last first, whether the test passed or failed halfway.
 *
 *   const { hub, client, dir, defer } = perTest()
 */
import { afterAll, afterEach } from 'vitest'
import type { HubOptions } from '../../src/main/hub'
import { endProcess, startHost, startJoin, type HostProcess, type JoinProcess } from './cli'
import { tempDir } from './temp-dir'
import { TestClient, startTestHub, type TestClientOptions } from './ws-client'

export type StartedHub = Awaited<ReturnType<typeof startTestHub>>

export interface Scope {
  /** Runs `cleanup` when the scope ends. */
  defer(cleanup: () => unknown): void
  /** `value`, with `cleanup(value)` deferred. */
  keep<T>(value: T, cleanup: (value: T) => unknown): T
  /** A fresh temporary directory, removed when the scope ends. */
  dir(prefix?: string): string
  /** A hub on 127.0.0.1 and a free port (startTestHub), stopped when the scope ends. */
  hub(options?: Partial<HubOptions>): Promise<StartedHub>
  /** A test client of the hub at `url`, its connection dropped when the scope ends. */
  client(url: string, options?: TestClientOptions): TestClient
  /** `lanroom host --json ARGS` (startHost), ended with `stop` (SIGKILL: no goodbye) when the
   * scope ends. */
  host(
    args: string[],
    options?: { env?: NodeJS.ProcessEnv; stop?: NodeJS.Signals },
  ): Promise<HostProcess>
  /** `lanroom join ARGS` with its stdin open (startJoin), killed when the scope ends. */
  join(args: string[]): JoinProcess
  /** Runs every deferred cleanup, the last first; throws the first error once all have run. */
  end(): Promise<void>
}

export function createScope(): Scope {
  const cleanups: Array<() => unknown> = []
  const defer = (cleanup: () => unknown): void => {
    cleanups.push(cleanup)
  }
  const keep = <T>(value: T, cleanup: (value: T) => unknown): T => {
    defer(() => cleanup(value))
    return value
  }
  return {
    defer,
    keep,
    dir: (prefix) => {
      const made = tempDir(prefix)
      defer(made.remove)
      return made.path
    },
    hub: async (options = {}) => {
      const started = await startTestHub(options)
      defer(started.stop)
      return started
    },
    client: (url, options) => keep(new TestClient(url, options), (c) => c.ws.terminate()),
    host: async (args, { env = {}, stop = 'SIGKILL' } = {}) =>
      keep(await startHost(args, env), (host) => endProcess(host, stop)),
    join: (args) => keep(startJoin(args), (joined) => endProcess(joined)),
    end: async () => {
      let first: unknown = null
      while (cleanups.length > 0) {
        try {
          await cleanups.pop()?.()
        } catch (error) {
          first ??= error
        }
      }
      if (first !== null) throw first
    },
  }
}

/** A scope that ends after each test of the file (call it at the file's top level). */
export function perTest(): Scope {
  const scope = createScope()
  afterEach(() => scope.end())
  return scope
}

/** A scope that ends after the file's last test. */
export function perFile(): Scope {
  const scope = createScope()
  afterAll(() => scope.end())
  return scope
}
