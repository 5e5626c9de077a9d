import { randomBytes } from 'node:crypto'
import { createInterface } from 'node:readline'
import { clearLine, moveCursor } from 'node:readline'
import { ConnectionError, RoomConnection } from '../main/connection'
import { resolveTarget } from './resolve'
import { formatChat, splitText } from './format'

export interface JoinOptions {
  target: string
  name: string
  clientId?: string
  /** How long to look for a room given by name or id. Default 3000 ms. */
  discoveryTimeoutMs?: number
}

interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean }
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream
}

/**
 * A terminal chat. On a terminal it is interactive; otherwise it reads lines from stdin and
 * writes the room to stdout, and at end of input it waits until every line it sent has been
 * acknowledged, then leaves with exit code 0.
 */
export async function join(
  options: JoinOptions,
  io: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const resolution = await resolveTarget(options.target, options.discoveryTimeoutMs)
  if (!resolution.ok) {
    io.stderr.write(`lanroom: ${resolution.message}\n`)
    return resolution.exitCode
  }
  const url = resolution.urls[0] as string
  const clientId = options.clientId ?? randomBytes(12).toString('base64url')
  const connection = new RoomConnection({ url, name: options.name, clientId })
  let welcome
  try {
    welcome = await connection.connect()
  } catch (error) {
    const message = error instanceof ConnectionError ? error.message : String(error)
    io.stderr.write(`lanroom: ${message}\n`)
    return 1
  }

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
  for (const event of welcome.history) print(formatChat(event))

  connection.on('chat', (event) => print(formatChat(event)))
  connection.on('joined', ({ member }) => print(`* ${member.name} joined`))
  connection.on('renamed', ({ member }) => print(`* ${member.clientId} is now ${member.name}`))
  connection.on('left', ({ name, reason }) =>
    print(
      `* ${name} left${reason === 'left' ? '' : ` (${reason === 'lost' ? 'connection lost' : 'removed'})`}`,
    ),
  )
  connection.on('error', (error) => io.stderr.write(`lanroom: ${error.message}\n`))
  connection.on('closing', (message) => print(`* ${message}`))

  let inputEnded = false
  return new Promise<number>((resolve) => {
    connection.on('closed', (info) => {
      rl.close()
      const unsent = connection.pendingCount
      if (unsent > 0) {
        io.stderr.write(`lanroom: ${info.reason}; ${unsent} message(s) were not delivered\n`)
        resolve(1)
      } else if (info.code === 1001 || (inputEnded && info.code === 1000)) {
        resolve(0)
      } else {
        io.stderr.write(`lanroom: ${info.reason}\n`)
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
      for (const piece of splitText(line, connection.maxTextLength)) {
        connection.send(piece).catch((error: Error) => {
          io.stderr.write(`lanroom: not sent: ${error.message}\n`)
        })
      }
    })
    rl.on('close', () => {
      if (inputEnded) return
      inputEnded = true
      void connection.drain().then(() => connection.close())
    })
    if (interactive) {
      rl.setPrompt('> ')
      rl.prompt()
    }
  })
}
