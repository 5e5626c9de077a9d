import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from './i18n'
import {
  dayKey,
  formatDateTime,
  formatDay,
  formatTime,
  localeUsesTwelveHours,
  minutesApart,
  secondsUntil,
  setTimeFormat,
  twelveHours,
} from './time'

function at(y: number, m: number, d: number, h = 12, min = 0): number {
  return new Date(y, m - 1, d, h, min).getTime()
}

describe('formatTime', () => {
  afterEach(() => setTimeFormat('system'))

  it('is HH:MM in 24-hour local time', () => {
    setTimeFormat('24h')
    expect(formatTime(at(2026, 3, 4, 9, 5))).toBe('09:05')
    expect(formatTime(at(2026, 3, 4, 23, 59))).toBe('23:59')
    expect(formatTime(at(2026, 3, 4, 0, 0))).toBe('00:00')
  })

  it('is H:MM AM/PM in 12-hour time, with 12 for midnight and noon', () => {
    setTimeFormat('12h')
    expect(formatTime(at(2026, 3, 4, 9, 5))).toBe('9:05 AM')
    expect(formatTime(at(2026, 3, 4, 23, 59))).toBe('11:59 PM')
    expect(formatTime(at(2026, 3, 4, 0, 0))).toBe('12:00 AM')
    expect(formatTime(at(2026, 3, 4, 12, 30))).toBe('12:30 PM')
    expect(formatDateTime(at(2026, 3, 4, 21, 5))).toMatch(/9:05\sPM/)
  })

  it('follows the system locale by default', () => {
    setTimeFormat('system')
    expect(twelveHours()).toBe(localeUsesTwelveHours())
    expect(localeUsesTwelveHours('en-US')).toBe(true)
    expect(localeUsesTwelveHours('de-DE')).toBe(false)
    expect(formatTime(at(2026, 3, 4, 21, 5), false)).toBe('21:05')
  })
})

describe('dayKey', () => {
  it('is equal within a local day and differs across midnight', () => {
    expect(dayKey(at(2026, 3, 4, 0, 0))).toBe(dayKey(at(2026, 3, 4, 23, 59)))
    expect(dayKey(at(2026, 3, 4, 23, 59))).not.toBe(dayKey(at(2026, 3, 5, 0, 0)))
    expect(dayKey(at(2026, 12, 31))).toBeLessThan(dayKey(at(2027, 1, 1)))
  })
})

describe('formatDay', () => {
  const now = at(2026, 3, 4, 8)
  it('says Today and Yesterday', () => {
    expect(formatDay(at(2026, 3, 4, 0, 1), now)).toBe('Today')
    expect(formatDay(at(2026, 3, 3, 23, 59), now)).toBe('Yesterday')
    expect(formatDay(at(2026, 3, 2, 23, 59), now)).not.toMatch(/Today|Yesterday/)
  })
  it('names older days, with the year only when it is another year', () => {
    const thisYear = formatDay(at(2026, 1, 15), now)
    const lastYear = formatDay(at(2025, 1, 15), now)
    expect(thisYear).not.toMatch(/2026/)
    expect(lastYear).toMatch(/2025/)
  })
})

describe('secondsUntil', () => {
  it('rounds up and never goes below zero', () => {
    expect(secondsUntil(10_000, 7_001)).toBe(3)
    expect(secondsUntil(10_000, 7_000)).toBe(3)
    expect(secondsUntil(10_000, 9_999)).toBe(1)
    expect(secondsUntil(10_000, 10_000)).toBe(0)
    expect(secondsUntil(10_000, 12_000)).toBe(0)
    expect(secondsUntil(10_000, 0)).toBe(10)
  })
})

describe('minutesApart', () => {
  it('compares the gap with a number of minutes', () => {
    expect(minutesApart(0, 5 * 60_000, 5)).toBe(false)
    expect(minutesApart(0, 5 * 60_000 + 1, 5)).toBe(true)
    expect(minutesApart(5 * 60_000 + 1, 0, 5)).toBe(true)
  })
})

describe('in other languages', () => {
  afterEach(() => {
    setLanguage('en')
    setTimeFormat('system')
  })

  it('names the day in the current language, through Intl', () => {
    const now = at(2026, 3, 4, 8)
    setLanguage('de')
    expect(formatDay(at(2026, 3, 4, 0, 1), now)).toBe('Heute')
    expect(formatDay(at(2026, 3, 3, 23, 59), now)).toBe('Gestern')
    expect(formatDay(at(2026, 3, 2), now)).toBe('Montag, 2. März')
    expect(formatDay(at(2025, 3, 2), now)).toMatch(/2025/)
    setLanguage('ja')
    expect(formatDay(at(2026, 3, 4, 0, 1), now)).toBe('今日')
    expect(formatDay(at(2026, 3, 2), now)).toBe('3月2日月曜日')
    setLanguage('ar')
    expect(formatDay(at(2026, 3, 3, 23, 59), now)).toBe('أمس')
    setLanguage('en-XA')
    expect(formatDay(at(2026, 3, 4, 0, 1), now)).toBe('Today')
  })

  it('writes the chosen clock the language’s way', () => {
    setLanguage('ja')
    setTimeFormat('24h')
    expect(formatTime(at(2026, 3, 4, 9, 5))).toBe('09:05')
    setTimeFormat('12h')
    expect(formatTime(at(2026, 3, 4, 21, 5))).toBe('午後9:05')
    expect(formatDateTime(at(2026, 3, 4, 21, 5))).toMatch(/2026年3月4日水曜日.*午後9:05/)
    setLanguage('de')
    setTimeFormat('24h')
    expect(formatTime(at(2026, 3, 4, 9, 5))).toBe('09:05')
    expect(formatDateTime(at(2026, 3, 4, 21, 5))).toMatch(/Mittwoch, 4\. März 2026.*21:05/)
  })
})
