import { describe, expect, it } from 'vitest'
import type { NotificationLevel } from '../shared/bridge'
import { createTranslator } from '../shared/i18n/translator'
import {
  ChatNotifier,
  escapeMarkup,
  notificationWanted,
  type ChatNotification,
  type NotifierOptions,
} from './notifier'

/** A clock and timers that move only when told to. */
function setup(
  platform: NodeJS.Platform = 'darwin',
  wanted = () => true,
  muted: (room: string) => boolean = () => false,
  settings: Pick<NotifierOptions, 'level' | 'showText' | 't'> = {},
) {
  let now = 1_000_000
  let timers: Array<{ at: number; run: () => void }> = []
  const shown: ChatNotification[] = []
  const notifier = new ChatNotifier({
    platform,
    show: (notification) => shown.push(notification),
    wanted: () => wanted(),
    muted,
    ...settings,
    now: () => now,
    schedule: (run, ms) => {
      const timer = { at: now + ms, run }
      timers.push(timer)
      return () => {
        timers = timers.filter((t) => t !== timer)
      }
    },
  })
  const advance = (ms: number): void => {
    now += ms
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers = timers.filter((t) => t !== timer)
      timer.run()
    }
  }
  const chat = (name: string, text: string, room = 'Lab'): void =>
    notifier.incoming({ room, name, text })
  const mention = (name: string, text: string, room = 'Lab'): void =>
    notifier.incoming({ room, name, text, mention: true })
  return { notifier, shown, advance, chat, mention, pendingTimers: () => timers.length }
}

describe('ChatNotifier', () => {
  it('shows the first message at once, with who and where', () => {
    const { shown, chat } = setup()
    chat('Ada', 'Lunch?')
    expect(shown).toEqual([{ title: 'Ada in Lab', body: 'Lunch?' }])
  })

  it('gathers a burst into one notification per 5 s with a count and the latest text', () => {
    const { shown, chat, advance } = setup()
    chat('Ada', 'one')
    // A room at the hub's limit: ten a second for ten seconds.
    const names = ['Ada', 'Brian', 'Chen']
    for (let i = 0; i < 100; i++) {
      advance(100)
      chat(names[i % 3] as string, `message ${i}`)
    }
    advance(5_000)
    // 15 s in all: at most one notification per 5 s.
    expect(shown.length).toBeLessThanOrEqual(4)
    expect(shown[0]).toEqual({ title: 'Ada in Lab', body: 'one' })
    expect(shown[1]?.title).toMatch(/^\d\d new messages from \w+ and 2 others in Lab$/)
    expect(shown.at(-1)?.body).toMatch(/message 99$/)
    const total = shown.reduce((sum, n) => sum + Number(/^(\d+) new/.exec(n.title)?.[1] ?? 1), 0)
    // Every message counted once.
    expect(total).toBe(101)
  })

  it('names both senders when there are two, and shows one message as itself', () => {
    const { shown, chat, advance } = setup()
    chat('Ada', 'a')
    advance(1_000)
    chat('Ada', 'b')
    chat('Brian', 'c')
    advance(4_000)
    advance(10_000)
    chat('Brian', 'alone')
    expect(shown).toEqual([
      { title: 'Ada in Lab', body: 'a' },
      { title: '2 new messages from Brian and Ada in Lab', body: 'Brian: c' },
      { title: 'Brian in Lab', body: 'alone' },
    ])
  })

  it('keeps rooms apart, and says nothing of a room without a name', () => {
    const { shown, chat } = setup()
    chat('Ada', 'x', 'Lab')
    chat('Ada', 'y', 'Office')
    chat('Ada', 'z', '')
    expect(shown.map((n) => n.title)).toEqual(['Ada in Lab', 'Ada in Office', 'Ada'])
  })

  it('drops what was gathered once the person looks (clear) or when no longer wanted', () => {
    let looking = false
    const { notifier, shown, chat, advance, pendingTimers } = setup('darwin', () => !looking)
    chat('Ada', 'first')
    chat('Ada', 'second')
    notifier.clear()
    expect(pendingTimers()).toBe(0)
    advance(10_000)
    chat('Ada', 'third')
    chat('Ada', 'fourth')
    looking = true
    advance(5_000)
    expect(shown.map((n) => n.body)).toEqual(['first', 'third'])
  })

  it('shortens long text', () => {
    const { shown, chat } = setup()
    chat('Ada', 'x'.repeat(5_000))
    expect(shown[0]?.body).toBe(`${'x'.repeat(200)}…`)
  })

  it('escapes markup on Linux, title and body, and only there', () => {
    const linux = setup('linux')
    linux.chat('<b>Eve</b> & co', '<a href="https://evil.example">click</a> <img src=x>')
    expect(linux.shown).toEqual([
      {
        title: '&lt;b&gt;Eve&lt;/b&gt; &amp; co in Lab',
        body: '&lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt; &lt;img src=x&gt;',
      },
    ])
    const mac = setup('darwin')
    mac.chat('Eve', '<b>bold</b>')
    expect(mac.shown[0]?.body).toBe('<b>bold</b>')
  })

  it('counts at most a full room of distinct senders, however many a hub invents', () => {
    const { shown, chat, advance } = setup()
    chat('first', 'x')
    for (let i = 0; i < 50_000; i++) chat(`name ${i}`, 'spam')
    advance(5_000)
    expect(shown[1]?.title).toMatch(/^50000 new messages from name 49999 and 10\d\d others in Lab$/)
  })
})

