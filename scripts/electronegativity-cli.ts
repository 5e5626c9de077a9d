/**
 * `npm run electronegativity -- -i <path> [options]`: Electronegativity's own command line, for
 * looking at findings by hand (`npm run security:check` is the check `npm test` runs).
 *
 * Why not `npx electronegativity`: its bin (dist/index.js) requires `commander` without
 * declaring it, and gets the app's own commander 14, whose API it does not speak, so it
 * crashes at start ("version is not a function"). This reads the same options with Node's
 * parseArgs and calls its runner exactly as its bin would, with the same defaults.
 */
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { invokedDirectly } from './invoked-directly'

const requireCjs = createRequire(import.meta.url)

const USAGE = `Usage: npm run electronegativity -- -i <path> [options]

Electronegativity, the Electron security linter, over a folder, a .js or .html file, or an .asar.

  -i, --input <path>              what to scan (required)
  -l, --checks <names>            only these checks, comma separated
  -x, --exclude-checks <names>    all checks but these, comma separated
  -s, --severity <level>          only findings of this severity or above
  -c, --confidence <level>        only findings of this confidence or above
  -o, --output <file.csv|.sarif>  write the results to a file instead of a table
  -r, --relative                  show paths relative to the input
  -v, --verbose <bool>            describe each finding (default true)
  -u, --upgrade <from..to>        run the Electron upgrade checks
  -e, --electron-version <v>      assume this Electron version
  -p, --parser-plugins <names>    more Babel parser plugins, comma separated
  -V, --version                   its version
  -h, --help                      this text

Offline, it cannot fetch its translations (it says so and uses English), and the check
AvailableSecurityFixesGlobalCheck cannot download Electron's release list: leave it out with
-x AvailableSecurityFixesGlobalCheck. The project's own scan: npm run security:check.`

const OPTIONS = {
  input: { type: 'string', short: 'i' },
  checks: { type: 'string', short: 'l' },
  'exclude-checks': { type: 'string', short: 'x' },
  severity: { type: 'string', short: 's' },
  confidence: { type: 'string', short: 'c' },
  output: { type: 'string', short: 'o' },
  relative: { type: 'boolean', short: 'r' },
  verbose: { type: 'string', short: 'v' },
  upgrade: { type: 'string', short: 'u' },
  'electron-version': { type: 'string', short: 'e' },
  'parser-plugins': { type: 'string', short: 'p' },
  version: { type: 'boolean', short: 'V' },
  help: { type: 'boolean', short: 'h' },
} as const

const FALSY = ['false', 'FALSE', 'off', '0', 'no', 'disable', 'disabled']

function list(value: string | undefined, lower: boolean): string[] {
  if (!value) return []
  return value.split(',').map((item) => (lower ? item.trim().toLowerCase() : item.trim()))
}

/** The options Electronegativity's runner takes, from the command line; a string is an error. */
export function runnerOptions(argv: string[]): Record<string, unknown> | string {
  let values
  try {
    ;({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true }))
  } catch (error) {
    return (error as Error).message
  }
  if (!values.input) return 'missing --input'
  const output = values.output
  const format = output?.split('.').pop()
  if (output !== undefined && format !== 'csv' && format !== 'sarif') {
    return '--output must name a .csv or .sarif file'
  }
  return {
    input: resolve(values.input),
    output,
    isSarif: format === 'sarif',
    customScan: list(values.checks, true),
    excludeFromScan: list(values['exclude-checks'], true),
    severitySet: values.severity,
    confidenceSet: values.confidence,
    isRelative: values.relative ?? false,
    isVerbose: !(values.verbose !== undefined && FALSY.includes(values.verbose)),
    electronUpgrade: values.upgrade,
    electronVersionOverride: values['electron-version'],
    parserPlugins: list(values['parser-plugins'], false),
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    console.log(USAGE)
    return 0
  }
  if (argv.includes('-V') || argv.includes('--version')) {
    console.log(
      (requireCjs('@doyensec/electronegativity/package.json') as { version: string }).version,
    )
    return 0
  }
  const options = runnerOptions(argv)
  if (typeof options === 'string') {
    console.error(`electronegativity: ${options}\n\n${USAGE}`)
    return 2
  }
  const run = requireCjs('@doyensec/electronegativity') as (
    options: Record<string, unknown>,
    forCli: boolean,
  ) => Promise<unknown>
  // As its bin does: a table on the terminal unless the results go to a file.
  await run(options, options['output'] === undefined)
  return 0
}

if (invokedDirectly(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      console.error(`electronegativity: ${error instanceof Error ? error.stack : String(error)}`)
      process.exitCode = 1
    },
  )
}
