/**
 * Fits a value main is about to send to the window into its contract schema by clipping what
 * is too long: strings to their cap (ending with "…"), lists to theirs. Main builds these
 * values from what peers send and from sentences of its own ("Cannot reach the room at any of
 * its 16 addresses: …"), so an oversized field is an input problem, not a reason to stop
 * updating the window. Anything else that does not match stays a failure for the caller.
 */
import type { z } from 'zod'

/** A field that was clipped: where (list indices as `*`) and what kind of value. */
export interface ClippedField {
  path: string
  origin: 'string' | 'array'
}

export type ClipResult<T> =
  | { ok: true; value: T; clipped: ClippedField[] }
  | { ok: false; issues: readonly z.core.$ZodIssue[] }

/** Nested too-long fields show one level per parse (a clipped list, then a string in it). */
const MAX_ROUNDS = 4

/**
 * Lists whose newest items are at the end: clipping keeps the end. A timeline patch appends
 * entries in order, and the window keeps the newest anyway; a page of older entries goes
 * before the first shown, so its end is what joins up with them.
 */
const KEEP_END = new Set(['confirmed', 'pending', 'older'])

export function clipToSchema<T>(schema: z.ZodType<T>, value: unknown): ClipResult<T> {
  let current = value
  const clipped = new Map<string, ClippedField>()
  for (let round = 0; ; round++) {
    const parsed = schema.safeParse(current)
    if (parsed.success) return { ok: true, value: parsed.data, clipped: [...clipped.values()] }
    const fixable = parsed.error.issues.filter(isTooBig)
    if (round >= MAX_ROUNDS || fixable.length !== parsed.error.issues.length) {
      return { ok: false, issues: parsed.error.issues }
    }
    for (const issue of fixable) {
      const limit = issue.inclusive === false ? issue.maximum - 1 : issue.maximum
      current = updateAt(current, issue.path, 0, (field) =>
        clipField(field, limit, issue.path.at(-1)),
      )
      const path = issue.path.map((key) => (typeof key === 'number' ? '*' : String(key))).join('.')
      clipped.set(`${issue.origin} ${path}`, { path, origin: issue.origin })
    }
  }
}

type TooBig = z.core.$ZodIssueTooBig & { origin: 'string' | 'array'; maximum: number }

function isTooBig(issue: z.core.$ZodIssue): issue is TooBig {
  return (
    issue.code === 'too_big' &&
    (issue.origin === 'string' || issue.origin === 'array') &&
    typeof issue.maximum === 'number'
  )
}

function clipField(field: unknown, limit: number, key: PropertyKey | undefined): unknown {
  if (typeof field === 'string') return clipString(field, limit)
  if (Array.isArray(field)) {
    const keepEnd = typeof key === 'string' && KEEP_END.has(key)
    return keepEnd ? field.slice(Math.max(0, field.length - limit)) : field.slice(0, limit)
  }
  return field
}

/** At most `limit` UTF-16 units, the last one "…", never half of a surrogate pair. */
export function clipString(text: string, limit: number): string {
  if (text.length <= limit) return text
  if (limit <= 0) return ''
  let end = limit - 1
  const last = text.charCodeAt(end - 1)
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1
  return `${text.slice(0, end)}…`
}

/** A copy of `value` with the field at `path` replaced; only the objects on the path are copied. */
function updateAt(
  value: unknown,
  path: readonly PropertyKey[],
  depth: number,
  change: (field: unknown) => unknown,
): unknown {
  if (depth === path.length) return change(value)
  const key = path[depth]
  if (Array.isArray(value) && typeof key === 'number' && key < value.length) {
    const copy = [...value]
    copy[key] = updateAt(value[key], path, depth + 1, change)
    return copy
  }
  if (value !== null && typeof value === 'object' && typeof key === 'string' && key in value) {
    const record = value as Record<string, unknown>
    return { ...record, [key]: updateAt(record[key], path, depth + 1, change) }
  }
  return value
}