describe('escapeMarkup', () => {
  it('escapes the five characters markup gives meaning to', () => {
    expect(escapeMarkup(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;')
    expect(escapeMarkup('plain text')).toBe('plain text')
  })

  it('tells a mention at once, apart from the messages gathered, even in a muted room', () => {
    const { shown, chat, mention, advance } = setup(
      'darwin',
      () => true,
      (room) => room === 'Lab',
    )
    chat('Ada', 'Lunch?')
    chat('Bo', 'Yes')
    expect(shown).toEqual([])
    mention('Ada', '@Me are you in?')
    expect(shown).toEqual([
      { title: 'Ada mentioned you in Lab', body: '@Me are you in?', mention: true },
    ])
    // Mentions are coalesced among themselves (a hub may send many), a second at a time.
    mention('Bo', '@room standup')
    mention('Cy', '@Me hello')
    expect(shown).toHaveLength(1)
    advance(1_000)
    expect(shown.at(-1)).toEqual({
      title: '2 mentions of you in Lab',
      body: 'Cy: @Me hello',
      mention: true,
    })
    advance(60_000)
    expect(shown).toHaveLength(2)
  })

  it('gathers a mention apart from the room’s other messages when not muted', () => {
    const { shown, chat, mention, advance } = setup()
    chat('Ada', 'Lunch?')
    chat('Bo', 'Yes')
    mention('Cy', '@Me you too?')
    expect(shown.map((n) => n.title)).toEqual(['Ada in Lab', 'Cy mentioned you in Lab'])
    advance(5_000)
    expect(shown.at(-1)).toEqual({ title: 'Bo in Lab', body: 'Yes' })
  })
})

describe('what the settings let through', () => {
  it.each<[NotificationLevel, boolean, boolean, boolean]>([
    // level, muted, mention → notified
    ['all', false, false, true],
    ['all', false, true, true],
    ['all', true, false, false],
    ['all', true, true, true],
    ['mentions', false, false, false],
    ['mentions', false, true, true],
    ['mentions', true, false, false],
    ['mentions', true, true, true],
    ['none', false, false, false],
    ['none', false, true, false],
    ['none', true, true, false],
  ])('level %s, muted %s, mention %s: %s', (level, muted, mention, expected) => {
    expect(notificationWanted(level, muted, mention)).toBe(expected)
  })

  it('asks the level for each message, so a change applies at once', () => {
    let level: NotificationLevel = 'mentions'
    const { shown, chat, mention, advance } = setup(
      'darwin',
      () => true,
      () => false,
      {
        level: () => level,
      },
    )
    chat('Ada', 'plain')
    expect(shown).toEqual([])
    mention('Ada', '@you look')
    expect(shown).toMatchObject([{ title: 'Ada mentioned you in Lab', mention: true }])
    level = 'none'
    advance(10_000)
    mention('Ada', '@you again')
    expect(shown).toHaveLength(1)
    level = 'all'
    chat('Bob', 'hello')
    expect(shown.at(-1)).toEqual({ title: 'Bob in Lab', body: 'hello' })
  })

  it('mutes by room id: a muted room notifies mentions only', () => {
    const shown: ChatNotification[] = []
    const notifier = new ChatNotifier({
      platform: 'darwin',
      show: (notification) => shown.push(notification),
      muted: (roomId) => roomId === 'room-1',
    })
    notifier.incoming({ room: 'Lab', roomId: 'room-1', name: 'Ada', text: 'plain' })
    expect(shown).toEqual([])
    notifier.incoming({ room: 'Lab', roomId: 'room-1', name: 'Ada', text: '@you', mention: true })
    expect(shown).toMatchObject([{ title: 'Ada mentioned you in Lab', body: '@you' }])
    // Another room of the same name is not muted.
    notifier.incoming({ room: 'Lab', roomId: 'room-2', name: 'Bob', text: 'hi' })
    expect(shown.at(-1)).toEqual({ title: 'Bob in Lab', body: 'hi' })
  })

  it('hides the text when asked: who wrote, not what', () => {
    const { shown, chat, mention, advance } = setup(
      'linux',
      () => true,
      () => false,
      {
        showText: () => false,
      },
    )
    chat('Ada <b>', 'the secret plan')
    expect(shown).toEqual([
      { title: 'Ada &lt;b&gt; in Lab', body: 'New message from Ada &lt;b&gt;' },
    ])
    chat('Bob', 'more secrets')
    advance(5_000)
    expect(shown.at(-1)?.body).toBe('New message from Bob')
    mention('Cy', '@you secret')
    expect(shown.at(-1)).toEqual({
      title: 'Cy mentioned you in Lab',
      body: 'New message from Cy',
      mention: true,
    })
    expect(JSON.stringify(shown)).not.toContain('secret')
  })
})

describe('ChatNotifier in another language', () => {
  it('in German: who, where, the gathered count and the hidden text', () => {
    const t = createTranslator('de').t
    const { shown, chat, mention, advance } = setup(
      'darwin',
      () => true,
      () => false,
      { t },
    )
    chat('Ada', 'eins')
    chat('Bo', 'zwei')
    chat('Cy', 'drei')
    chat('Ada', 'vier')
    advance(5_000)
    mention('Bo', '@du')
    expect(shown).toEqual([
      { title: 'Ada in Lab', body: 'eins' },
      { title: '3 neue Nachrichten von Ada und 2 anderen in Lab', body: 'Ada: vier' },
      { title: 'Bo hat dich in Lab erwähnt', body: '@du', mention: true },
    ])
  })

  it('in Arabic: plural forms by count, and only who wrote when the text is hidden', () => {
    const t = createTranslator('ar').t
    const hidden = setup(
      'darwin',
      () => true,
      () => false,
      { t, showText: () => false },
    )
    hidden.chat('Ada', 'سر')
    expect(hidden.shown).toEqual([{ title: 'Ada في Lab', body: 'رسالة جديدة من Ada' }])
    const { shown, chat, advance } = setup(
      'darwin',
      () => true,
      () => false,
      { t },
    )
    chat('Ada', 'a')
    chat('Bo', 'b')
    chat('Ada', 'c')
    advance(5_000)
    expect(shown.map((n) => n.title)).toEqual(['Ada في Lab', 'رسالتان جديدتان من Ada وBo في Lab'])
  })
})
