/**
 * A file chat's `file` as the window shows it. The thumbnail came from another member through
 * the hub: it is decoded here, its magic bytes and its header's pixel size are checked (no
 * decoder touches it), and only then does it become a data: URL; a bad one is dropped.
 */
import type { FileView } from '../../shared/bridge'
import { isExecutableName } from '../../shared/bridge'
import { INLINE_IMAGE_TYPES, LIMITS, thumbType, type FileDeclaration } from '../../shared/protocol'
import { thumbProblem } from '../hub/files/thumb'
import { base64urlToBytes } from '../../shared/encoding/base64url'

const views = new WeakMap<object, FileView>()

/** The checked data: URL of a base64url thumbnail, or null when it is not a small PNG, JPEG or
 * WebP by its own bytes and header (the same check the hub makes, `thumbProblem`). */
export function thumbDataUrl(thumb: string | undefined): string | null {
  if (!thumb || !/^[A-Za-z0-9_-]+$/.test(thumb)) return null
  if (thumbProblem(thumb, LIMITS) !== null) return null
  // base64url to base64 by its alphabet (no Buffer: the guest page runs this too).
  const type = thumbType(base64urlToBytes(thumb.slice(0, 24)))
  const base64 = thumb.replace(/-/g, '+').replace(/_/g, '/')
  return `data:${type};base64,${base64}${'='.repeat((4 - (base64.length % 4)) % 4)}`
}

/** The view of a shared file (cached per chat's file object: it never changes in place). */
export function fileView(file: FileDeclaration & { expired?: true }): FileView {
  const cached = views.get(file)
  if (cached) return cached
  const dataUrl = thumbDataUrl(file.thumb)
  const view: FileView = {
    id: file.id,
    name: file.name,
    size: file.size,
    type: file.type,
    sha256: file.sha256,
    ...(file.width !== undefined ? { width: file.width } : {}),
    ...(file.height !== undefined ? { height: file.height } : {}),
    ...(dataUrl ? { thumb: { dataUrl } } : {}),
    expired: file.expired === true,
    inlineImage: dataUrl !== null && (INLINE_IMAGE_TYPES as readonly string[]).includes(file.type),
    executable: isExecutableName(file.name),
  }
  views.set(file, view)
  return view
}
