/**
 * A search result's snippet cut into plain and matched parts, from the hub's ranges (UTF-16
 * offsets). The ranges come from the network: they are clamped, sorted and merged here, and
 * the parts are only ever shown as text.
 */
export interface SnippetPart {
  text: string
  match: boolean
}

export function snippetParts(
  snippet: string,
  highlights: ReadonlyArray<readonly [number, number]>,
): SnippetPart[] {
  const ranges = highlights
    .map(([start, end]) => [clamp(start, snippet.length), clamp(end, snippet.length)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0])
  const parts: SnippetPart[] = []
  let at = 0
  for (const [start, end] of ranges) {
    if (end <= at) continue
    const from = Math.max(start, at)
    if (from > at) parts.push({ text: snippet.slice(at, from), match: false })
    const last = parts.at(-1)
    if (last?.match && from === at) last.text += snippet.slice(from, end)
    else parts.push({ text: snippet.slice(from, end), match: true })
    at = end
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), match: false })
  return parts
}

function clamp(value: number, length: number): number {
  return Number.isInteger(value) ? Math.min(Math.max(0, value), length) : 0
}
