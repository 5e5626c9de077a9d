/**
 * A host whose disk fills: the room's history cannot be written. The hub must not die of it
 * with a stack trace, nor acknowledge what it could not write; `lanroom host` says why and
 * exits 1, and every acknowledged chat is there when the room is hosted again.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../src/shared/protocol'
import { assertBuilt, endProcess, startHost } from '../support/cli'
import { perTest } from '../support/scope'
import { cid } from '../support/ws-client'

const scope = perTest()
const { client, dir, keep } = scope
beforeAll(assertBuilt)

describe('lanroom host on a disk that fills', () => {
  it('stops the room with the reason, and keeps every chat it acknowledged', async () => {
    const data = dir()
    const args = [
      '--port',
      '0',
      '--data-dir',
      data,
      '--name',
      'Full',
      '--no-tls',
      '--no-advertise',
      '--rate-limit',
      '0',
    ]
    // 256 KiB per file: the room's history reaches it after about sixty 4 KB chats.
    const room = keep(await startHost(args, {}, 256), (host) => endProcess(host))
    const ada = client(room.info.url)
    await ada.join('ada', cid('ada'))
    const text = 'x'.repeat(4_000)
    // Until the hub goes (the room's rate is off: every chat is taken).
    for (let i = 0; i < 200 && ada.closeCode === null; i++) {
      ada.sendJson({ type: 'chat', id: `c${i}`, text })
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const finished = await room.exited
    const acknowledged = new Set(
      ada.received.flatMap((m) => (m.type === 'chat' && m.from === cid('ada') ? [m.id] : [])),
    )
    expect(finished.code, finished.stderr).toBe(1)
    expect(finished.stderr).toMatch(
      /^lanroom: the room stopped: its history could not be written in .* \(EFBIG: file too large, write\); members keep what was not acknowledged$/m,
    )
    expect(finished.stderr).not.toMatch(/at .*\.js:\d+/)
    expect(acknowledged.size).toBeGreaterThan(10)
    expect(acknowledged.size).toBeLessThan(200)

    // Hosted again with room to spare: every acknowledged chat is in its history.
    const again = await scope.host(args)
    const bob = client(again.info.url)
    const welcome = await bob.join('bob', cid('bob'))
    const kept = new Set(
      welcome.history.filter((chat: ChatEvent) => chat.from === cid('ada')).map((chat) => chat.id),
    )
    for (const id of acknowledged) expect(kept.has(id), id).toBe(true)
  })
})
