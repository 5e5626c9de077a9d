/**
 * Which characters lower to a given one, so that a search can look for a folded word in raw
 * UTF-8 bytes: a text whose lower case holds "ärger" holds, character for character, one of
 * {ä, Ä} then one of {r, R} and so on. For almost every character those are itself and its
 * upper case; the rest are listed here. A test checks the list against every code point.
 * The one character whose lower case is two characters (İ → i̇) is not covered: a search looks
 * at text holding it the slow way.
 */

/** Characters that lower to the key, besides the key and its upper case. */
const EXTRA: ReadonlyMap<string, readonly string[]> = new Map([
  ['k', ['\u212a']],
  ['å', ['\u212b']],
  ['ß', ['\u1e9e']],
  ['ǆ', ['\u01c5']],
  ['ǉ', ['\u01c8']],
  ['ǌ', ['\u01cb']],
  ['ǳ', ['\u01f2']],
  ['θ', ['\u03f4']],
  // fold() makes the final sigma a sigma.
  ['σ', ['\u03c2']],
  ['ω', ['\u2126']],
  // Greek letters with a subscript iota have a title case of their own.
  ...greekWithIota(0x1f80, 8),
  ...greekWithIota(0x1f90, 8),
  ...greekWithIota(0x1fa0, 8),
  ...greekWithIota(0x1fb3, 1, 0x1fbc),
  ...greekWithIota(0x1fc3, 1, 0x1fcc),
  ...greekWithIota(0x1ff3, 1, 0x1ffc),
])

function greekWithIota(first: number, count: number, title = first + 8): Array<[string, string[]]> {
  return Array.from({ length: count }, (_, i) => [
    String.fromCodePoint(first + i),
    [String.fromCodePoint(title + i)],
  ])
}

/** The characters (code points) whose lower case, as `fold` makes it, is `folded`. */
export function caseVariants(folded: string, fold: (text: string) => string): string[] {
  const variants = [folded]
  const upper = folded.toUpperCase()
  if (upper !== folded && [...upper].length === 1 && fold(upper) === folded) variants.push(upper)
  variants.push(...(EXTRA.get(folded) ?? []))
  return variants
}
