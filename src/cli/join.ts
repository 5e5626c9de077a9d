import { createInterface } from 'node:readline'
import { clearLine, moveCursor } from 'node:readline'
import { ConnectionError, type ConnectionState, type TimelineEntry } from '../main/connection'
import { LIMITS } from '../shared/protocol'
import { formatChat, splitText } from './format'
import { openRoom, type RoomOptions } from './open-room'

export interface JoinOptions extends RoomOptions {
  /**
   * Once input has ended, how long to keep trying to reconnect (to deliver what is still
   * queued) before giving up with exit code 1. Default 30 s.
   */
  giveUpAfterMs?: number
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
 * said so on stdout); lines typed meanwhile are delivered once it is back.
 */
export async function join(
  options: JoinOptions,
  io: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const opened = await openRoom(options, io)
  if (!opened.ok) return opened.exitCode
  const { connection, welcome } = opened
  const clientId = connection.clientId

  const interactive = Boolean(io.stdin.isTTY && io.stdout.isTTY)
  const rl = createInterface({
    input: io.stdin,
    output: interactive ? io.stdout : undefined,
    terminal: interactive,
  })
  const print = (line: string): void => {
    if (interactive) {
      clearLine(io.stdout, 0)
      moveCursor(io.stdout, -1000, 0)
    }
    io.stdout.write(line + '\n')
    if (interactive) rl.prompt(true)
  }

  const others = welcome.members.filter((m) => m.clientId !== clientId).map((m) => m.name)
  print(
    `* Joined "${welcome.room.name}", hosted by ${welcome.room.hostName}. ` +
      (others.length === 0 ? 'Nobody else is here yet.' : `Here: ${others.join(', ')}.`),
  )
  // What the welcome brought is in the timeline already; from now on, print what is added.
  for (const entry of connection.timeline.entries) print(formatEntry(entry))
  connection.timeline.on('change', (change) => {
    if (change.type === 'add') for (const entry of change.entries) print(formatEntry(entry))
  })
  connection.on('error', (error) => io.stderr.write(`lanroom: ${error.message}\n`))
  let closingShown = false
  connection.on('closing', (message) => {
    closingShown = true
    print(`* ${message}`)
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
      print(`* Connection lost; reconnecting in ${delay.toFixed(1)} s (attempt ${state.attempt})…`)
    } else if (state.status === 'connected') {
      print('* Reconnected.')
    }
    watchGiveUp()
  })

  return new Promise<number>((resolve) => {
    connection.on('closed', (state) => {
      if (giveUpTimer) clearTimeout(giveUpTimer)
      rl.close()
      const undelivered = connection.pendingCount + connection.failedCount
      const lost = `${undelivered} message(s) were not delivered`
      if (gaveUp) {
        io.stderr.write(
          `lanroom: could not reconnect to the room within ${giveUpAfterMs / 1000} s; ${lost}\n`,
        )
        resolve(1)
      } else if (state.reason === 'left' || state.reason === 'ended') {
        if (state.reason === 'ended' && !closingShown) print(`* ${state.message}`)
        if (undelivered > 0) io.stderr.write(`lanroom: ${lost}\n`)
        resolve(undelivered > 0 ? 1 : 0)
      } else {
        io.stderr.write(`lanroom: ${state.message}${undelivered > 0 ? ` (${lost})` : ''}\n`)
        resolve(1)
      }
    })
    rl.on('line', (line) => {
      if (interactive) {
        // The hub's echo prints the line as the room sees it; remove the raw one.
        moveCursor(io.stdout, 0, -1)
        clearLine(io.stdout, 0)
      }
      if (line.trim().length === 0) return
      for (const piece of splitText(line, connection.maxTextLength, LIMITS.maxTextBytes)) {
        connection.send(piece).catch((error: unknown) => {
          // Undelivered because the connection ended: counted once, at the end.
          if (error instanceof ConnectionError && error.code === 'CONN_ERR_CLOSED') return
          io.stderr.write(`lanroom: not sent: ${error instanceof Error ? error.message : error}\n`)
        })
      }
    })
    rl.on('close', () => {
      if (inputEnded) return
      inputEnded = true
      watchGiveUp()
      void connection.drain().then((delivered) => {
        if (delivered) void connection.close()
      })
    })
    if (interactive) {
      rl.setPrompt('> ')
      rl.prompt()
    }
  })
}

/** One timeline entry as a terminal line. */
export function formatEntry(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'chat':
      return formatChat(entry.chat)
    case 'joined':
      return `* ${entry.member.name} joined`
    case 'renamed':
      return `* ${entry.member.clientId} is now ${entry.member.name}`
    case 'left': {
      const why =
        entry.reason === 'lost'
          ? ' (connection lost)'
          : entry.reason === 'removed'
            ? ' (removed)'
            : ''
      return `* ${entry.name} left${why}`
    }
    case 'gap':
      return entry.reason === 'epoch'
        ? "* The room's history was reset; messages may be missing here."
        : '* Some messages may be missing here: the room does not keep history that far back.'
  }
}
