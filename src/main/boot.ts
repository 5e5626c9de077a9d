/**
 * The app's main-process entry (out/main/index.js): it sets V8's young-generation flag
 * (src/main/hub/young-generation.ts) and only then loads the app (src/main/index.ts, out/main/
 * app.js). V8 compiles a module's whole static import graph before running any of it, which
 * alone grows the young generation to 8 MB; loaded by this dynamic import, after the flag, it
 * stays at its start size (docs/performance.md, target 4). Awaited at the top level: Electron
 * emits `ready` only once the entry has finished, so everything the app does before `ready`
 * (registering its scheme, the single-instance lock) still happens before it.
 */
import './hub/young-generation'

await import('./index')
