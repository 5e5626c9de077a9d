import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from './i18n'
import { TypingReporter, typingText } from './typing'

function setup() {
  let now = 0
  const sent: boolean[] = []
  const reporter = new TypingReporter(
    (active) => sent.push(active),
    2_000,
    () => now,
  )
  return { reporter, sent, advance: (ms: number) => (now += ms) }
}

describe('TypingReporter', () => {
  it('says "typing" once, then at most every 2 s while typing goes on', () => {
    const { reporter, sent, advance } = setup()
    reporter.input('h')
    reporter.input('he')
    advance(1_999)
    reporter.input('hel')
    expect(sent).toEqual([true])
    advance(1)
    reporter.input('hell')
    expect(sent).toEqual([true, true])
  })

  it('says "stopped" when the text is emptied, and only once', () => {
    const { reporter, sent } = setup()
    reporter.input('x')
    reporter.input('')
    reporter.input('   ')
    reporter.stop()
    expect(sent).toEqual([true, false])
    expect(reporter.active).toBe(false)
  })

  it('starts again at once after stopping', () => {
    const { reporter, sent } = setup()
    reporter.input('x')
    reporter.stop()
    reporter.input('y')
    expect(sent).toEqual([true, false, true])
  })

  it('does not report whitespace as typing', () => {
    const { reporter, sent } = setup()
    reporter.input('  \n')
    expect(sent).toEqual([])
  })
})

describe('typingText', () => {
  it('names up to three people', () => {
    expect(typingText([])).toBe('')
    expect(typingText(['Alice'])).toBe('Alice is typing…')
    expect(typingText(['Alice', 'Bob'])).toBe('Alice and Bob are typing…')
    expect(typingText(['A', 'B', 'C'])).toBe('A, B and C are typing…')
    expect(typingText(['A', 'B', 'C', 'D'])).toBe('Several people are typing…')
  })
})

describe('typingText in other languages', () => {
  afterEach(() => setLanguage('en'))

  it('lists the names the language’s way, the verb agreeing with how many', () => {
    setLanguage('de')
    expect(typingText(['Ada'])).toBe('Ada schreibt…')
    expect(typingText(['Ada', 'Bob', 'Cy'])).toBe('Ada, Bob und Cy schreiben…')
    expect(typingText(['A', 'B', 'C', 'D'])).toBe('Mehrere Personen schreiben…')
    setLanguage('ar')
    expect(typingText(['Ada', 'Bob'])).toBe('Ada وBob يكتبان…')
    expect(typingText(['Ada', 'Bob', 'Cy'])).toBe('Ada وBob وCy يكتبون…')
    setLanguage('ja')
    expect(typingText(['Ada', 'Bob'])).toBe('Ada、Bobが入力中です…')
  })
})
