import { describe, expect, it } from 'vitest'
import { fakeConnection, fullWelcome } from '../../../test/support/fake-connection'
import { ME_ID, chat } from '../../../test/support/fake-room'
import type { ChatEvent, FileDeclaration } from '../../shared/protocol'

const FILE: FileDeclaration = {
  id: 'upload-1',
  name: 'report.pdf',
  size: 2048,
  type: 'application/pdf',
  sha256: 'ab'.repeat(32),
}
const FILES = { token: 't'.repeat(43), maxFileBytes: 1024 }

function fileChat(
  seq: number,
  id: string,
  from: string,
  file: FileDeclaration,
  text = file.name,
): ChatEvent {
  return { ...chat(seq, id, from, text), file }
}

describe('files over the connection (scripted hub)', () => {
  it('gives the file target of the room it reached, with the newest credential', async () => {
    const { connection, welcomeOn, reconnect } = fakeConnection()
    void connection.connect()
    expect(connection.fileTarget()).toBeNull()
    const socket = await welcomeOn(fullWelcome({ files: FILES }))
    const target = connection.fileTarget()
    expect(target).toMatchObject({ origin: 'http://a', fingerprint: null })
    expect(target?.token()).toBe(FILES.token)
    await reconnect(socket)
    await welcomeOn(fullWelcome({ files: { ...FILES, token: 'u'.repeat(43) } }))
    // The same target reads the new credential: a refused transfer goes on with it.
    expect(target?.token()).toBe('u'.repeat(43))
  })

  it('has no file target when the hub does not list the feature', async () => {
    const { connection, welcomeOn } = fakeConnection()
    void connection.connect()
    await welcomeOn(fullWelcome({ features: ['reply'], files: FILES }))
    expect(connection.fileTarget()).toBeNull()
  })

  it('sends a file chat through the outbox (text = name without a caption), once across a reconnect', async () => {
    const { connection, welcomeOn, frames, reconnect } = fakeConnection()
    void connection.connect()
    let socket = await welcomeOn(fullWelcome({ files: FILES }))
    const { id, sent } = connection.sendFile({ file: FILE, id: 'f1' })
    const captioned = connection.sendFile({
      file: { ...FILE, id: 'upload-2' },
      caption: 'see',
      replyTo: 1,
      id: 'f2',
    })
    expect(id).toBe('f1')
    expect(frames(socket, 'chat')).toEqual([
      { type: 'chat', id: 'f1', text: 'report.pdf', file: FILE },
      { type: 'chat', id: 'f2', text: 'see', replyTo: 1, file: { ...FILE, id: 'upload-2' } },
    ])
    await reconnect(socket)
    socket = await welcomeOn(fullWelcome({ files: FILES }))
    // Resent with the same ids after the drop; the hub stamps each once.
    expect(frames(socket, 'chat').map((f) => f['id'])).toEqual(['f1', 'f2'])
    socket.receive(fileChat(1, 'f1', ME_ID, FILE))
    socket.receive(fileChat(2, 'f2', ME_ID, { ...FILE, id: 'upload-2' }, 'see'))
    expect((await sent).file).toEqual(FILE)
    expect((await captioned.sent).seq).toBe(2)
    expect(connection.pendingCount).toBe(0)
  })

  it('fails a file chat the hub refuses (unknown_upload) without resending it', async () => {
    const { connection, welcomeOn } = fakeConnection()
    void connection.connect()
    const socket = await welcomeOn(fullWelcome({ files: FILES }))
    const { sent } = connection.sendFile({ file: FILE, id: 'f1' })
    socket.receive({ type: 'error', code: 'unknown_upload', message: 'no such upload', id: 'f1' })
    await expect(sent).rejects.toMatchObject({ code: 'HUB_unknown_upload' })
  })

  it('marks expired file chats (the expired message) and lets the host delete a file chat', async () => {
    const { connection, welcomeOn } = fakeConnection()
    void connection.connect()
    const host = 'client-host'
    const socket = await welcomeOn(
      fullWelcome({
        files: FILES,
        members: [
          { clientId: ME_ID, name: 'Me', host: false },
          { clientId: host, name: 'Host', host: true },
        ],
        history: [fileChat(1, 'a', 'client-x', FILE), chat(2, 'b', 'client-x', 'plain')],
        lastSeq: 2,
      }),
    )
    const expired: number[][] = []
    connection.on('expired', (seqs) => expired.push([...seqs]))
    socket.receive({ type: 'expired', targets: [1, 2, 99] })
    expect(connection.timeline.chatAt(1)?.file?.expired).toBe(true)
    expect(expired).toEqual([[1]])
    const del = (seq: number, target: number) => ({
      type: 'delete' as const,
      seq,
      id: `d${seq}`,
      from: host,
      name: 'Host',
      target,
      ts: seq,
    })
    socket.receive(del(3, 1))
    socket.receive(del(4, 2))
    expect(connection.timeline.chatAt(1)?.deleted).toBe(true)
    // Not a file chat: only its author may delete it.
    expect(connection.timeline.chatAt(2)?.deleted).toBeUndefined()
  })
})
