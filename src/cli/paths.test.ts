import { describe, expect, it } from 'vitest'
import { SCHEMAS } from '../shared/protocol'
import { defaultRoomName, fileProblem } from './paths'

describe('defaultRoomName', () => {
  it("is NAME's room when that fits", () => {
    expect(defaultRoomName('Ada')).toBe("Ada's room")
  })

  it('clips a host name at the byte bound to whole graphemes, so the room name is valid', () => {
    // 30 × 8 bytes: a valid display name (240 bytes), 7 bytes too many with "'s room".
    const thumbs = '👍🏽'.repeat(30)
    expect(SCHEMAS.displayName.safeParse(thumbs).success).toBe(true)
    const name = defaultRoomName(thumbs)
    expect(name).toBe(`${'👍🏽'.repeat(29)}'s room`)
    expect(SCHEMAS.roomName.safeParse(name).success).toBe(true)
  })

  it('leaves no space before the suffix where the clip ends on one', () => {
    const name = defaultRoomName(`${'x'.repeat(52)} yz`)
    expect(name).toBe(`${'x'.repeat(52)}'s room`)
    expect(SCHEMAS.roomName.safeParse(name).success).toBe(true)
  })
})

describe('fileProblem', () => {
  it('says the usual refusals in words, any other by its code or message', () => {
    const failure = (code: string): Error => Object.assign(new Error(`${code}: …`), { code })
    expect(fileProblem(failure('EACCES'))).toBe('permission denied')
    expect(fileProblem(failure('EROFS'))).toBe('read-only file system')
    expect(fileProblem(failure('EEXIST'))).toBe('not a directory')
    expect(fileProblem(failure('ENOENT'))).toBe('files cannot be created there')
    expect(fileProblem(failure('EIO'))).toBe('EIO')
    expect(fileProblem(new Error('odd'))).toBe('odd')
    expect(fileProblem('odd')).toBe('odd')
  })
})
