/**
 * The client's token bounds on hub frames (LIMITS.maxWelcomeTokens, maxHubFrameTokens): the
 * count itself, and the largest frames a hub sends at every limit, which must stay well
 * within them.
 */
import { describe, expect, it } from 'vitest'
import { welcome } from '../../../test/support/fake-room'
import { jsonTextHasMoreTokens } from './json-text-tokens'
import { LIMITS } from './limits'
import { SCHEMAS } from './messages'
import type { ChatEvent, Member } from './message-types'

/** The count, done another way: strings taken out, then `{`, `[` and `,` counted. */
function tokensOf(json: string): number {
  return json.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/[^,[{]/g, '').length
}

function exactly(json: string): number {
  const count = tokensOf(json)
  expect(jsonTextHasMoreTokens(json, count)).toBe(false)
  expect(jsonTextHasMoreTokens(json, count - 1)).toBe(count > 0)
  return count
}

const id = (prefix: string, i: number, length: number): string =>
  (prefix + String(i)).padEnd(length, 'x').slice(0, length)

/** A materialized chat with every optional field at its bound. */
function fullChat(seq: number): ChatEvent {
  const reactors = Array.from({ length: LIMITS.maxReactionsPerMessage }, (_, i) => id('r', i, 22))
  const emoji = ['👍', '❤️', '😂', '🎉', '🙏', '🔥', '👀', '✅', '💯', '🚀']
  const reactions = Array.from({ length: LIMITS.maxReactionEmoji }, (_, i) => ({
    emoji: `${emoji[i % emoji.length]}${i >= emoji.length ? '🏽' : ''}`.replace('❤️🏽', '💙'),
    from: [] as string[],
  }))
  reactors.forEach((reactor, i) => reactions[i % reactions.length]?.from.push(reactor))
  return {
    type: 'chat',
    seq,
    id: id('m', seq, 64),
    from: id('f', seq, 22),
    name: 'Name, [with] {all}, of it',
    text: '[{,'.repeat(1000),
    ts: 1795338000412,
    replyTo: seq,
    mentions: Array.from({ length: LIMITS.maxMentions }, (_, i) => id('n', i, 22)),
    mentionsRoom: true,
    file: {
      id: id('u', seq, 32),
      name: 'a,b[c]{d}.png',
      size: 1,
      type: 'image/png',
      sha256: 'a'.repeat(64),
      width: 1,
      height: 1,
      thumb: 'A'.repeat(100),
    },
    edited: true,
    deleted: true,
    reactions: reactions.filter((reaction) => reaction.from.length > 0),
  }
}

describe('jsonTextHasMoreTokens', () => {
  it('counts objects, arrays and commas outside strings, escapes included', () => {
    expect(exactly('{"a":[1,2,{"b":"[,{"}],"c":"\\\\","d":"\\"[,{"}')).toBe(7)
    expect(exactly('"[[[,,,{{{"')).toBe(0)
    expect(exactly('[[],[],[]]')).toBe(6)
    expect(jsonTextHasMoreTokens('[[],'.repeat(1000), 1999)).toBe(true)
  })
})

describe('the largest hub frames at every limit, in tokens', () => {
  it('a welcome of historySize full chats, maxRoomMembers members and every resume event fits maxWelcomeTokens with room to spare', () => {
    const member = (i: number): Member => ({
      clientId: id('c', i, 22),
      name: `M${i}`,
      host: false,
      guest: true,
    })
    const largest = welcome({
      members: Array.from({ length: LIMITS.maxRoomMembers }, (_, i) => member(i)),
      history: Array.from({ length: LIMITS.historySize }, (_, i) => fullChat(i + 1)),
      lastSeq: LIMITS.historySize + LIMITS.maxResumeEvents,
      resumed: true,
      events: Array.from({ length: LIMITS.maxResumeEvents }, (_, i) => ({
        type: 'react' as const,
        seq: LIMITS.historySize + i + 1,
        id: id('e', i, 64),
        from: id('f', i, 22),
        name: 'Ada',
        ts: 1795338000412,
        target: 1,
        emoji: '👍',
      })),
      reads: Array.from({ length: LIMITS.maxReadPositions }, (_, i) => ({
        clientId: id('c', i, 22),
        seq: 1,
      })),
    })
    const checked = SCHEMAS.welcome.safeParse(largest)
    expect(checked.error?.issues.slice(0, 3) ?? []).toEqual([])
    const tokens = exactly(JSON.stringify(largest))
    // docs/protocol.md gives this figure ("about 240,000").
    expect(Math.round(tokens / 10_000) * 10_000).toBe(240_000)
    expect(tokens * 4).toBeLessThan(LIMITS.maxWelcomeTokens)
  })

  it('a page of pageLimit full chats fits maxHubFrameTokens with room to spare', () => {
    const page = {
      type: 'page',
      id: 'x'.repeat(64),
      chats: Array.from({ length: LIMITS.pageLimit }, (_, i) => fullChat(i + 1)),
      first: false,
      last: false,
      trimmed: false,
    }
    expect(SCHEMAS.hubMessage.safeParse(page).error?.issues.slice(0, 3) ?? []).toEqual([])
    const tokens = exactly(JSON.stringify(page))
    expect(Math.round(tokens / 5_000) * 5_000).toBe(70_000)
    expect(tokens * 3).toBeLessThan(LIMITS.maxHubFrameTokens)
  })
})
