/**
 * `npm run security:check` (part of `npm test`, after the build): runs Electronegativity, the
 * Electron security linter, over the app and fails unless every finding is explained in
 * docs/electronegativity-allowlist.json. It also fails on an allowlist entry that no longer
 * matches anything, so that the list only ever holds findings that exist.
 *
 * What is scanned, together in one run (its global checks, such as "is there a CSP" or "is
 * navigation limited", look across all files): package.json (the Electron version), src/ (the
 * TypeScript sources, which its TypeScript parser reads; findings point at lines people edit)
 * and out/ (the built app, what ships), the renderer bundle included: its scripts are lowered
 * to ES2019 in the copy (lowerRendererScripts), since Electronegativity cannot parse the class
 * private fields of compiled Svelte 5 components. The files are copied to a temporary directory
 * first, so that nothing else in the repository (node_modules aside, tests, benchmarks) is
 * scanned. No file may go unparsed: the allowlist's parseErrors is empty.
 *
 * `npm run electronegativity -- -i <path>` (scripts/electronegativity-cli.ts) runs its own
 * command line by hand, which `npx electronegativity` cannot (it crashes on commander 14).
 *
 * Offline, like every test here: Electronegativity fetches translations at start-up (it falls
 * back to its bundled English when that fails, so the fetch is made to fail at once), and its
 * AvailableSecurityFixesGlobalCheck downloads Electron's release list, so it is left out;
 * keeping Electron current is the release checklist's job (docs/security.md).
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { Module, createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { transform } from 'esbuild'
import { z } from 'zod'
import { invokedDirectly } from './invoked-directly'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const ALLOWLIST_PATH = join(ROOT, 'docs', 'electronegativity-allowlist.json')
/** Scanned together; see above. out/ must be built first (`npm test` builds before this). */
const INPUTS = ['package.json', 'src', 'out']
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck']

export interface Finding {
  check: string
  /** Relative to the repository, with `/`. */
  file: string
  line: number
  column: number
  severity: string
  confidence: string
  sample: string
  description: string
}

export interface ParseError {
  file: string
  message: string
}

const findingEntry = z
  .object({
    /** Electronegativity's check id, e.g. OPEN_EXTERNAL_JS_CHECK. */
    check: z.string().min(1),
    /** Paths the finding may be reported in; `*` stands for any characters except `/`. */
    files: z.array(z.string().min(1)).min(1),
    /** Text the reported line must contain, to pin the entry to one construct. */
    sample: z.string().min(1).optional(),
    /** Why this is acceptable here, or where it is handled. */
    why: z.string().min(40),
  })
  .strict()

const parseErrorEntry = z
  .object({
    file: z.string().min(1),
    message: z.string().min(1),
    why: z.string().min(40),
  })
  .strict()

export const allowlistSchema = z
  .object({
    $comment: z.string().optional(),
    findings: z.array(findingEntry),
    parseErrors: z.array(parseErrorEntry),
  })
  .strict()
export type Allowlist = z.infer<typeof allowlistSchema>

export function pathMatches(pattern: string, path: string): boolean {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')
  return new RegExp(`^${escaped}$`).test(path)
}

function entryMatches(entry: Allowlist['findings'][number], finding: Finding): boolean {
  return (
    entry.check === finding.check &&
    entry.files.some((pattern) => pathMatches(pattern, finding.file)) &&
    (entry.sample === undefined || finding.sample.includes(entry.sample))
  )
}

export interface Verdict {
  unexplained: Finding[]
  unexplainedErrors: ParseError[]
  /** Allowlist entries that matched nothing: the finding is gone, so the entry must go. */
  stale: string[]
}

