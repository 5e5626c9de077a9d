import { describe, expect, it } from 'vitest'
import { FileError } from '../main/files'
import { downloadFailure } from './transfer-errors'

describe('downloadFailure', () => {
  it('says what happened to the file by its name, and the id line names nothing twice', () => {
    expect(downloadFailure(new FileError('not_found', 'The room does not have x.'), 'a.bin')).toBe(
      'the room has no file with this id',
    )
    expect(downloadFailure(new FileError('expired', 'Gone.'), 'a\u202eb.bin')).toBe(
      'the room no longer has ab.bin (it expired or was deleted)',
    )
    expect(downloadFailure(new FileError('expired', 'Gone.'), null)).toBe(
      'the room no longer has this file (it expired or was deleted)',
    )
    expect(
      downloadFailure(new FileError('cancelled', 'The download of a.bin was cancelled.'), 'a.bin'),
    ).toBe('cancelled')
  })

  it("makes the library's sentence a clause: no second 'download of', no 'not saved', no period", () => {
    const mismatch = new FileError(
      'corrupt',
      'The bytes of the download of a.bin do not match their SHA-256: it was not saved.',
    )
    expect(downloadFailure(mismatch, 'a.bin')).toBe('the bytes of a.bin do not match their SHA-256')
    const unreachable = new FileError(
      'network',
      'The room could not be reached for the download of a.bin (ECONNRESET).',
    )
    expect(downloadFailure(unreachable, 'a.bin')).toBe(
      'the room could not be reached for a.bin (ECONNRESET)',
    )
    expect(downloadFailure(new Error('SHA-256 worker died.'), null)).toBe('SHA-256 worker died')
  })
})
