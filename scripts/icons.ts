/**
 * Renders every icon file from the one source image, build/icon.svg (`npm run icons`):
 *
 *   build/icons/NxN.png   Linux icon set (electron-builder's linux.icon)
 *   build/icon.png        1024 px, the fallback electron-builder and the window use
 *   build/icon.ico        Windows: the executable, the installer and its shortcuts
 *   build/icon.icns       macOS: the app bundle and the dmg
 *   build/icon.svg.sha256 the source's fingerprint, so a test can tell when they are stale
 *
 * The outputs are committed: packaging needs no rasterizer, only this script does. Each size is
 * rendered from the vector source (not scaled down from a large bitmap), so small sizes stay sharp.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import {
  ICNS_TYPES,
  ICO_SIZES,
  PNG_SIZES,
  encodeIcns,
  encodeIco,
  sourceFingerprint,
  type RenderedSize,
} from './icon-formats'
import { invokedDirectly } from './invoked-directly'

const BUILD_DIR = fileURLToPath(new URL('../build/', import.meta.url))
export const SOURCE = 'icon.svg'

/** One size of the icon, rendered from the vector source (also the guest app's icons: vite.guest.config.ts). */
export function render(svg: Buffer, size: number): RenderedSize {
  const image = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false }, // the icon has no text
  }).render()
  if (image.width !== size || image.height !== size) {
    throw new Error(
      `${SOURCE} rendered at ${image.width}x${image.height}, expected ${size}: is it square?`,
    )
  }
  return { size, png: image.asPng(), premultipliedRgba: image.pixels }
}

/** Every file the script writes, relative to build/, with its contents. */
export function renderIconFiles(svg: Buffer): Map<string, Buffer> {
  const sizes = new Set<number>([...PNG_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, size]) => size)])
  const rendered = new Map([...sizes].map((size) => [size, render(svg, size)]))
  const at = (size: number): RenderedSize => rendered.get(size) as RenderedSize
  const files = new Map<string, Buffer>()
  for (const size of PNG_SIZES) files.set(`icons/${size}x${size}.png`, at(size).png)
  files.set('icon.png', at(1024).png)
  files.set('icon.ico', encodeIco(ICO_SIZES.map(at)))
  files.set('icon.icns', encodeIcns(new Map([...rendered].map(([size, r]) => [size, r.png]))))
  files.set(`${SOURCE}.sha256`, Buffer.from(sourceFingerprint(svg, SOURCE)))
  return files
}

async function main(): Promise<void> {
  const files = renderIconFiles(await readFile(join(BUILD_DIR, SOURCE)))
  // Start the icon set afresh so that no size dropped from PNG_SIZES lingers.
  await rm(join(BUILD_DIR, 'icons'), { recursive: true, force: true })
  await mkdir(join(BUILD_DIR, 'icons'), { recursive: true })
  for (const [path, data] of files) await writeFile(join(BUILD_DIR, path), data)
  console.log(
    `icons: rendered build/${SOURCE} into\n  build/${[...files.keys()].join('\n  build/')}`,
  )
}

// Run when invoked as a script (npm run icons); the packaging tests import renderIconFiles.
if (invokedDirectly(import.meta.url)) {
  await main()
}