/** Compares what Electronegativity found with what the allowlist explains. */
export function judge(findings: Finding[], errors: ParseError[], allowlist: Allowlist): Verdict {
  const stale: string[] = []
  for (const entry of allowlist.findings) {
    if (!findings.some((finding) => entryMatches(entry, finding))) {
      stale.push(`${entry.check} in ${entry.files.join(', ')}`)
    }
  }
  for (const entry of allowlist.parseErrors) {
    const matches = (error: ParseError): boolean =>
      pathMatches(entry.file, error.file) && error.message.includes(entry.message)
    if (!errors.some(matches)) stale.push(`parse error "${entry.message}" in ${entry.file}`)
  }
  return {
    unexplained: findings.filter((f) => !allowlist.findings.some((e) => entryMatches(e, f))),
    unexplainedErrors: errors.filter(
      (error) =>
        !allowlist.parseErrors.some(
          (entry) => pathMatches(entry.file, error.file) && error.message.includes(entry.message),
        ),
    ),
    stale,
  }
}

export function readAllowlist(path = ALLOWLIST_PATH): Allowlist {
  return allowlistSchema.parse(JSON.parse(readFileSync(path, 'utf8')))
}

// ------------------------------------------------------------------ running it

/** What Electronegativity's run() resolves with (it ships no types). */
interface RunResult {
  globalChecks: number
  atomicChecks: number
  errors: Array<{ file: string; message: string }>
  issues: Array<{
    id: string
    file: string
    location: { line: number; column: number }
    severity: { name: string }
    confidence: { name: string }
    sample?: string
    description: string
  }>
}
type Run = (options: Record<string, unknown>) => Promise<RunResult>

const requireCjs = createRequire(import.meta.url)

/** Electronegativity's translation fetch fails at once, without touching the network. */
function stubNetwork(runnerPath: string): void {
  const gotPath = createRequire(runnerPath).resolve('got')
  const stub = new Module(gotPath)
  stub.filename = gotPath
  stub.loaded = true
  stub.exports = () => Promise.reject(new Error('no network in security:check'))
  requireCjs.cache[gotPath] = stub
}

/** The renderer's built scripts, relative to the staging folder; then the guest app's (the same
 * renderer built for browsers, #16), when it was built. */
const RENDERER_ASSETS = join('out', 'renderer', 'assets')
const GUEST_ASSETS = join('out', 'guest', 'assets')

/**
 * Electronegativity's parsers predate class private fields (`#x`), which the compiled Svelte 5
 * components use, so it could not read the renderer bundle at all. Each built renderer script
 * is therefore lowered to ES2019 (esbuild, as the build itself uses) before the scan: the same
 * code, with private fields as WeakMaps and the newer operators spelled out. Findings in these
 * files point at lines of the lowered copy, not of out/ (unminified, so still readable).
 */
export async function lowerRendererScripts(stage: string): Promise<string[]> {
  const lowered: string[] = []
  for (const assets of [RENDERER_ASSETS, GUEST_ASSETS]) {
    const dir = join(stage, assets)
    if (assets === GUEST_ASSETS && !existsSync(dir)) continue
    lowered.push(...(await lowerScriptsIn(dir)))
  }
  if (lowered.length === 0) throw new Error(`no renderer scripts in ${RENDERER_ASSETS}`)
  return lowered
}

async function lowerScriptsIn(dir: string): Promise<string[]> {
  const lowered: string[] = []
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.js')) continue
    const path = join(dir, name)
    const { code } = await transform(readFileSync(path, 'utf8'), {
      target: 'es2019',
      format: 'esm',
      loader: 'js',
      minify: false,
    })
    writeFileSync(path, code)
    lowered.push(name)
  }
  return lowered
}

/**
 * Runs Electronegativity over `inputs` of `root` (by default the repository's package.json,
 * src and out), staged in a temporary folder with the renderer's scripts lowered.
 */
