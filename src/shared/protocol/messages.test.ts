/**
 * The schemas at their bounds, in both directions: what a client may send the hub, and what a
 * client accepts from a hub (every string and list bounded by LIMITS). The hub's side against a
 * real hub is in test/protocol/limits.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { welcome } from '../../../test/support/fake-room'
import { LIMITS } from './limits'
import { utf8Length } from './lengths'
import { UNNAMED } from './names'
import {
  ISSUES_MAX_BYTES,
  ISSUES_MAX_LENGTH,
  SCHEMAS,
  createSchemas,
  describeIssues,
} from './messages'
import type { ChatEvent, Member, WelcomeMessage } from './message-types'

const CLIENT_ID = 'NHUPmL1Z_PyUbaRaqr6TO-'
const MESSAGE_ID = 'mwrlw2o0-1-x8k2pd'

function issuesOf(result: { success: boolean; error?: { issues: Array<{ message: string }> } }) {
  return result.success ? [] : (result.error?.issues.map((issue) => issue.message) ?? [])
}

function chatEvent(overrides: Partial<ChatEvent> = {}): ChatEvent {
  return {
    type: 'chat',
    seq: 1,
    id: MESSAGE_ID,
    from: CLIENT_ID,
    name: 'Alice',
    text: 'hi',
    ts: 1795338000412,
    ...overrides,
  }
}

describe('chat text', () => {
  it('counts graphemes: maxTextLength emoji of several code points pass, one more does not', () => {
    for (const emoji of ['👍🏽', '🇫🇷', '❤️', '1️⃣', '🏳️‍🌈']) {
      const count = Math.min(
        LIMITS.maxTextLength,
        Math.floor(LIMITS.maxTextBytes / utf8Length(emoji)),
      )
      expect(SCHEMAS.text.safeParse(emoji.repeat(count)).success, emoji).toBe(true)
    }
    expect(SCHEMAS.text.safeParse('👍🏽'.repeat(LIMITS.maxTextLength)).success).toBe(true)
    expect(issuesOf(SCHEMAS.text.safeParse('👍🏽'.repeat(LIMITS.maxTextLength + 1)))).toEqual([
      'must be at most 4000 characters',
    ])
  })

  it('bounds bytes too: a text of long emoji sequences fits in characters but not in bytes', () => {
    const family = '👨‍👩‍👧‍👦' // 25 bytes, one grapheme
    const fits = Math.floor(LIMITS.maxTextBytes / utf8Length(family))
    expect(SCHEMAS.text.safeParse(family.repeat(fits)).success).toBe(true)
    expect(issuesOf(SCHEMAS.text.safeParse(family.repeat(fits + 1)))).toEqual([
      'must be at most 32768 bytes of UTF-8',
    ])
    // A grapheme of a thousand combining marks is one character of 2001 bytes.
    const tower = 'a' + '\u0301'.repeat(1000)
    expect(SCHEMAS.text.safeParse(tower.repeat(16)).success).toBe(true)
    expect(SCHEMAS.text.safeParse(tower.repeat(17)).success).toBe(false)
  })

  it('counts after \\r\\n and \\r become \\n', () => {
    const crlf = 'x\r\n'.repeat(LIMITS.maxTextLength / 2)
    const parsed = SCHEMAS.text.safeParse(crlf)
    expect(parsed.success).toBe(true)
    expect(parsed.data).toBe('x\n'.repeat(LIMITS.maxTextLength / 2))
  })

  it('refuses blank text, control and bidi characters and lone surrogates, as before', () => {
    expect(issuesOf(SCHEMAS.text.safeParse(' \n\t '))).toEqual(['must not be blank'])
    for (const bad of ['a\u0000', 'a\u001b[31m', 'a\u202eb', 'a\u2066b', 'a\u0085']) {
      expect(issuesOf(SCHEMAS.text.safeParse(bad))).toEqual(['must not contain control characters'])
    }
    expect(issuesOf(SCHEMAS.text.safeParse('a\ud800'))).toEqual(['must be well-formed text'])
    expect(SCHEMAS.text.safeParse('line\n\tindented').success).toBe(true)
  })
})

describe('names', () => {
  it('count graphemes up to maxNameLength, within maxNameBytes', () => {
    const forty = 'e\u0301'.repeat(20) + '😀'.repeat(20)
    expect(SCHEMAS.displayName.safeParse(forty).success).toBe(true)
    expect(issuesOf(SCHEMAS.displayName.safeParse(forty + 'x'))).toEqual([
      'must be at most 40 characters',
    ])
    expect(issuesOf(SCHEMAS.displayName.safeParse('👍🏽'.repeat(31)))).toEqual([
      'must be at most 240 bytes of UTF-8',
    ])
    const sixty = '😀'.repeat(30) + 'x'.repeat(30)
    expect(SCHEMAS.roomName.safeParse(sixty).success).toBe(true)
    expect(SCHEMAS.roomName.safeParse(sixty + 'x').success).toBe(false)
  })

  it('follow the character rule, in what a client sends', () => {
    expect(issuesOf(SCHEMAS.displayName.safeParse('Ada\u200b'))).toEqual([
      'must not contain invisible or formatting characters (U+200B)',
    ])
    expect(issuesOf(SCHEMAS.displayName.safeParse('  '))).toEqual(['must not be empty'])
    expect(SCHEMAS.displayName.parse(' 👩‍💻 Ada ')).toBe('👩‍💻 Ada')
  })

  it('from a hub are repaired, not refused, when only invisible characters are wrong', () => {
    expect(SCHEMAS.member.parse({ clientId: CLIENT_ID, name: 'Ada\u200b', host: false }).name).toBe(
      'Ada',
    )
    expect(SCHEMAS.chatEvent.parse(chatEvent({ name: '\u3164' })).name).toBe(UNNAMED)
    // Bounds are never repaired: too long is refused.
    expect(
      SCHEMAS.member.safeParse({ clientId: CLIENT_ID, name: 'x'.repeat(41), host: false }),
    ).toMatchObject({ success: false })
    expect(
      SCHEMAS.member.safeParse({
        clientId: CLIENT_ID,
        name: '\u200b'.repeat(100_000),
        host: false,
      }),
    ).toMatchObject({ success: false })
  })
})

describe('what a client accepts from a hub', () => {
  it('a chat event follows the same text rule as a chat', () => {
    expect(SCHEMAS.chatEvent.safeParse(chatEvent({ text: 'evil\u202etxt' })).success).toBe(false)
    expect(SCHEMAS.chatEvent.safeParse(chatEvent({ text: 'a\u0007' })).success).toBe(false)
    expect(SCHEMAS.chatEvent.safeParse(chatEvent({ text: '\ud800' })).success).toBe(false)
    expect(SCHEMAS.chatEvent.safeParse(chatEvent({ text: '  ' })).success).toBe(false)
    const longest = '👍🏽'.repeat(LIMITS.maxTextLength)
    expect(SCHEMAS.chatEvent.safeParse(chatEvent({ text: longest })).success).toBe(true)
    expect(SCHEMAS.chatEvent.safeParse(chatEvent({ text: longest + 'x' })).success).toBe(false)
  })

  it('error and closing messages are at most maxReasonLength characters and maxReasonBytes', () => {
    const error = (message: string) =>
      SCHEMAS.hubMessage.safeParse({ type: 'error', code: 'invalid_message', message })
    expect(error('x'.repeat(LIMITS.maxReasonLength)).success).toBe(true)
    // The reason a 600-character message once broke the app's bridge (500 at most).
    expect(error('x'.repeat(600)).success).toBe(false)
    expect(error('x'.repeat(LIMITS.maxReasonLength + 1)).success).toBe(false)
    expect(error('€'.repeat(166)).success).toBe(true)
    expect(error('€'.repeat(167)).success).toBe(false) // 501 bytes
    const closing = (message: string) =>
      SCHEMAS.hubMessage.safeParse({ type: 'closing', reason: 'host_stopped', message })
    expect(closing('x'.repeat(LIMITS.maxReasonLength + 1)).success).toBe(false)
    // Shown without control or bidi characters.
    const parsed = SCHEMAS.error.parse({
      type: 'error',
      code: 'unknown_type',
      message: 'unknown message type "\u202eabc\u0007\ud800"',
    })
    expect(parsed.message).toBe('unknown message type "abc\ufffd"')
  })

  it('a time stamp is one a Date can show, in every frame that carries one', () => {
    const chat = (ts: number) => SCHEMAS.chatEvent.safeParse(chatEvent({ ts })).success
    expect(chat(0)).toBe(true)
    expect(chat(LIMITS.maxTimestampMs)).toBe(true)
    // new Date(ts).toISOString() throws past it: a window drawing the time would stop.
    expect(() => new Date(LIMITS.maxTimestampMs + 1).toISOString()).toThrow(RangeError)
    expect(chat(LIMITS.maxTimestampMs + 1)).toBe(false)
    expect(chat(Number.MAX_SAFE_INTEGER)).toBe(false)
    expect(chat(-1)).toBe(false)
    const op = { type: 'react', seq: 2, id: 'r1', from: 'a'.repeat(22), name: 'A', target: 1 }
    const react = (ts: number) => SCHEMAS.hubMessage.safeParse({ ...op, emoji: '👍', ts }).success
    expect(react(1)).toBe(true)
    expect(react(Number.MAX_SAFE_INTEGER)).toBe(false)
    const results = (ts: number) =>
      SCHEMAS.hubMessage.safeParse({
        type: 'results',
        id: 'q1',
        matches: [{ seq: 1, from: 'a'.repeat(22), name: 'A', ts, snippet: 'hi', highlights: [] }],
        more: false,
      }).success
    expect(results(1)).toBe(true)
    expect(results(Number.MAX_SAFE_INTEGER)).toBe(false)
  })

  it('retryAfterMs is bounded', () => {
    const error = (retryAfterMs: number) =>
      SCHEMAS.error.safeParse({ type: 'error', code: 'rate_limited', message: 'm', retryAfterMs })
    expect(error(LIMITS.maxRetryAfterMs).success).toBe(true)
    expect(error(LIMITS.maxRetryAfterMs + 1).success).toBe(false)
    expect(error(2 ** 40).success).toBe(false)
  })

  it('welcome: at most maxRoomMembers members (a clustered room) and historySize chats', () => {
    const members = (n: number): Member[] =>
      Array.from({ length: n }, (_, i) => ({
        clientId: `member${String(i).padStart(6, '0')}`,
        name: 'm',
        host: false,
      }))
    const valid = (overrides: Partial<WelcomeMessage>) =>
      SCHEMAS.welcome.safeParse(welcome(overrides)).success
    const history = (n: number): ChatEvent[] =>
      Array.from({ length: n }, (_, i) => chatEvent({ seq: i + 1 }))
    expect(LIMITS.maxRoomMembers).toBe(8192)
    expect(valid({ members: members(LIMITS.maxRoomMembers) })).toBe(true)
    expect(valid({ members: members(LIMITS.maxRoomMembers + 1) })).toBe(false)
    expect(valid({ history: history(LIMITS.historySize) })).toBe(true)
    expect(valid({ history: history(LIMITS.historySize + 1) })).toBe(false)
  })

  it("welcome.limits beyond the client's own are capped, not trusted", () => {
    const parsed = SCHEMAS.welcome.parse(
      welcome({
        limits: { maxTextLength: 10 ** 9, chatsPerSecond: 10 ** 12, chatBurst: 10 ** 12 },
      }),
    )
    expect(parsed.limits).toEqual({
      maxTextLength: LIMITS.maxTextLength,
      chatsPerSecond: LIMITS.maxChatsPerSecond,
      chatBurst: LIMITS.maxChatsPerSecond,
    })
    expect(
      SCHEMAS.welcome.safeParse(
        welcome({ limits: { maxTextLength: 0, chatsPerSecond: 1, chatBurst: 1 } }),
      ).success,
    ).toBe(false)
  })

  it('/info: bounded names, protocol, member count and hubs', () => {
    const info = {
      v: 1,
      protocol: 'lanroom.v1',
      roomId: 'R4kT9wLm2QxZ8pVn',
      name: 'Team room',
      hostName: 'Alice',
      members: 2,
      passphrase: false,
      tls: false,
      fingerprint: null,
    }
    expect(SCHEMAS.info.safeParse(info).success).toBe(true)
    const members = (n: number) => SCHEMAS.info.safeParse({ ...info, members: n }).success
    // A clustered hub counts the whole room: more than one hub's maxMembers.
    expect(members(LIMITS.maxRoomMembers)).toBe(true)
    expect(members(LIMITS.maxRoomMembers + 1)).toBe(false)
    expect(members(-1)).toBe(false)
    expect(SCHEMAS.info.safeParse({ ...info, protocol: 'x'.repeat(33) }).success).toBe(false)
    expect(SCHEMAS.info.safeParse({ ...info, roomId: 'x'.repeat(65) }).success).toBe(false)
    expect(SCHEMAS.info.safeParse({ ...info, name: 'x'.repeat(61) }).success).toBe(false)
    expect(SCHEMAS.info.parse({ ...info, hostName: 'Alice\u200b' }).hostName).toBe('Alice')
    // A clustered room's other hubs (hub-urls.ts): optional, bounded, hostile ones refused.
    const hubs = ['wss://192.168.1.22:47800/ws', 'wss://192.168.1.23:47800/ws']
    const many = Array.from({ length: LIMITS.maxHubUrls + 1 }, (_, i) => `wss://10.0.0.${i}/ws`)
    const bad = [...hubs, 'wss://evil@192.168.1.24:47800/ws']
    expect(SCHEMAS.info.parse({ ...info, hubs }).hubs).toEqual(hubs)
    expect(SCHEMAS.info.safeParse({ ...info, hubs: bad }).success).toBe(false)
    expect(SCHEMAS.info.safeParse({ ...info, hubs: many }).success).toBe(false)
    expect(SCHEMAS.welcome.parse(welcome({ hubs })).hubs).toEqual(hubs)
    expect(SCHEMAS.welcome.parse(welcome()).hubs).toBeUndefined()
    expect(SCHEMAS.hubMessage.safeParse(welcome({ hubs: bad })).success).toBe(false)
    expect(SCHEMAS.hubMessage.safeParse(welcome({ hubs: many })).success).toBe(false)
  })

  it('tests may inject smaller limits, and the schemas follow them', () => {
    const small = createSchemas({ ...LIMITS, maxTextLength: 5, maxNameLength: 3 })
    expect(small.text.safeParse('👍🏽'.repeat(5)).success).toBe(true)
    expect(small.text.safeParse('👍🏽'.repeat(6)).success).toBe(false)
    expect(small.displayName.safeParse('Ada').success).toBe(true)
    expect(small.displayName.safeParse('Adam').success).toBe(false)
  })
})

describe('describeIssues', () => {
  it('fits what it describes into a hub message, whatever the issues', () => {
    const result = SCHEMAS.hello.safeParse({
      type: 'hello',
      v: 1,
      name: 'x'.repeat(5000),
      clientId: '€'.repeat(100),
      key: [],
      sig: {},
    })
    expect(result.success).toBe(false)
    const line = describeIssues(result.error!)
    expect(line.length).toBeGreaterThan(20)
    expect([...line].length).toBeLessThanOrEqual(ISSUES_MAX_LENGTH)
    expect(utf8Length(line)).toBeLessThanOrEqual(ISSUES_MAX_BYTES)
  })
})

/** The largest value of each field a hub may send, for the frame-size bounds below. */
function worst() {
  // Each `"` is escaped on the wire (2 bytes); the marks after it keep one grapheme per quote.
  // Quotes and the other escaped characters (\\, \n, \t) start a grapheme each, so no valid
  // text has more escapes than graphemes.
  const quoted = (graphemes: number, bytes: number) => {
    const marks = Math.floor((bytes - graphemes) / 2)
    const perQuote = Math.floor(marks / graphemes)
    const extra = marks - perQuote * graphemes
    return Array.from(
      { length: graphemes },
      (_, i) => '"' + '\u0301'.repeat(perQuote + (i < extra ? 1 : 0)),
    ).join('')
  }
  const text = quoted(LIMITS.maxTextLength, LIMITS.maxTextBytes)
  const name = quoted(LIMITS.maxNameLength, LIMITS.maxNameBytes)
  const roomName = quoted(LIMITS.maxRoomNameLength, LIMITS.maxRoomNameBytes)
  const id = (length: number) => 'x'.repeat(length)
  return { text, name, roomName, id }
}

