import { describe, expect, it } from 'vitest'
import { formatFileSize } from './file-size'

describe('formatFileSize', () => {
  it('writes bytes, then one decimal below 100 of a unit, and none above', () => {
    expect(formatFileSize(0)).toBe('0 B')
    expect(formatFileSize(1023)).toBe('1023 B')
    expect(formatFileSize(1024)).toBe('1.0 KB')
    expect(formatFileSize(2.1 * 1024 * 1024)).toBe('2.1 MB')
    expect(formatFileSize(512 * 1024 * 1024)).toBe('512 MB')
    expect(formatFileSize(1024 * 1024 * 1024)).toBe('1.0 GB')
  })

  it('carries into the next unit instead of writing 1024.0', () => {
    expect(formatFileSize(1024 * 1024 - 1)).toBe('1.0 MB')
  })

  it('never prints NaN for a value that is not a size', () => {
    expect(formatFileSize(Number.NaN)).toBe('? B')
    expect(formatFileSize(-1)).toBe('? B')
  })
})
