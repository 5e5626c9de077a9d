import { describe, expect, it } from 'vitest'
import { FOLD_CHARS, FOLD_LINES, foldable } from './fold'

describe('foldable', () => {
  it('folds past the character or the line bound, not before', () => {
    expect(foldable('short')).toBe(false)
    expect(foldable('x'.repeat(FOLD_CHARS))).toBe(false)
    expect(foldable('x'.repeat(FOLD_CHARS + 1))).toBe(true)
    expect(foldable(Array(FOLD_LINES).fill('line').join('\n'))).toBe(false)
    expect(
      foldable(
        Array(FOLD_LINES + 1)
          .fill('line')
          .join('\n'),
      ),
    ).toBe(true)
  })
})