describe('frame sizes at every limit', () => {
  const { text, name, roomName, id } = worst()

  it('the worst strings are valid (so they are the real worst case)', () => {
    expect(SCHEMAS.text.safeParse(text).success).toBe(true)
    expect(SCHEMAS.displayName.safeParse(name).success).toBe(true)
    expect(SCHEMAS.roomName.safeParse(roomName).success).toBe(true)
    expect(utf8Length(text)).toBeGreaterThan(LIMITS.maxTextBytes - 4)
    expect(utf8Length(JSON.stringify(text))).toBeGreaterThan(LIMITS.maxTextBytes)
  })

  it('a chat of both maxima, from the longest message id, fits maxFrameBytes', () => {
    const frame = JSON.stringify({ type: 'chat', id: id(LIMITS.maxMessageIdLength), text })
    expect(utf8Length(frame)).toBeLessThanOrEqual(LIMITS.maxFrameBytes)
    const hello = JSON.stringify({
      type: 'hello',
      v: 1,
      name,
      clientId: id(LIMITS.maxClientIdLength),
      key: id(43),
      sig: id(86),
      login: id(LIMITS.maxLoginMessageLength),
      resume: { epoch: id(LIMITS.maxRoomIdLength), lastSeq: Number.MAX_SAFE_INTEGER },
    })
    expect(utf8Length(hello)).toBeLessThanOrEqual(LIMITS.maxFrameBytes)
  })

  it('a welcome at every limit fits maxHubFrameBytes, what a client must accept', () => {
    const member = (i: number): Member => ({
      clientId: id(LIMITS.maxClientIdLength - 6) + String(i).padStart(6, '0'),
      name,
      host: false,
    })
    const event = chatEvent({
      seq: Number.MAX_SAFE_INTEGER,
      id: id(LIMITS.maxMessageIdLength),
      from: id(LIMITS.maxClientIdLength),
      name,
      text,
      ts: LIMITS.maxTimestampMs,
    })
    const eventBytes = utf8Length(JSON.stringify(event))
    const largest = welcome({
      you: member(0),
      room: {
        id: id(LIMITS.maxRoomIdLength),
        name: roomName,
        hostName: name,
        epoch: id(LIMITS.maxRoomIdLength),
      },
      members: Array.from({ length: LIMITS.maxRoomMembers }, (_, i) => member(i)),
      history: [],
      lastSeq: Number.MAX_SAFE_INTEGER,
      // The longest join URLs there are: a 253-character DNS name, the longest port.
      hubs: Array.from(
        { length: LIMITS.maxHubUrls },
        (_, i) =>
          `wss://${[63, 63, 63, 61].map((n) => id(n - 2) + String(i).padStart(2, '0')).join('.')}:65535/ws`,
      ),
      limits: { maxTextLength: 4000, chatsPerSecond: 100_000, chatBurst: 100_000 },
    })
    expect(SCHEMAS.welcome.safeParse(largest).success).toBe(true)
    // The history is the same chat many times: its bytes once, times historySize.
    const bytes = utf8Length(JSON.stringify(largest)) + LIMITS.historySize * (eventBytes + 1)
    expect(bytes).toBeLessThanOrEqual(LIMITS.maxHubFrameBytes)
    // docs/protocol.md gives this worst case ("about 22 MB"; 19 MB with maxMembers members).
    expect(Math.round(bytes / 1e6)).toBe(22)
    expect(SCHEMAS.chatEvent.safeParse(event).success).toBe(true)
  })
})
