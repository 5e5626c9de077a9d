/**
 * `lanroom join CODE` (docs/room-code.md): joins a real hub on loopback by the code `lanroom host`
 * prints; a typo exits 2; another certificate at the code's address exits 3; and, inside the
 * private network namespace (mDNS), a code whose address no longer answers finds the room
 * nearby by its certificate and says so.
 */
import { join } from 'node:path'
import { readFileSync, writeFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { encodeRoomCode } from '../../src/shared/protocol/room-code'
import { assertBuilt, runCli, type HostProcess } from '../support/cli'
import { freePort } from '../support/free-port'
import { IN_NETNS, netnsUnavailableReason } from '../support/netns'
import { perTest } from '../support/scope'
import { cid, waitFor } from '../support/ws-client'

const scope = perTest()
const { client, dir } = scope
beforeAll(assertBuilt)

const reason = netnsUnavailableReason()
if (reason)
  console.warn(`[join-by-code] the tests that look for rooms nearby did not run: ${reason}`)

/** A room on loopback, not advertised (advertisements belong to the namespace tests). */
function host(name: string, args: string[] = []): Promise<HostProcess> {
  return scope.host(['--port', '0', '--data-dir', dir(), '--name', name, '--no-advertise', ...args])
}

/** The lines a room's member saw, chats only. */
async function seenBy(url: string): Promise<() => string[]> {
  const witness = client(url)
  const welcome = await witness.join('witness', cid('witness'))
  return () => [...welcome.history, ...witness.all('chat')].map((chat) => chat.text)
}

describe('lanroom join CODE', () => {
  it('joins the room the code printed by lanroom host names, verified and pinned', async () => {
    const room = await host('By code')
    const code = room.info.code as string
    expect(code).toBe(room.info.codes[0])
    const seen = await seenBy(room.info.url)
    const pins = dir()
    // Typed as people type it: lower case, spaces for dashes.
    const typed = code.toLowerCase().replace(/-/g, ' ')
    const joined = await runCli(
      ['join', typed, '--name', 'coder', '--data-dir', pins],
      'hello by code\n',
    )
    expect(joined.code, joined.stderr).toBe(0)
    expect(joined.stderr).toBe(
      `Room "By code" at 127.0.0.1:${room.info.port}, verification code ` +
        `${room.info.verificationCode}: the certificate the room code names\n`,
    )
    expect(joined.stdout).toContain('* Joined "By code"')
    await waitFor(() => seen().includes('hello by code'), undefined, 'the line')
    const pinned = JSON.parse(readFileSync(join(pins, 'pins.json'), 'utf8')) as {
      rooms: Record<string, { fingerprint: string }>
    }
    expect(pinned.rooms[room.info.roomId]?.fingerprint).toBe(room.info.fingerprint)
  })

  it('replaces the pin of a room whose certificate changed, as --trust-new-code does', async () => {
    const room = await host('Reinstalled')
    const pins = dir()
    const pinsFile = join(pins, 'pins.json')
    // Joined before, when the room had another certificate: that one is pinned.
    const first = await runCli(['join', room.info.url, '--name', 'x', '--data-dir', pins])
    expect(first.code, first.stderr).toBe(0)
    const file = JSON.parse(readFileSync(pinsFile, 'utf8')) as {
      rooms: Record<string, { fingerprint: string }>
    }
    ;(file.rooms[room.info.roomId] as { fingerprint: string }).fingerprint = 'ab'.repeat(32)
    writeFileSync(pinsFile, JSON.stringify(file))
    // By address, the changed certificate is refused (exit 3)…
    const refused = await runCli(['join', room.info.url, '--name', 'x', '--data-dir', pins])
    expect(refused.code).toBe(3)
    // …by its room code, it is the one the host names: joined, and pinned in the old one's place.
    const code = room.info.code as string
    const joined = await runCli(['join', code, '--name', 'x', '--data-dir', pins])
    expect(joined.code, joined.stderr).toBe(0)
    const repinned = JSON.parse(readFileSync(pinsFile, 'utf8')) as typeof file
    expect(repinned.rooms[room.info.roomId]?.fingerprint).toBe(room.info.fingerprint)
  })

  it('refuses a code with a typo (exit 2), saying so, before any connection', async () => {
    const room = await host('Typo')
    const code = room.info.code as string
    const typo = code.slice(0, 5) + (code[5] === 'Z' ? 'Y' : 'Z') + code.slice(6)
    const refused = await runCli(['join', typo, '--name', 'x'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe(
      `lanroom: "${typo}": This room code has a typo: check each character with the host.\n`,
    )
    const short = await runCli(['join', code.slice(0, -2), '--name', 'x'])
    expect(short.code).toBe(2)
    expect(short.stderr).toContain('A character is missing or one too many.')
  })
})

describe.skipIf(!IN_NETNS)(
  'lanroom join CODE, looking for the room nearby (private network namespace)',
  () => {
    it('refuses a code whose certificate is not the one at its address, nor nearby (exit 3)', async () => {
      const room = await host('Impostor')
      const code = encodeRoomCode({
        address: '127.0.0.1',
        port: room.info.port,
        fingerprint: 'f'.repeat(64),
      })
      const refused = await runCli(['join', code, '--name', 'x', '--timeout', '1'])
      expect(refused.code).toBe(3)
      expect(refused.stderr).toBe(
        `lanroom: This room code names 127.0.0.1:${room.info.port}, but "Impostor" answers there ` +
          `with verification code ${room.info.verificationCode}, another certificate, and no room ` +
          "nearby has the code's certificate. Someone may be pretending to be the room, or the " +
          'host has another certificate now: ask the host for the room code their room shows.\n',
      )
    })

    it('finds the room nearby by its certificate when the address in the code no longer answers, and says so', async () => {
      // Advertised, on the namespace's interfaces (10.9.0.1 and 10.9.1.1).
      const room = await scope.host([
        '--port',
        '0',
        '--data-dir',
        dir(),
        '--name',
        'Moved',
        '--bind',
        '0.0.0.0',
      ])
      const seen = await seenBy(room.info.url)
      // The code the host gave before it moved: the second interface, a port nothing listens on.
      const stale = encodeRoomCode({
        address: '10.9.1.1',
        port: await freePort(),
        fingerprint: room.info.fingerprint as string,
      })
      const joined = await runCli(
        ['join', stale, '--name', 'seeker', '--timeout', '10'],
        'found by code\n',
      )
      expect(joined.code, joined.stderr).toBe(0)
      const lines = joined.stderr.trim().split('\n')
      expect(lines[0]).toMatch(
        /^This room code names 10\.9\.1\.1:\d+, but no LAN Room answers there \(.+\); found the room nearby instead\.$/,
      )
      expect(lines[1]).toMatch(
        new RegExp(
          `^Room "Moved" at [\\d.]+:${room.info.port}, verification code ${room.info.verificationCode}: the certificate the room code names$`,
        ),
      )
      await waitFor(() => seen().includes('found by code'), undefined, 'the line')
      // Nothing answers, and no room nearby has the certificate: exit 1.
      const nowhere = encodeRoomCode({
        address: '10.9.1.1',
        port: await freePort(),
        fingerprint: 'e'.repeat(64),
      })
      const missing = await runCli(['join', nowhere, '--name', 'x', '--timeout', '1'])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toMatch(
        /^lanroom: This room code names 10\.9\.1\.1:\d+, but no LAN Room answers there/,
      )
    })
  },
)
