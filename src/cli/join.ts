import { createInterface } from 'node:readline'
import { clearLine, moveCursor } from 'node:readline'
import { ConnectionError, type ConnectionState, type RoomConnection } from '../main/connection'
import { LIMITS } from '../shared/protocol'
import { COMMANDS_HELP, parseTypedLine, type TypedLine } from './commands'
import { oneLine, splitText } from './format'
import { writeJsonEvents } from './json-events'
import { joinOutcome } from './join-outcome'
import { findMentions } from './mentions'
import { openRoom, type RoomOptions } from './open-room'
import { whenOutputCloses } from './output-closed'
import { RoomPrinter } from './room-printer'

export { formatEntry } from './room-printer'

export interface JoinOptions extends RoomOptions {
  /**
   * Once input has ended, how long to keep trying to reconnect (to deliver what is still
   * queued) before giving up with exit code 1. Default 30 s.
   */
  giveUpAfterMs?: number
  /** One hub message per line on stdout (json-events.ts); people's notices go to stderr. */
  json?: boolean
  /** Interactive: do not tell the room how far this person has read. */
  noReadReceipts?: boolean
}

interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean }
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream
}

const DEFAULT_GIVE_UP_MS = 30_000

/**
 * A terminal chat. On a terminal it is interactive; otherwise it reads lines from stdin and
 * writes the room to stdout, and at end of input it waits until every line it sent has been
 * acknowledged, then leaves with exit code 0. A dropped connection is retried by itself (and
 * said so on stdout); lines typed meanwhile are delivered once it is back. When stdout's reader
 * goes away (`| head -1`) it ends as at the end of input. Exit code 1 (joinOutcome) when
 * anything was left behind: a message refused or not acknowledged, or, from a pipe, input that
 * the room's end kept from being sent.
 */
