/**
 * Builds the installers with electron-builder (`npm run dist`, `dist:win`, `dist:mac`,
 * `dist:linux`; the npm scripts build `out/` first):
 *
 *   tsx scripts/dist.ts [win|mac|linux] [electron-builder options...]
 *
 * Without a platform it builds for the one it runs on. It says up front what will and will not
 * be signed or notarized (scripts/signing.ts), never publishes unless asked to with `--publish`,
 * and passes every other option through, e.g. `--dir` for an unpacked build only, `--x64`, or
 * `-c.directories.output=elsewhere`. The configuration is electron-builder.config.ts.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { invokedDirectly } from './invoked-directly'
import { signingPlan, type DistPlatform } from './signing'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const CONFIG_FILE = 'electron-builder.config.ts'

const PLATFORMS: Record<string, DistPlatform> = { win32: 'win', darwin: 'mac', linux: 'linux' }

export function electronBuilderArgs(platform: DistPlatform, extra: readonly string[]): string[] {
  const publishes = extra.some(
    (arg) => arg === '--publish' || arg === '-p' || arg.startsWith('--publish='),
  )
  return [
    '--config',
    CONFIG_FILE,
    `--${platform}`,
    // A tag build on CI would otherwise try to publish on its own; the release workflow
    // uploads the artifacts itself.
    ...(publishes ? [] : ['--publish', 'never']),
    ...extra,
  ]
}

async function main(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv
  const named = first === 'win' || first === 'mac' || first === 'linux'
  const platform: DistPlatform | undefined = named ? first : PLATFORMS[process.platform]
  const extra = named ? rest : argv
  if (!named && first !== undefined && !first.startsWith('-')) {
    console.error(`dist: unknown platform "${first}"; use win, mac or linux`)
    return 2
  }
  if (platform === undefined) {
    console.error(`dist: no installers for ${process.platform}; name one of win, mac, linux`)
    return 2
  }
  if (!existsSync(new URL('../out/main/index.js', import.meta.url))) {
    console.error('dist: out/ is not built; run `npm run build` first (npm run dist does)')
    return 1
  }

  const plan = signingPlan(platform, process.env)
  for (const line of plan.messages) console.log(`dist: ${line}`)
  if (plan.error !== undefined) {
    console.error(`dist: ${plan.error}`)
    return 1
  }
  const env = { ...process.env, ...plan.env }
  for (const [name, value] of Object.entries(plan.env)) if (value === undefined) delete env[name]

  const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js')
  const args = electronBuilderArgs(platform, [...plan.args, ...extra])
  console.log(`dist: electron-builder ${args.join(' ')}`)
  const child = spawn(process.execPath, [cli, ...args], { cwd: ROOT, env, stdio: 'inherit' })
  return await new Promise<number>((resolve) => {
    child.on('error', (error) => {
      console.error(`dist: could not start electron-builder: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)))
  })
}

// Run when invoked as a script; the packaging tests import electronBuilderArgs only.
if (invokedDirectly(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2))
}
