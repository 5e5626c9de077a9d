/**
 * An output whose reader went away (`lanroom join ... | head -1`): its next write fails with
 * EPIPE, which a stream reports as an 'error' event, and an 'error' event nobody listens to
 * ends the process with a stack trace. Node ignores SIGPIPE, so this is the only notice.
 */

/**
 * Calls `onClosed` once, on the first write error of `stream` (EPIPE, or any other: nothing
 * more can be written there either). Later writes are dropped by the destroyed stream, so the
 * command goes on as it would, its exit code its own, and ends without a trace on stderr.
 */
export function whenOutputCloses(
  stream: NodeJS.WritableStream,
  onClosed: () => void = () => {},
): void {
  let closed = false
  stream.on('error', () => {
    if (closed) return
    closed = true
    onClosed()
  })
}

/**
 * Resolves once everything written to `stream` so far has been handed to the system, or could
 * not be (its reader went away). Into a pipe Node writes asynchronously: what the pipe could not
 * take yet (past its 64 KiB) waits in the process, and `process.exit` would drop it, so a
 * `lanroom join --json | jq` read slowly lost the end of its output and still exited 0. A write
 * of nothing completes after the writes before it, in order.
 */
function outputFlushed(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    stream.write(Buffer.alloc(0), () => resolve())
  })
}

/**
 * Ends the process once what it printed has left it (a slow reader may take its time: a command
 * writing into a pipe waits for it), even if a library kept something alive: open sockets and
 * timers are closed by now. A reader that takes nothing at all would hold it for ever: Ctrl+C
 * (SIGINT) or SIGTERM then ends it at once, whatever listened to them while it ran.
 */
export async function leaveOnceFlushed(): Promise<never> {
  process.once('SIGINT', () => process.exit(130))
  process.once('SIGTERM', () => process.exit(143))
  await Promise.all([outputFlushed(process.stdout), outputFlushed(process.stderr)])
  process.exit(process.exitCode ?? 0)
}
