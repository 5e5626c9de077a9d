#!/usr/bin/env node
// Runs a command through scripts/in-netns.sh from any shell npm uses, Windows' cmd.exe included:
// an npm script cannot start a .sh file there. Where there is no bash (Windows without Git Bash)
// there is no network namespace either, so the command runs directly and, as in-netns.sh does,
// LANROOM_NETNS_UNAVAILABLE tells the discovery tests why they did not run.
//
//   node scripts/in-netns.mjs COMMAND [ARGS...]
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const [command, ...args] = process.argv.slice(2)
if (command === undefined) {
  console.error('usage: node scripts/in-netns.mjs COMMAND [ARGS...]')
  process.exit(2)
}

/** @param {string} file @param {string[]} argv @param {NodeJS.ProcessEnv} env @param {boolean} shell */
function run(file, argv, env, shell) {
  const child = spawn(file, argv, { stdio: 'inherit', env, shell })
  child.on('error', (error) => {
    console.error(`in-netns: cannot run ${file}: ${error.message}`)
    process.exit(127)
  })
  child.on('exit', (code, signal) => {
    if (signal !== null) process.kill(process.pid, signal)
    else process.exit(code ?? 1)
  })
}

if (process.platform === 'win32') {
  const reason = 'network namespaces need Linux'
  console.error(`in-netns: ${reason}; mDNS discovery tests will not run`)
  // npm puts node_modules/.bin on PATH; on Windows its entries are .cmd files, which only a
  // shell can start.
  run(command, args, { ...process.env, LANROOM_NETNS_UNAVAILABLE: reason }, true)
} else {
  const script = fileURLToPath(new URL('in-netns.sh', import.meta.url))
  run('bash', [script, command, ...args], process.env, false)
}
