/**
 * The `lanroom` command's entry (out/main/cli.js): it sets V8's young-generation flag
 * (src/main/hub/young-generation.ts) and only then loads the command (src/cli/index.ts, out/
 * main/cli-app.js). V8 compiles a module's whole static import graph before running any of it,
 * which alone grows the young generation to 8 MB; loaded by this dynamic import, after the
 * flag, it stays at its start size (docs/performance.md, target 4).
 */
import '../main/hub/young-generation'

await import('./index')
