import { imageSize } from 'image-size'
import { base64urlToBytes } from '../../../shared/encoding/base64url'
import { thumbType, type Limits, type ThumbType } from '../../../shared/protocol'

/**
 * What is wrong with a file chat's thumbnail, or null. Only its bytes count: the base64url is
 * decoded (at most maxThumbBytes), the first bytes must say PNG, JPEG or WebP, and the pixel
 * size is read from the header alone (`image-size` decodes nothing) and must be at most
 * maxThumbSide a side: a 50-megapixel PNG bomb of a few kilobytes is refused from its header,
 * before anyone decodes it.
 */
export function thumbProblem(
  thumb: string,
  limits: Pick<Limits, 'maxThumbBytes' | 'maxThumbSide'>,
): string | null {
  // Platform-free (no Buffer): the guest page checks thumbnails in the browser too.
  let bytes: Uint8Array
  try {
    bytes = base64urlToBytes(thumb)
  } catch {
    return 'thumb is not base64url'
  }
  if (bytes.length === 0) return 'thumb is empty'
  if (bytes.length > limits.maxThumbBytes) {
    return `thumb must be at most ${limits.maxThumbBytes} bytes`
  }
  const type = thumbType(bytes)
  if (!type) return 'thumb must be a PNG, JPEG or WebP image'
  let size: { width?: number; height?: number; type?: string }
  try {
    size = imageSize(bytes)
  } catch {
    return 'thumb has no readable image header'
  }
  if (size.type !== SIZE_TYPE[type]) return 'thumb is not the image its first bytes say'
  const { width, height } = size
  if (!width || !height) return 'thumb has no pixel size'
  if (width > limits.maxThumbSide || height > limits.maxThumbSide) {
    return `thumb must be at most ${limits.maxThumbSide} pixels a side`
  }
  return null
}

/** image-size's name for each thumbnail type. */
const SIZE_TYPE: Record<ThumbType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
}
