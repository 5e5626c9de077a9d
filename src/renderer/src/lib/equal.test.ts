import { describe, expect, it } from 'vitest'
import { jsonEqual } from './equal'

describe('jsonEqual', () => {
  it('compares primitives, arrays and objects by value', () => {
    expect(jsonEqual(1, 1)).toBe(true)
    expect(jsonEqual('a', 'b')).toBe(false)
    expect(jsonEqual(null, null)).toBe(true)
    expect(jsonEqual(null, {})).toBe(false)
    expect(jsonEqual([1, [2, { a: 3 }]], [1, [2, { a: 3 }]])).toBe(true)
    expect(jsonEqual([1, 2], [1, 2, 3])).toBe(false)
    expect(jsonEqual({ a: 1, b: [1] }, { b: [1], a: 1 })).toBe(true)
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false)
    expect(jsonEqual({ a: undefined }, { b: undefined })).toBe(false)
    expect(jsonEqual([], {})).toBe(false)
    expect(jsonEqual({}, [])).toBe(false)
  })
})
