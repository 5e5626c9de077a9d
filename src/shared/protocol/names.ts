/**
 * The character rule for display names and room names, shared by hub and client, and the key
 * by which names are compared to tell people apart. A name must look like what it is: no
 * control, invisible or formatting characters, save the few that real names need, and at
 * least one character that can be seen. The exact rule is in docs/protocol.md (Field types).
 */

/** Never in a name: C0 and C1 controls, DEL, line and paragraph separators. */
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u
/** Format characters and default-ignorable code points: invisible, or change how the rest
 * displays (bidi marks, overrides and isolates among them). Allowed only as below. */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u
const INVISIBLE_ALL = /[\p{Cc}\p{Zl}\p{Zp}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu
/** What can be seen: letters, digits, punctuation, symbols (but see BLANK). */
const GRAPHIC = /[\p{L}\p{N}\p{P}\p{S}]/u
/** Symbols that draw nothing: the braille blank, used for names that look empty. */
const BLANK = 0x2800

const ZWNJ = 0x200c
const ZWJ = 0x200d
const VS15 = 0xfe0e
const VS16 = 0xfe0f
/** ZWJ after these (a pictograph, a skin tone, or U+FE0F) may join the pictograph that follows
 * into one emoji. */
const EMOJI_JOINS_AFTER = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]/u
const PICTOGRAPH = /\p{Extended_Pictographic}/u
/**
 * Letters and marks of the scripts whose written forms ZWJ and ZWNJ change (Arabic-type joining
 * and the Brahmic conjuncts): only between two of these may a joiner stand in a name. Between
 * Latin, Cyrillic, Greek or CJK letters a joiner changes nothing that can be seen, so it would
 * only make "A\u200Dda" a different name that looks exactly like "Ada".
 */
const JOINING_SCRIPT =
  /[\p{Script_Extensions=Arabic}\p{Script_Extensions=Syriac}\p{Script_Extensions=Nko}\p{Script_Extensions=Mongolian}\p{Script_Extensions=Adlam}\p{Script_Extensions=Hanifi_Rohingya}\p{Script_Extensions=Devanagari}\p{Script_Extensions=Bengali}\p{Script_Extensions=Gurmukhi}\p{Script_Extensions=Gujarati}\p{Script_Extensions=Oriya}\p{Script_Extensions=Tamil}\p{Script_Extensions=Telugu}\p{Script_Extensions=Kannada}\p{Script_Extensions=Malayalam}\p{Script_Extensions=Sinhala}\p{Script_Extensions=Myanmar}\p{Script_Extensions=Khmer}\p{Script_Extensions=Tibetan}\p{Script_Extensions=Balinese}\p{Script_Extensions=Javanese}]/u
const LETTER_OR_MARK = /[\p{L}\p{M}]/u

/** Whether a joiner between `before` and `after` joins two letters of a joining script. */
function joinsLetters(before: string, after: string): boolean {
  return (
    LETTER_OR_MARK.test(before) &&
    LETTER_OR_MARK.test(after) &&
    JOINING_SCRIPT.test(before) &&
    JOINING_SCRIPT.test(after)
  )
}
const EMOJI = /\p{Emoji}/u
/** The only emoji tag sequences (UTS #51) in use: the flags of England, Scotland and Wales,
 * a black flag followed by tag letters and a cancel tag. Any other tag run is invisible text. */
const BLACK_FLAG = 0x1f3f4
const CANCEL_TAG = 0xe007f
const FLAG_TAGS = ['gbeng', 'gbsct', 'gbwls'].map((letters) =>
  Array.from(letters, (letter) => 0xe0000 + letter.charCodeAt(0)).concat(CANCEL_TAG),
)
/** Printable ASCII: nothing in it needs a closer look. */
const PLAIN = /^[\x20-\x7e]*$/

function codePointAt(points: readonly string[], i: number): number {
  return points[i]?.codePointAt(0) ?? -1
}

function hex(point: number): string {
  return `U+${point.toString(16).toUpperCase().padStart(4, '0')}`
}

