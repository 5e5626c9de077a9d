import { setFlagsFromString } from 'node:v8'

/**
 * V8 flag that keeps the young generation (new space) at the size it has when the flag is set.
 * By default V8 doubles that space whenever more survives a scavenge than it holds, up to
 * 16 MiB per semi-space under Node 20, and never gives it back while allocation goes on: a
 * process that loads its modules and then takes 1000 members in a burst (each leaves its
 * connection's objects behind, all surviving) reaches that maximum, and both semi-spaces stay
 * resident, 25-30 MB of the hub's RSS holding no live object (docs/performance.md, target 4).
 *
 * V8 reads this factor each time it would grow the space, so it works when set at run time
 * through `v8.setFlagsFromString` (documented by Node); the sizes themselves
 * (`--max-semi-space-size`) are fixed when V8 starts, before any of our code, and Electron's
 * main process takes V8 flags only on its command line. Node and Electron both leave V8's
 * flags writable after start for this API.
 */
export const YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1'

let applied = false

/**
 * Keeps this process's young generation at its current size (see YOUNG_GENERATION_FLAG): the
 * earlier, the smaller, which is why the entries (the app's main process, the command line)
 * import this module first, and why importing it applies it. Process-wide, once.
 */
function keepYoungGenerationSmall(): void {
  if (applied) return
  applied = true
  setFlagsFromString(YOUNG_GENERATION_FLAG)
}

keepYoungGenerationSmall()
