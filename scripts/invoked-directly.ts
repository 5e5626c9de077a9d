import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Whether the module at `moduleUrl` is the script node was started with, rather than imported. */
export function invokedDirectly(moduleUrl: string): boolean {
  const script = process.argv[1]
  if (script === undefined) return false
  try {
    const started = realpathSync(script)
    const module = realpathSync(fileURLToPath(moduleUrl))
    return process.platform === 'win32'
      ? started.toLowerCase() === module.toLowerCase()
      : started === module
  } catch {
    return false
  }
}
