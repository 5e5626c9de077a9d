#!/usr/bin/env node
// The lanroom command: the built CLI entry (npm run build makes it; npm install runs prepare).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const entry = new URL('../out/main/cli.js', import.meta.url)
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('lanroom: not built yet; run `npm run build` in the lanroom package first\n')
  process.exit(1)
}
await import(entry.href)
