/**
 * The icon files electron-builder takes, written and read without an image library: `.ico`
 * (Windows) and `.icns` (macOS) are containers of PNG or bitmap images, so once each size is
 * rendered (scripts/icons.ts) packing them is a few lines. The readers let the packaging tests
 * check what was written (test/packaging/icons.test.ts).
 */
import { createHash } from 'node:crypto'

/** Linux icon set, build/icons/NxN.png: the sizes desktops look for, up to the largest. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const

/**
 * Windows: the sizes Explorer, the taskbar, the Start menu and the installer use. 256 is stored
 * as PNG, the smaller ones as 32-bit bitmaps, as Microsoft recommends (the resource compiler
 * and NSIS read both, older shell code only bitmaps).
 */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const

/** macOS: every slot iconutil fills, each an embedded PNG (OSType → pixel size). */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32], // 16@2x
  ['icp6', 64],
  ['ic12', 64], // 32@2x
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256], // 128@2x
  ['ic09', 512],
  ['ic14', 512], // 256@2x
  ['ic10', 1024], // 512@2x
] as const

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** One rendered size: the PNG file and its pixels (RGBA, premultiplied alpha, as resvg gives). */
export interface RenderedSize {
  size: number
  png: Buffer
  premultipliedRgba: Buffer
}

/** Width and height from a PNG's IHDR chunk; throws if `data` is not a PNG. */
export function pngSize(data: Buffer): { width: number; height: number } {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new Error('not a PNG file')
  }
  if (data.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR chunk')
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) }
}

/** A 32-bit bottom-up DIB with an AND mask, as an ICO entry stores a bitmap. */
function icoBitmap(image: RenderedSize): Buffer {
  const { size, premultipliedRgba: rgba } = image
  const maskStride = Math.ceil(size / 32) * 4
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0) // BITMAPINFOHEADER
  header.writeInt32LE(size, 4)
  header.writeInt32LE(size * 2, 8) // colour rows + mask rows
  header.writeUInt16LE(1, 12) // planes
  header.writeUInt16LE(32, 14) // bits per pixel
  header.writeUInt32LE(size * size * 4 + maskStride * size, 20)
  const pixels = Buffer.alloc(size * size * 4)
  const mask = Buffer.alloc(maskStride * size)
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y // bitmaps run bottom-up
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4
      const to = (row * size + x) * 4
      const alpha = rgba[from + 3] ?? 0
      const straight = (c: number): number => (alpha === 0 ? 0 : Math.round((c * 255) / alpha))
      pixels[to] = straight(rgba[from + 2] ?? 0)
      pixels[to + 1] = straight(rgba[from + 1] ?? 0)
      pixels[to + 2] = straight(rgba[from] ?? 0)
      pixels[to + 3] = alpha
      if (alpha === 0) {
        const byte = row * maskStride + (x >> 3)
        mask[byte] = (mask[byte] ?? 0) | (0x80 >> (x & 7))
      }
    }
  }
  return Buffer.concat([header, pixels, mask])
}

/** An `.ico` file of the given sizes (256 as PNG, the rest as bitmaps). */
export function encodeIco(images: readonly RenderedSize[]): Buffer {
  const bodies = images.map((image) => (image.size >= 256 ? image.png : icoBitmap(image)))
  const directory = Buffer.alloc(6 + 16 * images.length)
  directory.writeUInt16LE(0, 0)
  directory.writeUInt16LE(1, 2) // 1 = icon
  directory.writeUInt16LE(images.length, 4)
  let offset = directory.length
  images.forEach((image, i) => {
    const body = bodies[i] as Buffer
    const entry = 6 + 16 * i
    directory.writeUInt8(image.size >= 256 ? 0 : image.size, entry) // 0 means 256
    directory.writeUInt8(image.size >= 256 ? 0 : image.size, entry + 1)
    directory.writeUInt16LE(1, entry + 4) // planes
    directory.writeUInt16LE(32, entry + 6) // bits per pixel
    directory.writeUInt32LE(body.length, entry + 8)
    directory.writeUInt32LE(offset, entry + 12)
    offset += body.length
  })
  return Buffer.concat([directory, ...bodies])
}

export interface IcoEntry {
  width: number
  height: number
  format: 'png' | 'bmp'
}

/** The entries of an `.ico` file; throws if it is not one or an entry is malformed. */
export function readIco(data: Buffer): IcoEntry[] {
  if (data.length < 6 || data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) {
    throw new Error('not an ICO file')
  }
  const entries: IcoEntry[] = []
  for (let i = 0; i < data.readUInt16LE(4); i++) {
    const entry = 6 + 16 * i
    const width = data.readUInt8(entry) || 256
    const height = data.readUInt8(entry + 1) || 256
    const length = data.readUInt32LE(entry + 8)
    const offset = data.readUInt32LE(entry + 12)
    if (offset + length > data.length) throw new Error(`ICO entry ${i} runs past the end`)
    const body = data.subarray(offset, offset + length)
    if (body.subarray(0, 8).equals(PNG_SIGNATURE)) {
      const png = pngSize(body)
      if (png.width !== width || png.height !== height) {
        throw new Error(`ICO entry ${i} says ${width}x${height} but holds a ${png.width} PNG`)
      }
      entries.push({ width, height, format: 'png' })
    } else {
      if (body.readUInt32LE(0) !== 40 || body.readInt32LE(4) !== width) {
        throw new Error(`ICO entry ${i} is neither a PNG nor a ${width} px bitmap`)
      }
      entries.push({ width, height, format: 'bmp' })
    }
  }
  return entries
}

/** An `.icns` file with one PNG per slot of ICNS_TYPES. */
export function encodeIcns(pngBySize: ReadonlyMap<number, Buffer>): Buffer {
  const chunks = ICNS_TYPES.map(([type, size]) => {
    const png = pngBySize.get(size)
    if (png === undefined) throw new Error(`no ${size} px PNG for icns slot ${type}`)
    const header = Buffer.alloc(8)
    header.write(type, 0, 'latin1')
    header.writeUInt32BE(8 + png.length, 4)
    return Buffer.concat([header, png])
  })
  const header = Buffer.alloc(8)
  header.write('icns', 0, 'latin1')
  header.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4)
  return Buffer.concat([header, ...chunks])
}

/** The slots of an `.icns` file with the size of the PNG in each. */
export function readIcns(data: Buffer): { type: string; width: number; height: number }[] {
  if (data.length < 8 || data.toString('latin1', 0, 4) !== 'icns') {
    throw new Error('not an ICNS file')
  }
  if (data.readUInt32BE(4) !== data.length) throw new Error('ICNS length does not match the file')
  const slots: { type: string; width: number; height: number }[] = []
  for (let offset = 8; offset < data.length;) {
    const type = data.toString('latin1', offset, offset + 4)
    const length = data.readUInt32BE(offset + 4)
    if (length < 8 || offset + length > data.length) throw new Error(`ICNS slot ${type} is broken`)
    slots.push({ type, ...pngSize(data.subarray(offset + 8, offset + length)) })
    offset += length
  }
  return slots
}

/**
 * The fingerprint kept beside the icons, in `sha256sum` format, to tell when they are stale.
 * Line endings are made LF first, so a checkout that turned them into CRLF is not "stale".
 */
export function sourceFingerprint(svg: Buffer, name: string): string {
  const text = svg.toString('utf8').replaceAll('\r\n', '\n')
  return `${createHash('sha256').update(text).digest('hex')}  ${name}\n`
}
