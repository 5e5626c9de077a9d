import { ConnectionError, type RoomConnection } from '../main/connection'
import { LIMITS, SCHEMAS, describeIssues, type ResultsMessage } from '../shared/protocol'
import { openRoom, type RoomOptions } from './open-room'
import { formatMatch } from './search-lines'

export interface SearchOptions extends RoomOptions {
  text: string
  /** Only matches older than this seq (continuing an earlier search). */
  before?: number
  /** At most this many matches (1..LIMITS.maxSearchResults; default: the most). */
  limit?: number
  /** Print the hub's `results` message as one JSON line instead. */
  json: boolean
}

interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream
}

/** Exit codes of `lanroom search` (documented in its --help and the README). */
export const SEARCH_EXIT = {
  matched: 0,
  nothing: 1,
  usage: 2,
  untrusted: 3,
  /** Could not join the room, or the room could not answer the search. */
  failed: 4,
} as const

/** A refusal for the pace is waited out once when the hub asks for at most this long. */
const MAX_RETRY_WAIT_MS = 10_000

/**
 * `lanroom search ROOM TEXT`: joins the room (as `join` does: the same room resolution,
 * certificate checks, identity and passphrase), asks the hub for the chats whose current text
 * holds every word of TEXT, newest first, prints them as `#SEQ [YYYY-MM-DD HH:MM] name:
 * snippet`, and leaves. Exit codes: SEARCH_EXIT.
 */
export async function search(
  options: SearchOptions,
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const text = SCHEMAS.search.shape.text.safeParse(options.text)
  if (!text.success) {
    io.stderr.write(`lanroom: the text to search for ${describeIssues(text.error)}\n`)
    return SEARCH_EXIT.usage
  }
  const opened = await openRoom(options, io)
  if (!opened.ok) {
    return opened.exitCode === 1 ? SEARCH_EXIT.failed : opened.exitCode
  }
  const { connection } = opened
  let results: ResultsMessage
  try {
    results = await ask(connection, {
      text: text.data,
      ...(options.before !== undefined ? { before: options.before } : {}),
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
    })
  } catch (error) {
    const unsupported = error instanceof ConnectionError && error.code === 'CONN_ERR_UNSUPPORTED'
    io.stderr.write(
      unsupported
        ? "lanroom: this room's host cannot search (it runs an older LAN Room)\n"
        : `lanroom: search failed: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    return SEARCH_EXIT.failed
  } finally {
    await connection.close()
  }
  if (options.json) {
    io.stdout.write(JSON.stringify(results) + '\n')
  } else {
    const mark = io.stdout.isTTY === true
    for (const match of results.matches) io.stdout.write(formatMatch(match, mark) + '\n')
    if (results.matches.length === 0) io.stderr.write('lanroom: no message matches\n')
  }
  const last = results.matches[results.matches.length - 1]
  if (results.more && last && !options.json) {
    io.stderr.write(`lanroom: older matches may exist: search again with --before ${last.seq}\n`)
  }
  return results.matches.length > 0 ? SEARCH_EXIT.matched : SEARCH_EXIT.nothing
}

/** Asks once; a refusal for the pace (`request_limited`) is waited out once, if briefly. */
async function ask(
  connection: RoomConnection,
  query: { text: string; before?: number; limit?: number },
): Promise<ResultsMessage> {
  try {
    return await connection.search(query)
  } catch (error) {
    const wait = error instanceof ConnectionError ? error.retryAfterMs : null
    const paced = error instanceof ConnectionError && error.code === 'HUB_request_limited'
    if (!paced || wait === null || wait > MAX_RETRY_WAIT_MS) throw error
    await new Promise((resolve) => setTimeout(resolve, wait))
    return connection.search(query)
  }
}

/** The most matches one search may ask for. */
export const MAX_SEARCH_LIMIT = LIMITS.maxSearchResults
