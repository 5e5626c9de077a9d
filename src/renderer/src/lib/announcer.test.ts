import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from './i18n'
import { Announcer, nameList, summarize, type AnnouncerClock, type Arrival } from './announcer'

const chat = (name: string, text = 'hi'): Arrival => ({ kind: 'chat', name, text })
const joined = (name: string): Arrival => ({ kind: 'joined', name, text: `${name} joined` })

/** A clock the test moves by hand. */
function manualClock(): AnnouncerClock & { advance: (ms: number) => void } {
  let time = 1_000
  let timers: Array<{ at: number; run: () => void }> = []
  return {
    now: () => time,
    schedule: (run, ms) => {
      const timer = { at: time + ms, run }
      timers.push(timer)
      return () => (timers = timers.filter((t) => t !== timer))
    },
    advance: (ms) => {
      time += ms
      const due = timers.filter((t) => t.at <= time)
      timers = timers.filter((t) => t.at > time)
      for (const timer of due) timer.run()
    },
  }
}

describe('summarize', () => {
  it('reads a single message, and sums up several by sender', () => {
    expect(summarize([chat('Ada', 'lunch?')])).toBe('Ada: lunch?')
    expect(summarize([chat('Ada', 'lunch')])).toBe('Ada: lunch.')
    expect(summarize([chat('Ada'), chat('Bob'), chat('Ada')])).toBe(
      '3 new messages from Ada and Bob.',
    )
    expect(summarize([chat('Ada', 'x'.repeat(500))])).toHaveLength('Ada: '.length + 200 + 1)
  })

  it('tells who came and went', () => {
    expect(summarize([joined('Cleo')])).toBe('Cleo joined.')
    expect(
      summarize([
        chat('Ada'),
        chat('Bob'),
        joined('Cleo'),
        joined('Dan'),
        { kind: 'left', name: 'Eve', text: 'Eve left' },
      ]),
    ).toBe('2 new messages from Ada and Bob. Cleo and Dan joined. Eve left.')
    expect(summarize([{ kind: 'renamed', name: 'Bo', text: 'Bob is now Bo' }])).toBe(
      'Bob is now Bo.',
    )
    expect(summarize([])).toBe('')
  })

  it('lists at most three names', () => {
    expect(nameList(['A'])).toBe('A')
    expect(nameList(['A', 'B', 'C'])).toBe('A, B and C')
    expect(nameList(['A', 'B', 'C', 'D'])).toBe('A, B, C and 1 other')
    expect(nameList(['A', 'B', 'C', 'D', 'E', 'A'])).toBe('A, B, C and 2 others')
  })
})

describe('Announcer', () => {
  it('says the first thing at once, then at most once per interval, summed up', () => {
    const clock = manualClock()
    const said: string[] = []
    const announcer = new Announcer((text) => said.push(text), 2_500, clock)
    announcer.add(chat('Ada', 'hello'))
    expect(said).toEqual(['Ada: hello.'])
    announcer.add(chat('Ada'))
    announcer.add(chat('Bob'))
    clock.advance(1_000)
    announcer.add(joined('Cleo'))
    expect(said).toHaveLength(1)
    clock.advance(1_500)
    expect(said).toEqual(['Ada: hello.', '2 new messages from Ada and Bob. Cleo joined.'])
    // A burst of 100 within the next interval: one more announcement, at its end.
    for (let i = 0; i < 100; i++) announcer.add(chat(`P${i % 5}`))
    clock.advance(2_499)
    expect(said).toHaveLength(2)
    clock.advance(1)
    expect(said[2]).toBe('100 new messages from P0, P1, P2 and 2 others.')
    // After a quiet spell, at once again.
    clock.advance(10_000)
    announcer.add(joined('Dan'))
    expect(said.at(-1)).toBe('Dan joined.')
  })

  it('forgets what is queued when cleared', () => {
    const clock = manualClock()
    const said: string[] = []
    const announcer = new Announcer((text) => said.push(text), 2_500, clock)
    announcer.add(chat('Ada'))
    announcer.add(chat('Bob'))
    announcer.clear()
    clock.advance(5_000)
    expect(said).toEqual(['Ada: hi.'])
  })
})

describe('summarize in other languages', () => {
  afterEach(() => setLanguage('en'))

  it('speaks the current language, verbs agreeing and sentences ended its way', () => {
    setLanguage('de')
    expect(
      summarize([chat('Ada'), chat('Bob'), joined('Cleo'), joined('Dan'), joined('Eve')]),
    ).toBe('2 neue Nachrichten von Ada und Bob. Cleo, Dan und Eve sind beigetreten.')
    expect(nameList(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C und 2 weitere')
    setLanguage('ja')
    expect(summarize([joined('Cleo')])).toBe('Cleoが参加しました。')
    expect(summarize([chat('Ada', 'お昼？')])).toBe('Ada：お昼？')
    setLanguage('ar')
    expect(summarize([chat('Ada'), chat('Bob')])).toBe('رسالتان جديدتان من Ada وBob.')
  })
})
