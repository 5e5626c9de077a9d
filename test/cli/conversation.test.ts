import { beforeAll, describe, expect, it } from 'vitest'
import { assertBuilt, type HostProcess } from '../support/cli'
import { SCHEMAS, type HubMessage, type TimelineEvent } from '../../src/shared/protocol'
import { perTest } from '../support/scope'
import { cid, waitFor, type TestClient } from '../support/ws-client'

const scope = perTest()
const { client: watcher, dir } = scope
beforeAll(assertBuilt)

/** How long a `lanroom join` may take to show something before the test gives up: a safety
 * net; typically well under a second. */
const CLI_PATIENCE_MS = 30_000

function host(args: string[] = []): Promise<HostProcess> {
  return scope.host([
    '--port',
    '0',
    '--data-dir',
    dir(),
    '--name',
    'Talk',
    '--host-name',
    'Hosty',
    '--no-advertise',
    ...args,
  ])
}

/** Sends a timeline op (or chat) as alice and waits for the hub's stamped copy. */
async function stamped<T extends 'chat' | 'react' | 'unreact' | 'edit' | 'delete'>(
  alice: TestClient,
  frame: { type: T; id: string } & Record<string, unknown>,
): Promise<number> {
  alice.sendJson(frame)
  for (;;) {
    const event = (await alice.next(frame.type)) as TimelineEvent
    if (event.id === frame.id) return event.seq
  }
}

const TIME = '\\[\\d\\d:\\d\\d\\]'

describe('lanroom join shows the conversation', () => {
  it('prints replies, reactions, edits, deletes and mentions as text, and every hub message with --json', async () => {
    const { info } = await host()
    const alice = watcher(info.url)
    await alice.join('alice', cid('alice'))
    const question = await stamped(alice, { type: 'chat', id: 'q', text: 'is the build\ngreen?' })
    const bob = scope.join([info.url, '--name', 'bob'])
    const carol = scope.join([info.url, '--name', 'carol', '--json'])
    await waitFor(() => alice.all('joined').length === 2, CLI_PATIENCE_MS, 'both joined')
    const bobId = alice.all('joined').find((j) => j.member.name === 'bob')?.member.clientId
    await waitFor(() => bob.out().includes('green?'), CLI_PATIENCE_MS, 'the history')

    await stamped(alice, { type: 'chat', id: 'r', text: 'yes it is', replyTo: question })
    await stamped(alice, { type: 'react', id: 'x1', target: question, emoji: '👍' })
    await stamped(alice, {
      type: 'edit',
      id: 'e',
      target: question,
      text: 'is the build green now?',
    })
    const mention = await stamped(alice, {
      type: 'chat',
      id: 'm',
      text: '@bob look',
      mentions: [bobId],
    })
    await stamped(alice, { type: 'delete', id: 'd', target: mention })
    await stamped(alice, { type: 'unreact', id: 'x2', target: question, emoji: '👍' })
    await waitFor(() => bob.out().includes('removed 👍'), CLI_PATIENCE_MS, 'the last op (text)')
    await waitFor(() => carol.out().includes('"unreact"'), CLI_PATIENCE_MS, 'the last op (json)')
    carol.child.stdin.end('from carol\n')
    expect(await carol.exited).toBe(0)
    await waitFor(() => bob.out().includes('* carol left'), CLI_PATIENCE_MS, 'carol leaving')
    bob.child.stdin.end()
    expect(await bob.exited).toBe(0)

    const lines = bob.out().trimEnd().split('\n')
    const expected = [
      '\\* Joined "Talk", hosted by Hosty\\. Here: (alice|alice, carol|carol, alice)\\.',
      `${TIME} alice: is the build`,
      ' {15}green\\?',
      ` {8}↪ reply to alice: "is the build green\\?"`,
      `${TIME} alice: yes it is`,
      `${TIME} alice reacted 👍 to alice: "is the build green\\?"`,
      `${TIME} alice \\(edited\\): is the build green now\\?`,
      `${TIME} alice \\(mentions you\\): @bob look`,
      `${TIME} alice deleted a message`,
      `${TIME} alice removed 👍 from alice: "is the build green now\\?"`,
      `${TIME} carol: from carol`,
      '\\* carol left',
    ]
    // carol may join before or after bob's welcome: her join line is not part of the check.
    expect(lines.filter((line) => line !== '* carol joined')).toEqual(
      expected.map((pattern) => expect.stringMatching(new RegExp(`^${pattern}$`))),
    )

    // --json: only hub messages on stdout, each valid, each event once, in order.
    const messages = carol
      .out()
      .trimEnd()
      .split('\n')
      .map((line) => SCHEMAS.hubMessage.parse(JSON.parse(line)) as HubMessage)
    expect(messages[0]?.type).toBe('welcome')
    const timeline = messages.filter((m): m is TimelineEvent =>
      ['chat', 'react', 'unreact', 'edit', 'delete'].includes(m.type),
    )
    expect(timeline.map((m) => m.type)).toEqual([
      'chat',
      'react',
      'edit',
      'chat',
      'delete',
      'unreact',
      'chat',
    ])
    const seqs = timeline.map((m) => m.seq)
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b))
    expect(messages.at(-1)).toMatchObject({ type: 'chat', name: 'carol', text: 'from carol' })
    expect(carol.err()).toContain('* Joined "Talk", hosted by Hosty.')
  })

  it('fetches the original of a reply that is older than the history it was given', async () => {
    const { info } = await host(['--rate-limit', '0'])
    const alice = watcher(info.url)
    await alice.join('alice', cid('alice'))
    const first = await stamped(alice, { type: 'chat', id: 'old', text: 'the very first message' })
    // More than a welcome carries: the first is not in bob's history.
    const count = 520
    for (let i = 0; i < count; i++) alice.chat(`n${i}`, `filler ${i}`)
    await waitFor(() => alice.all('chat').length === count + 1, CLI_PATIENCE_MS, 'the filler')
    const bob = scope.join([info.url, '--name', 'bob'])
    await waitFor(() => bob.out().includes(`filler ${count - 1}`), CLI_PATIENCE_MS, 'history')
    expect(bob.out()).not.toContain('the very first message')
    await stamped(alice, { type: 'chat', id: 'r', text: 'remember this?', replyTo: first })
    await waitFor(() => bob.out().includes('remember this?'), CLI_PATIENCE_MS, 'the reply')
    expect(bob.out()).toMatch(
      new RegExp(
        ` {8}↪ reply to alice: "the very first message"\n${TIME} alice: remember this\\?\n`,
      ),
    )
    bob.child.stdin.end()
    expect(await bob.exited).toBe(0)
  })

  it('sends @mentions of members present with the chat', async () => {
    const { info } = await host()
    const alice = watcher(info.url)
    const aliceId = cid('alice')
    await alice.join('Alice Smith', aliceId)
    const bob = scope.join([info.url, '--name', 'bob'])
    await waitFor(() => bob.out().includes('* Joined'), CLI_PATIENCE_MS, 'joined')
    bob.child.stdin.end('hi @alice smith and @room, mail me at bob@example.org\n')
    expect(await bob.exited).toBe(0)
    const chat = await alice.next('chat')
    expect(chat).toMatchObject({ mentions: [aliceId], mentionsRoom: true })
  })
})
