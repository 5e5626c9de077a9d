/**
 * The cluster bench's hub child (cluster-hub.ts) as one bundle of plain JavaScript: through tsx
 * it would carry tsx's loader (about 33 MB of RSS) that no hub people run carries.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

/** Bundles the hub child from `root` into `outdir` (emptied first); its entry's path. */
export async function bundleHub(root: string, outdir: string): Promise<string> {
  rmSync(outdir, { recursive: true, force: true })
  await build({
    entryPoints: [join(root, 'bench', 'lib', 'cluster-hub.ts')],
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
  return join(outdir, 'cluster-hub.mjs')
}
