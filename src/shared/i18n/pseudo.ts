/**
 * The pseudo-locale (en-XA): every catalogue string accented and made about 30 % longer, between
 * ⟦ and ⟧. A screen in it is still readable, so a test (or a person) sees at once text that did
 * not come from the catalogue (no brackets, no accents) and boxes that cut longer text short.
 * Interpolations (`{{name}}`) and i18next's nesting (`$t(…)`) are left as they are.
 */

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
const FANCY = 'áƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'
const ACCENTED: ReadonlyMap<string, string> = new Map(
  Array.from(PLAIN, (char, index) => [char, Array.from(FANCY)[index] ?? char]),
)

export const PSEUDO_OPEN = '⟦'
export const PSEUDO_CLOSE = '⟧'

/** What is kept verbatim: `{{…}}` interpolations and `$t(…)` nestings. */
const KEPT = /(\{\{[^}]*\}\}|\$t\([^)]*\))/

export function pseudoLocalize(text: string): string {
  const body = text
    .split(KEPT)
    .map((part, index) => {
      if (index % 2 === 1) return part
      return Array.from(part, (char) => {
        return ACCENTED.get(char) ?? char
      }).join('')
    })
    .join('')
  // 30 % longer than the English, at least one more character, so that short labels grow too.
  const padding = '·'.repeat(Math.max(1, Math.ceil(text.length * 0.3)))
  return `${PSEUDO_OPEN}${body}${padding}${PSEUDO_CLOSE}`
}

/** A catalogue with every string pseudo-localized, the same shape. */
export function pseudoCatalogue<T>(catalogue: T): T {
  if (typeof catalogue === 'string') return pseudoLocalize(catalogue) as T
  if (catalogue === null || typeof catalogue !== 'object') return catalogue
  return Object.fromEntries(
    Object.entries(catalogue).map(([key, value]) => [key, pseudoCatalogue(value)]),
  ) as T
}
