import { execFile } from 'node:child_process'

/** A command's output, or why there is none (a sentence naming the command). */
export type CommandResult = { ok: true; stdout: string } | { ok: false; reason: string }

export type RunCommand = (file: string, args: string[], timeoutMs: number) => Promise<CommandResult>

/** The most of a command's output read: firewall rule lists are long, but not this long. */
const MAX_OUTPUT_BYTES = 1024 * 1024

/**
 * Runs a system command without a shell, bounded in time and output; never rejects. A command
 * that is missing, denied or fails says so in `reason` (its first line of stderr).
 */
export const runCommand: RunCommand = (file, args, timeoutMs) =>
  new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        timeout: Math.max(1, timeoutMs),
        maxBuffer: MAX_OUTPUT_BYTES,
        windowsHide: true,
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, stdout })
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'ENOENT') return resolve({ ok: false, reason: `${file} is not installed` })
        if (error.killed) return resolve({ ok: false, reason: `${file} did not answer in time` })
        const said = stderr.trim().split('\n')[0]?.trim()
        resolve({ ok: false, reason: `${file} failed: ${said || error.message}`.slice(0, 300) })
      },
    )
  })
