import type { ChatEvent } from '../shared/protocol'
import { formatFileSize } from '../shared/file-size'
import { oneLine } from './format'

/** What a file chat says of its file (the `file` of a chat event). */
export type SharedFile = NonNullable<ChatEvent['file']>

/**
 * A shared file as one line: `sent report.pdf (2.1 MB) id=<id>`, the caption after ` — ` when
 * there is one (a chat's text is its caption, or the file's name when it has none), and
 * `(expired)` once the hub no longer has its bytes. Everything from a peer goes through
 * `oneLine`: a caption may hold line breaks, and a name is printed as the room declared it.
 */
export function fileLine(
  file: Pick<SharedFile, 'id' | 'name' | 'size' | 'expired'>,
  text: string,
  expired = file.expired === true,
): string {
  const caption = text !== file.name ? ` — ${oneLine(text)}` : ''
  return (
    `sent ${oneLine(file.name)} (${formatFileSize(file.size)}) id=${oneLine(file.id)}` +
    `${caption}${expired ? ' (expired)' : ''}`
  )
}
