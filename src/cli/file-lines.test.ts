import { describe, expect, it } from 'vitest'
import { fileLine } from './file-lines'

const FILE = { id: 'abc123', name: 'report.pdf', size: 2.1 * 1024 * 1024 }

describe('fileLine', () => {
  it('says the name, the size in powers of 1024 and the id', () => {
    expect(fileLine(FILE, 'report.pdf')).toBe('sent report.pdf (2.1 MB) id=abc123')
    expect(fileLine({ ...FILE, size: 0 }, 'report.pdf')).toBe('sent report.pdf (0 B) id=abc123')
  })

  it('adds the caption (any text other than the name) after a dash, on one line', () => {
    expect(fileLine(FILE, 'Q3\n\nnumbers ')).toBe('sent report.pdf (2.1 MB) id=abc123 — Q3 numbers')
  })

  it('marks an expired file, from the file or when told', () => {
    expect(fileLine({ ...FILE, expired: true }, 'report.pdf')).toBe(
      'sent report.pdf (2.1 MB) id=abc123 (expired)',
    )
    expect(fileLine(FILE, 'report.pdf', true)).toMatch(/ \(expired\)$/)
  })

  it('prints nothing a terminal could act on, whatever a hub sends', () => {
    const line = fileLine(
      { ...FILE, name: 'a\u001b[2J\u202egnp.exe' },
      'caption \u0007\u202e with a bell',
    )
    expect(line).toBe('sent a[2Jgnp.exe (2.1 MB) id=abc123 — caption with a bell')
  })
})
