/**
 * The thumbnail a sender makes of an image before sharing it (docs/protocol.md, Files): WebP or
 * JPEG, its longest side at most LIMITS.maxThumbSide, at most LIMITS.maxThumbBytes, with the
 * original's pixel size beside it. Made here in the window from the person's own file, so that
 * main never decodes an image; the hub and every receiver check the header again anyway.
 */
import { INLINE_IMAGE_TYPES, thumbType } from '../../../shared/protocol/files'
import { LIMITS } from '../../../shared/protocol/limits'

export interface Thumbnail {
  bytes: Uint8Array<ArrayBuffer>
  /** The original image's size in pixels. */
  width: number
  height: number
}

/** Images larger than this are shared without a thumbnail: decoding them would take too long
 * and too much memory for a preview. */
export const MAX_THUMB_SOURCE_BYTES = 64 * 1024 * 1024

/** Longest sides tried, largest first: each step roughly halves the bytes. */
const SIDES = [320, 240, 160, 120, 80, 48] as const
/** Qualities tried at each side, best first. */
const QUALITIES = [0.82, 0.65, 0.5, 0.35] as const

/** The size of an image scaled down (never up) so that its longest side is at most `maxSide`. */
export function fitWithin(
  width: number,
  height: number,
  maxSide: number,
): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height))
  return {
    width: Math.max(1, Math.min(maxSide, Math.round(width * scale))),
    height: Math.max(1, Math.min(maxSide, Math.round(height * scale))),
  }
}

/** Encodes the image with its longest side at most `side`, at `quality` (0..1); null: cannot. */
export type ThumbEncoder = (
  side: number,
  quality: number,
) => Promise<Uint8Array<ArrayBuffer> | null>

/**
 * The first encoding, from the largest side and best quality down, that fits in `maxBytes`;
 * null when even the smallest does not (the file is then shared without a thumbnail).
 */
export async function encodeWithin(
  encode: ThumbEncoder,
  maxSide: number = LIMITS.maxThumbSide,
  maxBytes: number = LIMITS.maxThumbBytes,
): Promise<Uint8Array<ArrayBuffer> | null> {
  for (const side of SIDES) {
    if (side > maxSide) continue
    for (const quality of QUALITIES) {
      const bytes = await encode(side, quality)
      if (bytes === null) return null
      if (bytes.byteLength <= maxBytes) return bytes
    }
  }
  return null
}

function isInlineType(type: string): boolean {
  return (INLINE_IMAGE_TYPES as readonly string[]).includes(type)
}

/** Draws the bitmap at `side` and encodes it as WebP, or JPEG where WebP cannot be encoded. */
async function encodeBitmap(
  bitmap: ImageBitmap,
  side: number,
  quality: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const size = fitWithin(bitmap.width, bitmap.height, side)
  const canvas = new OffscreenCanvas(size.width, size.height)
  const context = canvas.getContext('2d')
  if (!context) return null
  context.drawImage(bitmap, 0, 0, size.width, size.height)
  for (const type of ['image/webp', 'image/jpeg'] as const) {
    const blob = await canvas.convertToBlob({ type, quality })
    // A browser that cannot encode a type hands back a PNG instead: try the next one.
    if (blob.type !== type) continue
    const bytes = new Uint8Array(await blob.arrayBuffer())
    if (thumbType(bytes) === type) return bytes
  }
  return null
}

/**
 * A thumbnail of an image file (PNG, JPEG, GIF or WebP by its type), or null for anything
 * else, an image that does not decode, or one too large to preview.
 */
export async function makeThumbnail(
  file: Blob,
  limits: { maxThumbSide: number; maxThumbBytes: number } = LIMITS,
): Promise<Thumbnail | null> {
  if (!isInlineType(file.type) || file.size > MAX_THUMB_SOURCE_BYTES) return null
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    return null
  }
  try {
    const { width, height } = bitmap
    if (width < 1 || height < 1) return null
    const bytes = await encodeWithin(
      (side, quality) => encodeBitmap(bitmap, side, quality),
      limits.maxThumbSide,
      limits.maxThumbBytes,
    )
    return bytes === null ? null : { bytes, width, height }
  } catch {
    return null
  } finally {
    bitmap.close()
  }
}
