/**
 * Main's last line of defence: an exception nothing caught, or a promise rejection nothing
 * handled. Without handlers, Electron shows "A JavaScript error occurred in the main process"
 * and Node ends the process on a rejection; the room, its host's guests and what the person was
 * typing go with it. With them, the error is logged and the app goes on, where that is safe.
 *
 * When it is not safe:
 * - before startup is over (`started()` not called yet): the app is half-built (no window, no
 *   bridge, a controller without its listeners), so carrying on would show a window that does
 *   nothing. The error is logged as fatal, `onFatal` may tell the person, and the app exits 1.
 * - never after: by then every operation that can fail (a command, a socket, a timer) fails on
 *   its own, the state it leaves is the state of one failed operation, and the process is
 *   still sound. Each room and connection has its own timers and handlers, so one failure does
 *   not stop the others. Exiting would turn any bug a peer can reach into a way to close
 *   everyone's app.
 *
 * Logging is bounded: a burst of the same failure (a timer failing 60 times a second) writes the
 * first few in full and then one line a minute with the count, so the log cannot fill the disk.
 */

/** What the guard needs of `process`. */
export interface GuardedProcess {
  on(event: 'uncaughtException', listener: (error: unknown, origin: string) => void): unknown
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown
  off(event: 'uncaughtException', listener: (error: unknown, origin: string) => void): unknown
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown
}

/** pino's logger satisfies this. */
export interface CrashLogger {
  error(fields: object, message: string): void
  fatal(fields: object, message: string): void
}

export interface CrashGuardOptions {
  process: GuardedProcess
  logger: CrashLogger
  /** Ends the app with a code (Electron's app.exit). */
  exit: (code: number) => void
  /** Told once, before exiting, of a fatal error (to show the person a dialog). */
  onFatal?: (error: unknown) => void
  now?: () => number
  /** Errors written in full per window before the rest are only counted. Default 10. */
  burst?: number
  /** The counting window in ms. Default 60 s. */
  windowMs?: number
}

export interface CrashGuard {
  /** Startup is over: from now on errors are logged and the app keeps running. */
  started(): void
  /** Removes the handlers (tests; the app keeps them for its whole life). */
  dispose(): void
}

export function installCrashGuard(options: CrashGuardOptions): CrashGuard {
  const { logger } = options
  const now = options.now ?? Date.now
  const burst = options.burst ?? 10
  const windowMs = options.windowMs ?? 60_000
  let starting = true
  let exiting = false
  let windowStart = now()
  let written = 0
  let suppressed = 0

  const handle = (kind: 'uncaughtException' | 'unhandledRejection', error: unknown): void => {
    if (exiting) return
    const fields = { kind, err: asError(error) }
    if (starting) {
      exiting = true
      safely(() => logger.fatal(fields, `${describe(kind)} while starting; exiting`))
      if (options.onFatal) safely(() => options.onFatal?.(error))
      options.exit(1)
      return
    }
    const at = now()
    if (at - windowStart >= windowMs) {
      if (suppressed > 0) {
        const count = suppressed
        safely(() => logger.error({ suppressed: count }, `${count} more errors were not logged`))
      }
      windowStart = at
      written = 0
      suppressed = 0
    }
    if (written >= burst) {
      suppressed += 1
      return
    }
    written += 1
    safely(() => logger.error(fields, `${describe(kind)}; the app keeps running`))
  }

  const onException = (error: unknown): void => handle('uncaughtException', error)
  const onRejection = (reason: unknown): void => handle('unhandledRejection', reason)
  options.process.on('uncaughtException', onException)
  options.process.on('unhandledRejection', onRejection)

  return {
    started: () => {
      starting = false
    },
    dispose: () => {
      options.process.off('uncaughtException', onException)
      options.process.off('unhandledRejection', onRejection)
    },
  }
}

function describe(kind: 'uncaughtException' | 'unhandledRejection'): string {
  return kind === 'uncaughtException' ? 'uncaught exception' : 'unhandled promise rejection'
}

/** pino serialises `err` with its stack when it is an Error; a thrown string or object is not. */
function asError(value: unknown): Error {
  if (value instanceof Error) return value
  let text: string
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value)
  } catch {
    text = String(value)
  }
  return new Error(`non-error thrown: ${String(text).slice(0, 1_000)}`)
}

/** A logger that throws must not throw from inside the handler (Node would then exit). */
function safely(write: () => void): void {
  try {
    write()
  } catch {
    // Nothing left to report it to.
  }
}
