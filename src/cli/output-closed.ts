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
