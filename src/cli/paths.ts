import { homedir, userInfo } from 'node:os'
import { join } from 'node:path'

/** Where the lanroom command keeps rooms and their history unless told otherwise. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['LANROOM_DATA_DIR']) return env['LANROOM_DATA_DIR']
  if (process.platform === 'win32') {
    return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'lanroom')
  }
  if (process.platform === 'darwin') {
    return join(homedir(), 'Library', 'Application Support', 'lanroom')
  }
  return join(env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'), 'lanroom')
}

/** The OS user name, as a default display name. */
export function osUserName(): string {
  try {
    const name = userInfo().username.trim()
    if (name) return name.slice(0, 40)
  } catch {
    // No passwd entry (containers): fall through.
  }
  return 'someone'
}
