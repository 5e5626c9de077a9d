import { X509Certificate } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { connect, createServer, type TLSSocket } from 'node:tls'
import { describe, expect, it } from 'vitest'
import { perTest } from '../../../test/support/scope'
import { SILENT_LOGGER } from '../hub/logger'
import { PinStore } from './pins'
import {
  certificateHashOfDer,
  createSelfSignedCredentials,
  peerFingerprint,
  reissueTlsCredentials,
  type TlsCredentials,
} from './tls'
import { checkPeer } from './trust'

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

  it('says why a pin could not be saved, logs it, and still holds it for this store', () => {
    const file = join(dir(), 'a-file')
    writeFileSync(file, 'not a directory')
    const errors: string[] = []
    const log = {
      ...SILENT_LOGGER,
      error: (_fields: object, message: string) => errors.push(message),
    }
    const pins = new PinStore(join(file, 'pins.json'), log)
    const unsaved = pins.pin('room-1', A, 'Lab')
    expect(unsaved).toBeInstanceOf(Error)
    expect((unsaved as NodeJS.ErrnoException).code).toMatch(/^(EEXIST|ENOTDIR)$/)
    expect(errors).toEqual([expect.stringMatching(/^cannot save pinned certificates: /)])
    expect(pins.check('room-1', A).status).toBe('match')
    // Nothing new to save: nothing to say.
    expect(pins.pin('room-1', A, 'Lab')).toBeNull()
    expect(new PinStore(pinsPath()).pin('room-1', A, 'Lab')).toBeNull()
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

/** What a connection to a real TLS server with `credentials` presents (peerFingerprint). */
async function presented(credentials: TlsCredentials): Promise<string | null> {
  const server = createServer({ cert: credentials.cert, key: credentials.key }, (socket) =>
    socket.end(),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  const socket = await new Promise<TLSSocket>((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => resolve(s))
    s.once('error', reject)
  })
  const fingerprint = peerFingerprint(socket)
  socket.destroy()
  await new Promise((resolve) => server.close(resolve))
  return fingerprint
}

/** What an older version pinned for a certificate: the SHA-256 of its DER bytes. */
function oldPin(credentials: TlsCredentials): string {
  return certificateHashOfDer(new X509Certificate(credentials.cert).raw)
}

function pinsFile(path: string, rooms: Record<string, string>): void {
  const entries = Object.entries(rooms).map(([id, fingerprint]) => [
    id,
    { fingerprint, name: `Room ${id}`, pinnedAt: 1 },
  ])
  writeFileSync(path, JSON.stringify({ v: 1, rooms: Object.fromEntries(entries) }))
}

describe('PinStore: pins of older versions (the whole certificate’s hash)', () => {
  it('replaces one silently, once, when a connection presents exactly that certificate', async () => {
    const credentials = await createSelfSignedCredentials(['localhost'])
    const path = join(dir(), 'pins.json')
    pinsFile(path, { lab: oldPin(credentials) })
    const pins = new PinStore(path)
    const fingerprint = await presented(credentials)
    expect(fingerprint).toBe(credentials.fingerprint)
    expect(checkPeer(pins, { roomId: 'lab', fingerprint })).toEqual({ ok: true, status: 'match' })
    // Saved as the key's fingerprint, name kept: the next start needs no old certificate.
    const saved = JSON.parse(readFileSync(path, 'utf8')) as {
      rooms: Record<string, { fingerprint: string; name: string }>
    }
    expect(saved.rooms['lab']).toMatchObject({
      fingerprint: credentials.fingerprint,
      name: 'Room lab',
    })
    expect(
      new PinStore(path, undefined, () => null).check('lab', credentials.fingerprint).status,
    ).toBe('match')
    // From then on the key is what counts: the same key re-issued for other names matches too.
    const renewed = await reissueTlsCredentials(credentials, ['10.0.0.9'])
    expect(checkPeer(pins, { roomId: 'lab', fingerprint: await presented(renewed) })).toEqual({
      ok: true,
      status: 'match',
    })
  })

  it('still refuses any other certificate than the old pin names, even with the same key', async () => {
    const pinned = await createSelfSignedCredentials(['localhost'])
    const stranger = await createSelfSignedCredentials(['localhost'])
    const sameKeyOtherCertificate = await reissueTlsCredentials(pinned, ['10.0.0.9'])
    const path = join(dir(), 'pins.json')
    pinsFile(path, { lab: oldPin(pinned), kitchen: oldPin(pinned) })
    const pins = new PinStore(path)
    for (const [room, credentials] of [
      ['lab', stranger],
      ['kitchen', sameKeyOtherCertificate],
    ] as const) {
      const fingerprint = await presented(credentials)
      const check = checkPeer(pins, { roomId: room, fingerprint })
      expect(check, room).toMatchObject({ ok: false, kind: 'changed' })
      expect(pins.get(room)?.fingerprint, room).toBe(oldPin(pinned))
    }
  })

  it('does not touch a pin that is already a key fingerprint', () => {
    const path = join(dir(), 'pins.json')
    pinsFile(path, { lab: A })
    const before = readFileSync(path, 'utf8')
    const pins = new PinStore(path, undefined, (hash) => (hash === A ? A : null))
    expect(pins.check('lab', A).status).toBe('match')
    expect(readFileSync(path, 'utf8')).toBe(before)
  })
})
