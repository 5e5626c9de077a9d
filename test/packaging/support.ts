import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Configuration } from 'electron-builder'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface PackageJson {
  name: string
  version: string
  main: string
  bin: Record<string, string>
  files?: string[]
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}

export const PACKAGE_JSON = JSON.parse(
  readFileSync(join(ROOT, 'package.json'), 'utf8'),
) as PackageJson

/** The build entry points the packaged app needs (`npm run build`; `npm test` builds first). */
export const BUILT_ENTRIES = [
  'out/main/index.js',
  'out/main/app.js',
  'out/main/cli.js',
  'out/main/cli-app.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
  'out/guest/index.html',
  'out/guest/manifest.webmanifest',
]

export function assertBuilt(): void {
  const missing = BUILT_ENTRIES.filter((entry) => !existsSync(join(ROOT, entry)))
  if (missing.length > 0) {
    throw new Error(`${missing.join(', ')} missing: run \`npm run build\` first`)
  }
}

/**
 * The packages `npm ci --omit=dev` would install, by name: package-lock.json entries not marked
 * dev (or dev-and-optional), that are installed here (optional ones for other platforms aren't).
 */
export function productionPackages(): Set<string> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean }>
  }
  const names = new Set<string>()
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.includes('node_modules/') || entry.dev === true || entry.devOptional === true)
      continue
    if (entry.optional === true && !existsSync(join(ROOT, path))) continue
    names.add(path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
  }
  return names
}

/** `require` as seen from electron-builder, to reach its own modules however npm laid them out. */
export const requireFromElectronBuilder = createRequire(
  createRequire(import.meta.url).resolve('electron-builder'),
)

type Validate = (
  config: Configuration,
  debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void },
) => Promise<void>

/** electron-builder's own check: its JSON schema (scheme.json) plus its deprecation rules. */
export const validateConfiguration = (
  requireFromElectronBuilder('app-builder-lib/out/util/config/config') as {
    validateConfiguration: Validate
  }
).validateConfiguration
export const quietLogger = { isEnabled: false, add: (): void => {} }

export interface Finished {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `node ARGS` in the repository root to the end; killed after `timeoutMs`. */
export function runNode(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 120_000,
): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** The npm CLI to run with node: the one running the tests, else the one installed with node. */
export function npmCli(): string {
  const running = process.env.npm_execpath
  if (running !== undefined && /\.[cm]?js$/.test(running)) return running
  const bin = dirname(process.execPath)
  return process.platform === 'win32'
    ? join(bin, 'node_modules', 'npm', 'bin', 'npm-cli.js')
    : join(bin, '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')
}
