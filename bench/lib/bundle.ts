/**
 * Hubs a bench runs in child processes, bundled into plain JavaScript: through tsx each would
 * carry tsx's loader thread, about 33 MB of RSS that no hub people run carries.
 */
import { rmSync } from 'node:fs'
import { build } from 'esbuild'

/** Bundles `entryPoints` into `outdir` (emptied first), each as `<name>.mjs`. */
export async function bundleEntries(entryPoints: string[], outdir: string): Promise<void> {
  rmSync(outdir, { recursive: true, force: true })
  await build({
    entryPoints,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Chunks for dynamic imports: what the hub loads lazily (OPAQUE) stays lazy, as in the app.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
}
