import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { perTest } from '../../../test/support/scope'
import { PinStore } from './pins'

const { dir } = perTest()
function pinsPath(): string {
  return join(dir(), 'sub', 'pins.json')
}

const A = 'aa'.repeat(32)
const B = 'bb'.repeat(32)

describe('PinStore', () => {
  it('says new, then match for the pinned certificate and changed for any other', () => {
    const pins = new PinStore(pinsPath())
    expect(pins.check('room-1', A)).toEqual({ status: 'new' })
    expect(pins.get('room-1')).toBeNull()
    pins.pin('room-1', A, 'Lab')
    expect(pins.check('room-1', A)).toMatchObject({
      status: 'match',
      pin: { fingerprint: A, name: 'Lab' },
    })
    expect(pins.check('room-1', B)).toMatchObject({
      status: 'changed',
      pin: { fingerprint: A, name: 'Lab' },
    })
    // Pins are per room: another room with the same certificate is new.
    expect(pins.check('room-2', A)).toEqual({ status: 'new' })
  })

  it('persists pins across instances, and a re-pin (an accepted new certificate) replaces the old', () => {
    const path = pinsPath()
    const pins = new PinStore(path)
    pins.pin('room-1', A, 'Lab')
    pins.pin('room-2', B, 'Kitchen')
    const reloaded = new PinStore(path)
    expect(reloaded.check('room-1', A).status).toBe('match')
    expect(reloaded.check('room-2', B).status).toBe('match')
    expect(reloaded.get('room-1')?.pinnedAt).toBeGreaterThan(0)
    reloaded.pin('room-1', B, 'Lab')
    const third = new PinStore(path)
    expect(third.check('room-1', B).status).toBe('match')
    expect(third.check('room-1', A).status).toBe('changed')
    expect(third.check('room-2', B).status).toBe('match')
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ v: 1 })
  })

  it('keeps a damaged file aside as .bad and starts over', () => {
    for (const damaged of [
      '{broken',
      '',
      'null',
      '[]',
      '{"v":2,"rooms":{}}',
      JSON.stringify({ v: 1, rooms: { r: { fingerprint: 'not hex', name: 'x', pinnedAt: 1 } } }),
    ]) {
      const path = pinsPath()
      new PinStore(path).pin('room-0', A, 'Old')
      writeFileSync(path, damaged)
      const pins = new PinStore(path)
      expect(pins.check('room-0', A), damaged).toEqual({ status: 'new' })
      expect(readFileSync(`${path}.bad`, 'utf8'), damaged).toBe(damaged)
      expect(existsSync(path), damaged).toBe(false)
      // Pinning again works and writes a good file.
      pins.pin('room-1', B, 'New')
      expect(new PinStore(path).check('room-1', B).status, damaged).toBe('match')
    }
  })

  it('starts empty without a file, and pins nothing for names an object already has', () => {
    const path = pinsPath()
    const pins = new PinStore(path)
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(pins.get(name), name).toBeNull()
      expect(pins.check(name, A), name).toEqual({ status: 'new' })
    }
    expect(existsSync(path)).toBe(false)
  })

  it('pins a room whose id is __proto__ like any other, across a reload', () => {
    // Room ids come from the network (the protocol allows A-Z a-z 0-9 _ -).
    const path = pinsPath()
    const pins = new PinStore(path)
    pins.pin('__proto__', A, 'Sneaky')
    pins.pin('room-1', B, 'Lab')
    expect(pins.check('__proto__', A).status).toBe('match')
    expect(pins.check('__proto__', B).status).toBe('changed')
    const reloaded = new PinStore(path)
    expect(reloaded.check('__proto__', B).status).toBe('changed')
    expect(reloaded.check('room-1', B).status).toBe('match')
    expect(existsSync(`${path}.bad`)).toBe(false)
  })
})