/** Whether a black flag at `flag` is followed by one of the three flag tag sequences. */
function isFlagTagSequence(points: readonly string[], flag: number): boolean {
  if (codePointAt(points, flag) !== BLACK_FLAG) return false
  return FLAG_TAGS.some((tags) => tags.every((tag, k) => codePointAt(points, flag + 1 + k) === tag))
}

/** Whether the format character at `i` stands where real names need it (see the module doc). */
function allowedInvisible(points: readonly string[], i: number): boolean {
  const point = codePointAt(points, i)
  const before = points[i - 1] ?? ''
  const after = points[i + 1] ?? ''
  if (point === ZWJ) {
    return (EMOJI_JOINS_AFTER.test(before) && PICTOGRAPH.test(after)) || joinsLetters(before, after)
  }
  if (point === ZWNJ) return joinsLetters(before, after)
  if (point === VS15 || point === VS16) return EMOJI.test(before)
  if (point >= 0xe0020 && point <= CANCEL_TAG) {
    const tagLength = 6
    for (let k = 1; k <= tagLength; k++) if (isFlagTagSequence(points, i - k)) return true
  }
  return false
}

/** Whether the rule refuses the character at `i`. */
function refusedAt(points: readonly string[], i: number): boolean {
  const char = points[i] as string
  const point = codePointAt(points, i)
  if (point >= 0xd800 && point <= 0xdfff) return true
  if (CONTROL.test(char)) return true
  return INVISIBLE.test(char) && !allowedInvisible(points, i)
}

/** Whether `name` has a character that can be seen (not only spaces, marks or invisibles). */
export function hasVisible(name: string): boolean {
  for (const char of name) {
    if (GRAPHIC.test(char) && !INVISIBLE.test(char) && char.codePointAt(0) !== BLANK) return true
  }
  return false
}

/**
 * What is wrong with the characters of a (trimmed) name, as a phrase after "name: ", or null.
 * Lengths are checked by the schemas, before this.
 */
export function nameProblem(name: string): string | null {
  if (PLAIN.test(name)) return /[^ ]/.test(name) ? null : 'must contain a visible character'
  const points = Array.from(name)
  const index = points.findIndex((_, i) => refusedAt(points, i))
  if (index >= 0) {
    const point = codePointAt(points, index)
    if (point >= 0xd800 && point <= 0xdfff) return 'must be well-formed text'
    if (point === ZWJ)
      return 'must not contain U+200D except inside an emoji or between letters of a joining script'
    if (point === ZWNJ) return 'must not contain U+200C except between letters of a joining script'
    if (point === VS15 || point === VS16) {
      return `must not contain ${hex(point)} except right after an emoji`
    }
    if (CONTROL.test(points[index] as string)) return 'must not contain control characters'
    return `must not contain invisible or formatting characters (${hex(point)})`
  }
  return hasVisible(name) ? null : 'must contain a visible character'
}

/** Shown for a name that has nothing visible left once repaired. */
export const UNNAMED = 'Unnamed'

/**
 * A name from a peer made to follow the rule: the characters the rule refuses are removed, and
 * a name with nothing visible left becomes `UNNAMED`. For names written before the rule (a room's
 * history, a hub of an earlier version): showing them clean beats refusing a whole welcome.
 */
export function repairName(name: string): string {
  let repaired = name.trim()
  if (nameProblem(repaired) === null) return repaired
  const points = Array.from(repaired)
  repaired = points
    .filter((_, i) => !refusedAt(points, i))
    .join('')
    .trim()
  // Removing a character can leave a joiner in a place where it is not allowed: then no
  // invisible character stays.
  if (nameProblem(repaired) !== null) repaired = repaired.replace(INVISIBLE_ALL, '').trim()
  return hasVisible(repaired) ? repaired : UNNAMED
}

/**
 * How names are compared to tell people apart: two names with the same key look alike, so
 * whoever shows them adds something that tells them apart. Invisible characters do not count,
 * nor do compatibility forms, case, or how many spaces there are (HTML shows one); the braille
 * blank counts as a space.
 */
export function sameNameKey(name: string): string {
  const visible = name.normalize('NFKC').replace(INVISIBLE_ALL, '')
  // Upper then lower folds what lower alone does not (ß and SS, ς and σ).
  return visible
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[\s\u2800]+/gu, ' ')
    .trim()
}
