import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { perTest } from '../../../test/support/scope'
import { verificationCode } from '../../shared/security/verification-code'
import { PinStore } from './pins'
import { checkPeer, listedRoomTrust } from './trust'

const { dir } = perTest()

function pins(): PinStore {
  return new PinStore(join(dir('lanroom-trust-'), 'pins.json'))
}

const A = 'a1'.repeat(32)
const B = 'b2'.repeat(32)
const C = 'c3'.repeat(32)
const codeA = verificationCode(A)
const codeB = verificationCode(B)

describe('checkPeer (trust on first use)', () => {
  it('accepts a room never joined (first use), encrypted or not', () => {
    const store = pins()
    expect(checkPeer(store, { roomId: 'r1', fingerprint: A })).toEqual({ ok: true, status: 'new' })
    expect(checkPeer(store, { roomId: 'r1', fingerprint: null })).toEqual({
      ok: true,
      status: 'plain',
    })
  })

  it('accepts the pinned certificate as verified', () => {
    const store = pins()
    store.pin('r1', A, 'Lab')
    expect(checkPeer(store, { roomId: 'r1', fingerprint: A })).toEqual({
      ok: true,
      status: 'match',
    })
  })

  it('refuses a changed certificate, naming the room and both codes and saying what to do', () => {
    const store = pins()
    store.pin('r1', A, 'Lab')
    const result = checkPeer(store, { roomId: 'r1', fingerprint: B })
    expect(result).toMatchObject({
      ok: false,
      kind: 'changed',
      pinnedFingerprint: A,
      presentedFingerprint: B,
    })
    if (result.ok) throw new Error('unreachable')
    expect(result.message).toContain('"Lab"')
    expect(result.message).toContain(`its verification code was ${codeA} and is now ${codeB}`)
    expect(result.message).toMatch(/Ask the host which code their room shows/)
    expect(result.message).toContain(`only if it is ${codeB}, trust the new one`)
    // The name the caller knows now wins over the one remembered with the pin.
    const renamed = checkPeer(store, { roomId: 'r1', fingerprint: B, roomName: 'Lab 2' })
    expect(!renamed.ok && renamed.message).toContain('"Lab 2"')
  })

  it('accepts a changed certificate only when it is exactly the one the person accepted', () => {
    const store = pins()
    store.pin('r1', A, 'Lab')
    expect(checkPeer(store, { roomId: 'r1', fingerprint: B, acceptChanged: B })).toEqual({
      ok: true,
      status: 'accepted',
    })
    expect(checkPeer(store, { roomId: 'r1', fingerprint: C, acceptChanged: B })).toMatchObject({
      ok: false,
      kind: 'changed',
      presentedFingerprint: C,
    })
    // Accepting a new certificate says nothing about turning encryption off.
    expect(checkPeer(store, { roomId: 'r1', fingerprint: null, acceptChanged: B })).toMatchObject({
      ok: false,
      kind: 'downgraded',
    })
  })

  it('refuses a pinned room that turns up without encryption', () => {
    const store = pins()
    store.pin('r1', A, 'Lab')
    const result = checkPeer(store, { roomId: 'r1', fingerprint: null })
    expect(result).toMatchObject({
      ok: false,
      kind: 'downgraded',
      pinnedFingerprint: A,
      presentedFingerprint: null,
    })
    expect(!result.ok && result.message).toMatch(
      new RegExp(`^"Lab" used to be encrypted \\(verification code ${codeA}\\).*Ask the host`),
    )
  })

  it('holds a connection to the certificate the person confirmed, pinned or not', () => {
    const store = pins()
    expect(
      checkPeer(store, { roomId: 'r1', fingerprint: A, expectedFingerprint: A }),
    ).toMatchObject({ ok: true, status: 'new' })
    const other = checkPeer(store, {
      roomId: 'r1',
      fingerprint: B,
      expectedFingerprint: A,
      roomName: 'Lab',
    })
    expect(other).toMatchObject({ ok: false, kind: 'unexpected', presentedFingerprint: B })
    expect(!other.ok && other.message).toMatch(
      /^"Lab" does not present the certificate you confirmed/,
    )
    expect(!other.ok && other.message).toContain(
      `you confirmed verification code ${codeA}, and this connection shows ${codeB}`,
    )
    const plain = checkPeer(store, { roomId: 'r1', fingerprint: null, expectedFingerprint: A })
    expect(!plain.ok && plain.message).toContain('shows none (not encrypted)')
    // Pinned and presenting the pin, but not what the person was just shown: refused too.
    store.pin('r1', A, 'Lab')
    expect(
      checkPeer(store, { roomId: 'r1', fingerprint: A, expectedFingerprint: B }),
    ).toMatchObject({ ok: false, kind: 'unexpected' })
  })

  it('says "this room" when it knows no name', () => {
    const store = pins()
    store.pin('r1', A, '')
    const result = checkPeer(store, { roomId: 'r1', fingerprint: B })
    expect(!result.ok && result.message).toMatch(/^The certificate of this room has changed/)
    const downgraded = checkPeer(store, { roomId: 'r1', fingerprint: null })
    expect(!downgraded.ok && downgraded.message).toMatch(/^This room used to be encrypted/)
  })

  it('refuses another room answering where the chosen one was looked for, before any certificate', () => {
    const store = pins()
    store.pin('r1', A, 'Lab')
    // The pinned certificate, the confirmed one: still not the room that was chosen.
    const other = checkPeer(store, {
      roomId: 'r1',
      answeringRoomId: 'r2',
      fingerprint: A,
      expectedFingerprint: A,
    })
    expect(other).toEqual({
      ok: false,
      kind: 'another-room',
      message: 'Another room than "Lab" answers at its address.',
      pinnedFingerprint: A,
      presentedFingerprint: A,
    })
    // Checked first: a changed or missing certificate of another room is not offered for trust.
    expect(checkPeer(store, { roomId: 'r1', answeringRoomId: 'r2', fingerprint: B })).toMatchObject(
      { ok: false, kind: 'another-room' },
    )
    expect(
      checkPeer(store, { roomId: 'r1', answeringRoomId: 'r2', fingerprint: null }),
    ).toMatchObject({ ok: false, kind: 'another-room' })
    const unnamed = checkPeer(pins(), { roomId: 'r9', answeringRoomId: 'r2', fingerprint: B })
    expect(!unnamed.ok && unnamed.message).toBe(
      'Another room than the one you chose answers at its address.',
    )
    // The chosen room answering is checked as before.
    expect(checkPeer(store, { roomId: 'r1', answeringRoomId: 'r1', fingerprint: A })).toEqual({
      ok: true,
      status: 'match',
    })
    expect(checkPeer(store, { roomId: 'r1', answeringRoomId: 'r1', fingerprint: B })).toMatchObject(
      { ok: false, kind: 'changed' },
    )
  })

  it('pins are per room id: another room keeps its own pin', () => {
    const store = pins()
    store.pin('r1', A, 'Lab')
    expect(checkPeer(store, { roomId: 'r2', fingerprint: B })).toEqual({ ok: true, status: 'new' })
  })
})

describe('listedRoomTrust (rooms nearby)', () => {
  it('verifies only what the connection presented, never the advertisement', () => {
    const store = pins()
    store.pin('r1', A, 'Lab')
    const room = (fingerprint: string | null, presentedFingerprint: string | null) => ({
      id: 'r1',
      fingerprint,
      presentedFingerprint,
    })
    // Advertising the pinned fingerprint proves nothing until a connection presents it.
    expect(listedRoomTrust(store, room(A, null))).toBe('unverified')
    expect(listedRoomTrust(store, room(A, A))).toBe('verified')
    expect(listedRoomTrust(store, room(A, B))).toBe('changed')
    expect(listedRoomTrust(store, room(B, B))).toBe('changed')
    expect(listedRoomTrust(store, room(null, null))).toBe('downgraded')
    expect(listedRoomTrust(store, { id: 'r2', fingerprint: B, presentedFingerprint: B })).toBe(
      'unverified',
    )
    expect(
      listedRoomTrust(store, { id: 'r2', fingerprint: null, presentedFingerprint: null }),
    ).toBe('plain')
  })
})
