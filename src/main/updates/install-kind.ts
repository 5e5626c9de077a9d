/**
 * Whether this copy of the app can update itself, decided from how it was installed. Pure: the
 * Electron glue reads the facts (src/main/index.ts) and this decides, so every case is tested
 * here. electron-updater itself would try to update a deb or rpm install through pkexec and the
 * system's package tools; LAN Room leaves those to the package manager that installed them.
 */
import type { UpdateAvailability } from '../../shared/bridge/update'

/** The project's release feed: GitHub Releases, over HTTPS (electron-builder.config.ts). */
export const RELEASE_FEED = { provider: 'github', owner: 'lanroom', repo: 'lanroom' } as const

export interface InstallFacts {
  platform: NodeJS.Platform
  /** Electron's app.isPackaged: false for `npm start` and the development Electron tier. */
  isPackaged: boolean
  /** The environment's LANROOM_UPDATES: `off` in the test tiers (e2e/harness). */
  updatesEnv: string | undefined
  /** $APPIMAGE, which the AppImage runtime sets to the image's path. */
  appImage: string | undefined
  /** resources/package-type (electron-builder writes `deb`, `rpm` or `pacman`), or null. */
  packageType: string | null
  /** resources/app-update.yml (electron-builder writes it for the formats that update), or null. */
  updateConfig: string | null
}

export interface InstallDecision {
  /** Never `off`: that is the setting's, decided by the updater (updater.ts). */
  availability: Exclude<UpdateAvailability, 'off'>
  /** Why, for main's log. */
  reason: string
}

/**
 * `key: value` lines of a flat YAML file such as app-update.yml, quotes taken off; a key whose
 * value is a list (`publisherName:` then `  - name` lines) gets its items joined by commas.
 */
export function flatYaml(text: string): Map<string, string> {
  const out = new Map<string, string>()
  let listKey: string | null = null
  for (const line of text.slice(0, 10_000).split(/\r?\n/)) {
    const item = /^\s+-\s*(.*?)\s*$/.exec(line)
    if (item && listKey !== null) {
      const value = unquote(item[1] ?? '')
      const before = out.get(listKey) ?? ''
      out.set(listKey, before === '' ? value : `${before},${value}`)
      continue
    }
    const match = /^([A-Za-z][\w-]*):\s*(.*?)\s*$/.exec(line)
    listKey = null
    if (!match?.[1]) continue
    out.set(match[1], unquote(match[2] ?? ''))
    if (match[2] === '') listKey = match[1]
  }
  return out
}

function unquote(value: string): string {
  return value.replace(/^(['"])(.*)\1$/, '$2')
}

/**
 * What is wrong with app-update.yml, or null: it must name this project's GitHub feed (so a
 * build configured for another feed never fetches from it), and on Windows the publisher whose
 * signature every update must carry (electron-builder writes it when it signs the build).
 */
export function updateConfigProblem(text: string, platform: NodeJS.Platform): string | null {
  const config = flatYaml(text)
  if (config.get('provider') !== RELEASE_FEED.provider) return 'its provider is not github'
  // GitHub itself, over HTTPS: never an enterprise host or plain HTTP named in the file.
  const host = config.get('host')
  if ((host !== undefined && host !== 'github.com') || config.get('protocol') === 'http') {
    return 'it names another host or plain HTTP'
  }
  if (config.get('owner') !== RELEASE_FEED.owner || config.get('repo') !== RELEASE_FEED.repo) {
    return `it names another feed than ${RELEASE_FEED.owner}/${RELEASE_FEED.repo}`
  }
  if (platform === 'win32' && !config.get('publisherName')) {
    return 'it names no publisherName: an unsigned build cannot check the signature of updates'
  }
  return null
}

export function decideInstall(facts: InstallFacts): InstallDecision {
  if (facts.updatesEnv === 'off') {
    return { availability: 'development', reason: 'LANROOM_UPDATES=off' }
  }
  if (!facts.isPackaged) {
    return { availability: 'development', reason: 'not a packaged build' }
  }
  if (facts.platform === 'linux') {
    const type = facts.packageType?.trim() ?? ''
    if (type === 'deb' || type === 'rpm' || type === 'pacman') {
      return { availability: 'package-manager', reason: `installed from a ${type} package` }
    }
    if (!facts.appImage) {
      return { availability: 'unsupported', reason: 'a Linux build that is not an AppImage' }
    }
  } else if (facts.platform !== 'win32' && facts.platform !== 'darwin') {
    return { availability: 'unsupported', reason: `no updates for ${facts.platform}` }
  }
  if (facts.updateConfig === null) {
    return { availability: 'unsupported', reason: 'no app-update.yml in the resources' }
  }
  const problem = updateConfigProblem(facts.updateConfig, facts.platform)
  if (problem !== null) {
    return { availability: 'unsupported', reason: `app-update.yml refused: ${problem}` }
  }
  return { availability: 'automatic', reason: 'a packaged build that can update itself' }
}