export async function scan(
  root = ROOT,
  inputs: readonly string[] = INPUTS,
): Promise<{
  findings: Finding[]
  errors: ParseError[]
  checks: number
  version: string
  electron: string
}> {
  for (const input of inputs) {
    if (!existsSync(join(root, input))) {
      throw new Error(`${input} is missing${input === 'out' ? ': run `npm run build` first' : ''}`)
    }
  }
  const runnerPath = requireCjs.resolve('@doyensec/electronegativity')
  stubNetwork(runnerPath)
  const run = requireCjs(runnerPath) as Run
  const version = (requireCjs('@doyensec/electronegativity/package.json') as { version: string })
    .version
  // The Electron this app is built with, not the lowest its semver range allows.
  const electronManifest = requireCjs.resolve('electron/package.json')
  const electron = (JSON.parse(readFileSync(electronManifest, 'utf8')) as { version: string })
    .version

  const stage = mkdtempSync(join(tmpdir(), 'lanroom-electronegativity-'))
  // Its messages come from the bundled English whatever the machine's locale.
  const lang = process.env['LANG']
  process.env['LANG'] = 'en-US'
  // It says on stdout that the translations could not be fetched: true, and noise here.
  const log = console.log
  try {
    for (const input of inputs) {
      cpSync(join(root, input), join(stage, input), {
        recursive: true,
        filter: (path) => !path.endsWith('.map'),
      })
    }
    await lowerRendererScripts(stage)
    console.log = () => {}
    const result = await run({
      input: stage,
      isRelative: true,
      excludeFromScan: EXCLUDED_CHECKS,
      customScan: [],
      electronVersionOverride: electron,
    })
    const slash = (path: string): string => path.split(sep).join('/')
    return {
      findings: result.issues.map((issue) => ({
        check: issue.id,
        file: slash(issue.file),
        line: issue.location.line,
        column: issue.location.column,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        sample: (issue.sample ?? '').trim(),
        description: issue.description,
      })),
      errors: result.errors.map((error) => ({
        file: slash(relative(stage, error.file)),
        message: error.message,
      })),
      checks: result.globalChecks + result.atomicChecks,
      version,
      electron,
    }
  } finally {
    console.log = log
    if (lang === undefined) delete process.env['LANG']
    else process.env['LANG'] = lang
    rmSync(stage, { recursive: true, force: true })
  }
}

async function main(): Promise<number> {
  const started = performance.now()
  const allowlist = readAllowlist()
  const { findings, errors, checks, version, electron } = await scan()
  if (checks === 0) {
    console.error('security:check: Electronegativity loaded no checks')
    return 1
  }
  const verdict = judge(findings, errors, allowlist)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(
    `security:check: Electronegativity ${version}, ${checks} checks over ${INPUTS.join(', ')} ` +
      `(Electron ${electron}), ${seconds} s: ${findings.length} findings, ` +
      `${errors.length} ${errors.length === 1 ? 'file' : 'files'} it could not parse`,
  )
  for (const f of findings) {
    const mark = verdict.unexplained.includes(f) ? 'UNEXPLAINED' : 'explained  '
    console.log(`  ${mark} ${f.check} ${f.file}:${f.line} ${f.severity}/${f.confidence}`)
  }
  for (const e of errors) {
    const mark = verdict.unexplainedErrors.includes(e) ? 'UNEXPLAINED' : 'explained  '
    console.log(`  ${mark} could not parse ${e.file}: ${e.message}`)
  }
  for (const f of verdict.unexplained) {
    console.error(
      `\n${f.check} (${f.severity}, ${f.confidence}) at ${f.file}:${f.line}:${f.column}\n` +
        `  ${f.description}\n  > ${f.sample}`,
    )
  }
  for (const entry of verdict.stale) {
    console.error(`\nstale allowlist entry, it matches nothing any more: ${entry}`)
  }
  const failed =
    verdict.unexplained.length + verdict.unexplainedErrors.length + verdict.stale.length
  if (failed > 0) {
    console.error(
      `\nsecurity:check failed: fix the code, or explain each finding in ` +
        `${relative(ROOT, ALLOWLIST_PATH)} (see docs/security.md); remove stale entries.`,
    )
    return 1
  }
  console.log('security:check: every finding is explained')
  return 0
}

if (invokedDirectly(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`security:check: ${error instanceof Error ? error.stack : String(error)}`)
      process.exit(1)
    },
  )
}
