/**
 * The connection module runs in browsers (the guest app): its browser entry, and what the guest
 * adds to it, must reach no Node built-in and no Node global. Bundled here for browsers with
 * esbuild, which refuses to resolve a Node built-in for that platform.
 */
import { build, type Metafile } from 'esbuild'
import { describe, expect, it } from 'vitest'

const ENTRIES = [
  'src/main/connection/browser.ts',
  'src/guest/platform/web-identity.ts',
  // The guest's settings check watched addresses (preferences → watch-target), without scan.ts.
  'src/main/settings/preferences.ts',
]

/** Node-only modules: built-ins (with or without `node:`) and the Node WebSocket library. */
const NODE_ONLY =
  /^(node:|ws$|bonjour-service$|electron$|(fs|path|net|tls|http|https|os|crypto|events|stream|buffer|url|zlib|child_process|dgram|dns)(\/|$))/

/** `ownCodeOnly`: packages left out; `nodeExternal`: Node built-ins listed, not refused. */
async function bundle(entry: string, ownCodeOnly: boolean, nodeExternal = false) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...(ownCodeOnly ? { packages: 'external' as const } : {}),
    ...(nodeExternal ? { external: ['node:*'] } : {}),
  })
  const text = result.outputFiles.map((file) => file.text).join('\n')
  return { text, metafile: result.metafile }
}

function importedPaths(metafile: Metafile): string[] {
  return Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path))
}

describe.each(ENTRIES)('the browser bundle of %s', (entry) => {
  it('builds for browsers, with nothing Node-only among its modules', async () => {
    // A Node built-in anywhere in the graph makes the build fail for platform 'browser'.
    const { metafile } = await bundle(entry, false)
    const inputs = Object.keys(metafile.inputs)
    expect(inputs.filter((path) => /node_modules\/(ws|bonjour-service)\//.test(path))).toEqual([])
    expect(
      inputs.filter((path) => /security\/(identity|tls)\.ts$|ws-socket\.ts$/.test(path)),
    ).toEqual([])
    expect(importedPaths(metafile).filter((path) => NODE_ONLY.test(path))).toEqual([])
  })

  it('uses no Node global (Buffer, process, require) in this project’s code', async () => {
    // Packages stay outside this bundle: some carry guarded Node paths of their own.
    const { text, metafile } = await bundle(entry, true)
    expect(importedPaths(metafile).filter((path) => NODE_ONLY.test(path))).toEqual([])
    const code = text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')
    expect(code.match(/\b(Buffer|process|require|__dirname)\b/g) ?? []).toEqual([])
  })
})

describe('the bundle check', () => {
  it('bites: the Node entry (with ws-socket.ts) does not build for browsers', async () => {
    await expect(bundle('src/main/connection/index.ts', false)).rejects.toThrow(/node:|"ws"/)
  })
})

/** What only hosting (certificates, the machine's names) and scanning need. */
const HOSTING_OR_SCANNING =
  /controller\/hosting|security\/tls(-names|-renewal)?\.ts$|discovery\/(scan|probe|interfaces)|selfsigned/

describe('the guest page’s bridge', () => {
  it('bundles no hosting, certificate or discovery code (the page cannot host or scan)', async () => {
    // Node built-ins listed rather than failing the build: which module still reaches Node.
    const { metafile } = await bundle('src/guest/bridge/web-bridge.ts', false, true)
    const inputs = Object.keys(metafile.inputs)
    expect(inputs.filter((path) => HOSTING_OR_SCANNING.test(path))).toEqual([])
    // Left: the stores' path-or-file constructors (settings, pins) reach the disk module (and
    // the directory maker it uses), whose Node side the page never calls (it passes
    // localStorage files).
    const reachingNode = Object.entries(metafile.inputs)
      .filter(([, input]) => input.imports.some((i) => NODE_ONLY.test(i.path)))
      .map(([path]) => path)
      .sort()
    expect(reachingNode).toEqual(['src/main/make-directory.ts', 'src/main/settings/disk-file.ts'])
  })
})
