import { describe, expect, it } from 'vitest'
import { newRoomId } from './room-id'

describe('newRoomId', () => {
  it('never starts with - or _ (read as an option after lanroom join), and stays base64url', () => {
    // Of 4000 plain base64url ids, about 125 would start with one of them.
    for (const bytes of [12, 16]) {
      const ids = Array.from({ length: 2000 }, () => newRoomId(bytes))
      const length = Math.ceil((bytes * 4) / 3)
      for (const id of ids)
        expect(id).toMatch(new RegExp(`^[A-Za-z0-9][A-Za-z0-9_-]{${length - 1}}$`))
      expect(new Set(ids).size).toBe(ids.length)
    }
  })
})
