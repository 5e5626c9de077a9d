/**
 * The locale `Intl` formats dates, times, numbers and lists with: the app's current language,
 * in the system's own variant of it when the system speaks that language too (a British reader
 * of the English catalogue gets "Monday 3 March", a Swiss one of the German "Montag, 3. März").
 * Read through lib/i18n's `language()`, so whatever formats with it is written again when the
 * language changes.
 */
import { language } from './i18n'

/** The pseudo-locale is English for Intl. */
function catalogueTag(): string {
  const current = language()
  return current === 'en-XA' ? 'en' : current
}

function systemLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages
}

export function intlLocale(): string {
  const tag = catalogueTag()
  const base = tag.split('-')[0] ?? tag
  // Chinese variants differ in script, not only in conventions: keep the catalogue's.
  if (base === 'zh') return tag
  for (const preferred of systemLanguages().slice(0, 8)) {
    if (typeof preferred !== 'string' || preferred.length > 35) continue
    const candidate = preferred.replace(/_/g, '-')
    if (candidate.split('-')[0]?.toLowerCase() !== base) continue
    try {
      return Intl.getCanonicalLocales(candidate)[0] ?? tag
    } catch {
      // Not a well-formed tag: the next one, or the catalogue's.
    }
  }
  return tag
}

/**
 * The locale for joining names into a list ("Ada, Bob and Cy"): English lists are written
 * without the serial comma whatever the region, as the app always wrote them.
 */
export function listLocale(): string {
  const tag = catalogueTag()
  return tag === 'en' ? 'en-GB' : intlLocale()
}

const lists = new Map<string, Intl.ListFormat>()

function listFormat(locale: string, type: 'conjunction' | 'unit'): Intl.ListFormat {
  const key = `${locale}|${type}`
  let format = lists.get(key)
  if (!format) {
    format = new Intl.ListFormat(locale, { type, style: type === 'unit' ? 'short' : 'long' })
    lists.set(key, format)
  }
  return format
}

/** Names as one phrase: "Ada and Bob", "Ada, Bob and Cy", "Ada, Bob and 3 more". */
export function formatList(items: readonly string[]): string {
  return listFormat(listLocale(), 'conjunction').format(items)
}

/**
 * A list of names under a heading ("Seen by Ada, Bob"): English lists them with commas only,
 * as it always did; other languages join them as their own lists read (a unit list in
 * Japanese or Arabic would read as a measurement).
 */
export function formatShortList(items: readonly string[]): string {
  const locale = listLocale()
  return listFormat(locale, locale === 'en-GB' ? 'unit' : 'conjunction').format(items)
}