export async function join(
  options: JoinOptions,
  io: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const json = options.json === true
  const opened = await openRoom(
    { ...options, connection: { requestTimeoutMs: 5_000, ...options.connection } },
    io,
  )
  if (!opened.ok) return opened.exitCode
  const { connection, welcome } = opened
  const clientId = connection.clientId

  const interactive = !json && Boolean(io.stdin.isTTY && io.stdout.isTTY)
  const rl = createInterface({
    input: io.stdin,
    output: interactive ? io.stdout : undefined,
    terminal: interactive,
  })
  let rlClosed = false
  rl.once('close', () => (rlClosed = true))
  /** A line on `to`; at a terminal it replaces the prompt, which is drawn again after it (while
   * there is input to prompt for). */
  const lineOn =
    (to: NodeJS.WritableStream) =>
    (line: string): void => {
      const prompting = interactive && !rlClosed
      if (prompting) {
        clearLine(io.stdout, 0)
        moveCursor(io.stdout, -1000, 0)
      }
      to.write(line + '\n')
      if (prompting) rl.prompt(true)
    }
  const print = lineOn(io.stdout)
  /** A refusal or an error, on stderr. */
  const warn = lineOn(io.stderr)

  // The room as text (or as JSON lines, with the notices for people on stderr).
  let printer: RoomPrinter | null = null
  if (json) {
    writeJsonEvents(connection, welcome, (line) => io.stdout.write(line + '\n'))
  } else {
    printer = new RoomPrinter(connection, {
      print,
      showSeq: interactive,
      mentioned: () => {
        if (io.stdout.isTTY) io.stdout.write('\u0007')
      },
      ...(interactive && !options.noReadReceipts
        ? { shown: (seq: number) => connection.markRead(seq) }
        : {}),
    })
  }
  const notice = (line: string): void => {
    if (printer) printer.notice(line)
    else io.stderr.write(line + '\n')
  }
  const others = welcome.members.filter((m) => m.clientId !== clientId).map((m) => m.name)
  notice(
    `* Joined "${welcome.room.name}", hosted by ${welcome.room.hostName}. ` +
      (others.length === 0 ? 'Nobody else is here yet.' : `Here: ${others.join(', ')}.`),
  )
  // What the welcome brought is in the timeline already; from now on, what is added.
  printer?.start()
  if (!json) connection.on('error', (error) => warn(`lanroom: ${oneLine(error.message)}`))
  let closingShown = false
  connection.on('closing', (message) => {
    closingShown = true
    // The hub's words: line breaks would let it print lines that look like the room's.
    if (!json) notice(`* ${oneLine(message)}`)
  })

  const giveUpAfterMs = options.giveUpAfterMs ?? DEFAULT_GIVE_UP_MS
  let inputEnded = false
  let gaveUp = false
  let giveUpTimer: NodeJS.Timeout | null = null
  /** After input ends, time spent unable to reconnect is bounded; time connected is not (a
   * long paste drains at the room's rate). */
  const watchGiveUp = (): void => {
    const stuck = inputEnded && connection.state.status === 'reconnecting'
    if (stuck && !giveUpTimer) {
      giveUpTimer = setTimeout(() => {
        gaveUp = true
        void connection.close()
      }, giveUpAfterMs)
    } else if (!stuck && giveUpTimer) {
      clearTimeout(giveUpTimer)
      giveUpTimer = null
    }
  }
  connection.on('state', (state: ConnectionState) => {
    if (state.status === 'reconnecting' && state.retryAt !== null) {
      const delay = Math.max(0, state.retryAt - Date.now()) / 1000
      notice(`* Connection lost; reconnecting in ${delay.toFixed(1)} s (attempt ${state.attempt})…`)
    } else if (state.status === 'connected') {
      notice('* Reconnected.')
    }
    watchGiveUp()
  })
  /** A chat (`not sent`) or a command (`not done`) the room refused or could not take. */
  const failed =
    (what: 'not sent' | 'not done') =>
    (error: unknown): void => {
      // Undelivered because the connection ended: counted once, at the end.
      if (error instanceof ConnectionError && error.code === 'CONN_ERR_CLOSED') return
      warn(`lanroom: ${what}: ${oneLine(error instanceof Error ? error.message : String(error))}`)
    }

  return new Promise<number>((resolve) => {
    connection.on('closed', (state) => {
      if (giveUpTimer) clearTimeout(giveUpTimer)
      // Before rl.close(), which counts as the end of input: a pipe still open holds lines
      // that were never read, so never sent.
      const inputLeft = !io.stdin.isTTY && !inputEnded
      rl.close()
      if (state.reason === 'ended' && !closingShown) notice(`* ${oneLine(state.message)}`)
      const { code, line } = joinOutcome({
        reason: state.reason,
        message: oneLine(state.message),
        gaveUpAfterMs: gaveUp ? giveUpAfterMs : null,
        unacknowledged: connection.pendingCount,
        refused: connection.failedCount,
        inputLeft,
      })
      if (line !== null) io.stderr.write(`lanroom: ${line}\n`)
      // Everything received is printed before leaving (a reply waiting for its quote is not
      // waiting for long: the connection's requests end with it).
      void (printer?.settled() ?? Promise.resolve()).then(() => resolve(code))
    })
    rl.on('line', (line) => {
      if (interactive) {
        // The hub's echo prints the line as the room sees it; remove the raw one.
        moveCursor(io.stdout, 0, -1)
        clearLine(io.stdout, 0)
      }
      if (line.trim().length === 0) return
      const typed: TypedLine = interactive ? parseTypedLine(line) : { kind: 'text', text: line }
      // One block: the prompt is redrawn after it, not between its lines.
      if (typed.kind === 'help') print(COMMANDS_HELP.join('\n'))
      else if (typed.kind === 'invalid') warn(`lanroom: ${typed.message}`)
      else send(connection, typed, failed)
    })
    rl.on('close', () => {
      if (inputEnded) return
      inputEnded = true
      watchGiveUp()
      void connection.drain().then((delivered) => {
        if (delivered) void connection.close()
      })
    })
    // Nobody reads the room any more: leave once what was sent is acknowledged, as at the end
    // of input, instead of dying of the write error.
    whenOutputCloses(io.stdout, () => rl.close())
    if (interactive) {
      rl.setPrompt('> ')
      rl.prompt()
    }
  })
}

/** Sends a chat (in pieces if it is long; mentions of members present found in each) or an
 * op; `failed` hears of what the room refused or the connection could not check. */
function send(
  connection: RoomConnection,
  typed: Exclude<TypedLine, { kind: 'help' | 'invalid' }>,
  failed: (what: 'not sent' | 'not done') => (error: unknown) => void,
): void {
  switch (typed.kind) {
    case 'text':
    case 'reply': {
      if (typed.kind === 'reply' && !connection.features.includes('reply')) {
        failed('not done')(new Error('this room does not support replies'))
        return
      }
      // A hub that does not know mentions would ignore them: the text says it all there.
      const noMentions = { mentions: [], mentionsRoom: false }
      const pieces = splitText(typed.text, connection.maxTextLength, LIMITS.maxTextBytes)
      pieces.forEach((piece, index) => {
        const { mentions, mentionsRoom } = connection.features.includes('mentions')
          ? findMentions(piece, connection.members, connection.clientId)
          : noMentions
        connection
          .send(piece, {
            ...(typed.kind === 'reply' && index === 0 ? { replyTo: typed.target } : {}),
            ...(mentions.length > 0 ? { mentions } : {}),
            ...(mentionsRoom ? { mentionsRoom } : {}),
          })
          .catch(failed('not sent'))
      })
      return
    }
    case 'react':
      connection.react(typed.target, typed.emoji).catch(failed('not done'))
      return
    case 'unreact':
      connection.unreact(typed.target, typed.emoji).catch(failed('not done'))
      return
    case 'edit':
      connection.edit(typed.target, typed.text).catch(failed('not done'))
      return
    case 'delete':
      connection.delete(typed.target).catch(failed('not done'))
      return
  }
}
