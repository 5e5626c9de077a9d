import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { clipString, clipToSchema } from './clip'

const schema = z.object({
  title: z.string().max(10),
  tags: z.array(z.object({ label: z.string().max(4) })).max(3),
  log: z.object({ confirmed: z.array(z.number()).max(2) }),
  entry: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('note'), text: z.string().max(5) }),
    z.object({ kind: z.literal('gap') }),
  ]),
  trimmed: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().max(4)),
  count: z.number().int().max(9),
})

const valid = {
  title: 'ok',
  tags: [{ label: 'a' }],
  log: { confirmed: [1] },
  entry: { kind: 'note', text: 'hi' },
  trimmed: 'ab',
  count: 1,
}

describe('clipToSchema', () => {
  it('passes a valid value through as the schema outputs it', () => {
    expect(clipToSchema(schema, valid)).toEqual({ ok: true, value: valid, clipped: [] })
  })

  it('clips strings to their cap with an ellipsis and lists to theirs, nested ones too', () => {
    const input = {
      ...valid,
      title: 't'.repeat(600),
      tags: [{ label: 'far too long' }, { label: 'b' }, { label: 'c' }, { label: 'd' }],
      entry: { kind: 'note', text: 'a long note' },
      trimmed: '  abcdefgh  ',
    }
    const result = clipToSchema(schema, input)
    expect(result).toMatchObject({
      ok: true,
      value: {
        title: `${'t'.repeat(9)}…`,
        tags: [{ label: 'far…' }, { label: 'b' }, { label: 'c' }],
        entry: { kind: 'note', text: 'a lo…' },
      },
    })
    if (!result.ok) return
    expect(result.value.trimmed.length).toBeLessThanOrEqual(4)
    expect(result.clipped.map((c) => `${c.origin} ${c.path}`).sort()).toEqual([
      'array tags',
      'string entry.text',
      'string tags.*.label',
      'string title',
      'string trimmed',
    ])
    // The input is not changed.
    expect(input.title).toHaveLength(600)
  })

  it('keeps the newest end of a timeline list', () => {
    const result = clipToSchema(schema, { ...valid, log: { confirmed: [1, 2, 3, 4] } })
    expect(result).toMatchObject({ ok: true, value: { log: { confirmed: [3, 4] } } })
  })

  it('fails on anything that clipping cannot fix, and says what', () => {
    const result = clipToSchema(schema, { ...valid, title: 't'.repeat(50), count: 99 })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.issues.map((i) => i.path.join('.'))).toContain('count')
    expect(clipToSchema(schema, { ...valid, entry: { kind: 'lost' } }).ok).toBe(false)
    expect(clipToSchema(schema, null).ok).toBe(false)
  })
})

describe('clipString', () => {
  it('never splits a surrogate pair', () => {
    expect(clipString('ab😀cd', 4)).toBe('ab…')
    expect(clipString('abc😀d', 4)).toBe('abc…')
    expect(clipString('short', 10)).toBe('short')
    expect(clipString('abc', 0)).toBe('')
  })
})
