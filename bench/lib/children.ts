/**
 * The child processes of the cluster benchmark (bench/cluster.ts): hubs that print lines and
 * answer control lines on stdin (hub-child.ts), receiver processes driven over IPC
 * (bench/receivers.ts, lib/ipc.ts). Every child is remembered by its ChildProcess, so the
 * benchmark ends only the processes it started, by their pid, and all of them when it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { HubGc, HubStats } from './hub-child'
import type { CommandName, ReceiverCommands, ReplyMessage } from './ipc'

const started = new Set<ChildProcess>()

/** Kills (SIGKILL) every child still running: on exit, so that nothing outlives the bench. */
export function killAllChildren(): void {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
}

export function spawnChild(
  command: string,
  args: string[],
  cwd: string,
  ipc: boolean,
): ChildProcess {
  const child = spawn(command, args, {
    cwd,
    stdio: ipc ? ['pipe', 'inherit', 'inherit', 'ipc'] : ['pipe', 'pipe', 'inherit'],
  })
  started.add(child)
  child.on('exit', () => started.delete(child))
  return child
}

export function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

/** SIGTERM, then SIGKILL if it has not gone within a few seconds. */
export async function stopChild(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM')
  if (!(await exited(child, 6_000))) {
    child.kill('SIGKILL')
    await exited(child, 2_000)
  }
}

/** A hub child (cluster-hub.ts): its pid and port, and its control lines. */
export class HubChild {
  private readonly queue: string[] = []
  private waiter: ((line: string) => void) | null = null

  private constructor(
    readonly child: ChildProcess,
    readonly label: string,
    public pid = 0,
    public port = 0,
  ) {
    if (!child.stdout) throw new Error(`${label}: no stdout`)
    createInterface({ input: child.stdout }).on('line', (line) => {
      const waiter = this.waiter
      this.waiter = null
      if (waiter) waiter(line)
      else this.queue.push(line)
    })
  }

  static async start(child: ChildProcess, label: string, timeoutMs: number): Promise<HubChild> {
    const hub = new HubChild(child, label)
    const gone = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`${label} exited (${code}) before listening`))),
    )
    gone.catch(() => {})
    const first = await Promise.race([hub.line(timeoutMs), gone])
    const { port, pid } = JSON.parse(first) as { port: number; pid: number }
    hub.port = port
    hub.pid = pid
    return hub
  }

  private line(timeoutMs: number): Promise<string> {
    const queued = this.queue.shift()
    if (queued !== undefined) return Promise.resolve(queued)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null
        reject(new Error(`${this.label}: no answer within ${timeoutMs} ms`))
      }, timeoutMs)
      this.waiter = (line) => {
        clearTimeout(timer)
        resolve(line)
      }
    })
  }

  /** Sends a control command (hub-child.ts) and returns its answer. */
  async command<K extends 'stats' | 'gc'>(
    command: K,
  ): Promise<K extends 'stats' ? HubStats : HubGc> {
    this.child.stdin?.write(`${command}\n`)
    for (let i = 0; i < 10; i++) {
      const answer = (JSON.parse(await this.line(15_000)) as Record<string, unknown>)[command]
      if (answer) return answer as K extends 'stats' ? HubStats : HubGc
    }
    throw new Error(`${this.label} does not answer ${command}`)
  }
}

/** A receiver process (bench/receivers.ts), driven by the commands of lib/ipc.ts. */
export class ReceiverChild {
  private nextId = 1
  private readonly waiting = new Map<number, (reply: ReplyMessage) => void>()
  readonly ready: Promise<void>

  constructor(readonly child: ChildProcess) {
    let markReady = (): void => {}
    this.ready = new Promise((resolve) => (markReady = resolve))
    child.on('message', (message: unknown) => {
      const reply = message as ReplyMessage
      if (reply.id === 0) return markReady()
      this.waiting.get(reply.id)?.(reply)
      this.waiting.delete(reply.id)
    })
    child.on('exit', (code) => {
      for (const settle of this.waiting.values()) {
        settle({ id: 0, ok: false, error: `receiver process exited (${code})` })
      }
      this.waiting.clear()
    })
  }

  request<K extends CommandName>(
    cmd: K,
    args: ReceiverCommands[K]['args'],
    timeoutMs = 180_000,
  ): Promise<ReceiverCommands[K]['result']> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id)
        reject(new Error(`receiver request ${cmd} timed out`))
      }, timeoutMs)
      this.waiting.set(id, (reply) => {
        clearTimeout(timer)
        if (reply.ok) resolve(reply.result as ReceiverCommands[K]['result'])
        else reject(new Error(reply.error ?? 'receiver error'))
      })
      this.child.send({ id, cmd, args })
    })
  }
}

/** Starts `count` receiver processes (bench/receivers.ts, through tsx) from the repository `root`. */
export function spawnReceivers(count: number, root: string): ReceiverChild[] {
  return Array.from(
    { length: count },
    () =>
      new ReceiverChild(
        spawnChild(
          process.execPath,
          ['--import', 'tsx', join(root, 'bench', 'receivers.ts')],
          root,
          true,
        ),
      ),
  )
}
