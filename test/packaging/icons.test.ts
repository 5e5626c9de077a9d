/**
 * The icon files in build/ are generated from build/icon.svg by `npm run icons`
 * (scripts/icons.ts) and committed. These checks fail when the source changed without
 * regenerating, or when a file is missing or not what electron-builder expects.
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ICNS_TYPES,
  ICO_SIZES,
  PNG_SIZES,
  pngSize,
  readIcns,
  readIco,
  sourceFingerprint,
} from '../../scripts/icon-formats'
import { SOURCE, renderIconFiles } from '../../scripts/icons'
import { ROOT } from './support'

const BUILD = join(ROOT, 'build')
const read = (path: string): Promise<Buffer> => readFile(join(BUILD, path))

describe('icons (build/, from build/icon.svg)', () => {
  it('are up to date with the source image (else run `npm run icons`)', async () => {
    const svg = await read(SOURCE)
    const recorded = (await read(`${SOURCE}.sha256`)).toString().replaceAll('\r\n', '\n')
    expect(recorded).toBe(sourceFingerprint(svg, SOURCE))
  })

  it('are exactly the files the script writes', async () => {
    const rendered = renderIconFiles(await read(SOURCE))
    const committed = [
      ...(await readdir(join(BUILD, 'icons'))).map((name) => `icons/${name}`),
      ...(await readdir(BUILD)).filter((name) => name.startsWith('icon.') && name !== SOURCE),
    ]
    expect(committed.sort()).toEqual([...rendered.keys()].sort())
  })

  it('include a PNG of each Linux size and a 1024 px build/icon.png', async () => {
    for (const size of PNG_SIZES) {
      expect(pngSize(await read(`icons/${size}x${size}.png`))).toEqual({
        width: size,
        height: size,
      })
    }
    expect(pngSize(await read('icon.png'))).toEqual({ width: 1024, height: 1024 })
  })

  it('include an .ico with every Windows size, 256 px as PNG and the rest as bitmaps', async () => {
    const entries = readIco(await read('icon.ico'))
    expect(entries).toEqual(
      ICO_SIZES.map((size) => ({
        width: size,
        height: size,
        format: size === 256 ? 'png' : 'bmp',
      })),
    )
  })

  it('include an .icns with every macOS slot, up to 1024 px', async () => {
    const slots = readIcns(await read('icon.icns'))
    expect(slots).toEqual(ICNS_TYPES.map(([type, size]) => ({ type, width: size, height: size })))
  })
})

describe('icon file formats (scripts/icon-formats.ts)', () => {
  it('refuse files that are not what they claim', () => {
    const junk = Buffer.from('definitely not an image, just some bytes')
    expect(() => pngSize(junk)).toThrow(/not a PNG/)
    expect(() => readIco(junk)).toThrow(/not an ICO/)
    expect(() => readIcns(junk)).toThrow(/not an ICNS/)
  })
})
