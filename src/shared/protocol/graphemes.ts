/**
 * Counting graphemes (Unicode UAX #29 extended grapheme clusters) exactly as `Intl.Segmenter`
 * does, at a cost a hub can afford for every chat: one regular-expression match per grapheme
 * for the characters whose rules are simple, and the segmenter itself for the rest.
 */

const SEGMENTER = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * Code units given to the segmenter at once. V8's segment iterator costs more per grapheme the
 * longer its string (32,000 graphemes in one string take a hundred times longer than in pieces
 * of 512), so long text is segmented in windows that each start on a grapheme boundary.
 */
const WINDOW = 512

/** Extend (Grapheme_Extend, or an emoji modifier) or ZWJ: joins what precedes it (GB9). */
const EXTEND = String.raw`[\p{Grapheme_Extend}\p{Emoji_Modifier}]`
const EXTEND_OR_ZWJ = String.raw`[\p{Grapheme_Extend}\p{Emoji_Modifier}\u200d]`
const PICTOGRAPHIC = String.raw`\p{Extended_Pictographic}`
/** Scripts with prepended letters, spacing marks, conjuncts or Hangul jamo (GB6–8, GB9a–c):
 * Indic to Myanmar, jamo, Philippine and Khmer, Limbu to Tai Tham, Balinese to Lepcha, Vedic,
 * Syloti Nagri to Meetei Mayek, jamo extensions, Kharoshthi, Brahmi to Kawi, Kirat Rai. */
const COMPLEX_SCRIPTS = String.raw`[\u0900-\u109f\u1100-\u11ff\u1700-\u17ff\u1900-\u1aaf\u1b00-\u1c4f\u1c80-\u1cff\ua800-\uabff\ud7b0-\ud7ff\u{10a00}-\u{10a5f}\u{11000}-\u{11fff}\u{16d40}-\u{16d7f}]`
/** Letters, digits, punctuation, symbols and spaces that take part in no rule but GB9. */
const PLAIN = String.raw`(?!${COMPLEX_SCRIPTS})[\p{L}\p{N}\p{P}\p{S}\p{Zs}]`

/**
 * One grapheme made only of characters whose UAX #29 rules are few: line breaks and controls
 * (GB3–5), extenders and joiners (GB9), emoji ZWJ sequences (GB11), regional-indicator pairs
 * (GB12–13), and plain characters; also extenders with nothing before them (at the start, or
 * after a control). Everything else (complex scripts, format characters, marks that are not
 * extenders, unassigned and private code points) does not match, and the segmenter decides
 * there. graphemes.test.ts compares this with the segmenter over every code point it matches.
 */
export const SIMPLE_GRAPHEME = new RegExp(
  // A range of regional indicators is not a flag, whatever the rule thinks.
  // eslint-disable-next-line no-misleading-character-class
  String.raw`\r\n|[\x00-\x1f\x7f]|` +
    String.raw`(?:[\u{1F1E6}-\u{1F1FF}]{1,2}|${PICTOGRAPHIC}(?:${EXTEND}*\u200d${PICTOGRAPHIC})*|${PLAIN}|(?=${EXTEND_OR_ZWJ}))` +
    `${EXTEND_OR_ZWJ}*`,
  'uy',
)

export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff
}

export function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff
}

/**
 * Graphemes of `text` from `start`, by the segmenter, in one window that starts on a boundary.
 * Returns how many it counted and where the next window starts (a boundary); the window's last
 * grapheme is left to the next one, since it may go on past the window's end (UAX #29 decides a
 * boundary from what precedes it and the one character after it).
 */
function segmentWindow(
  text: string,
  start: number,
  visit?: (grapheme: string) => boolean,
): { count: number; next: number; stopped: boolean } {
  let width = WINDOW
  for (;;) {
    let end = Math.min(text.length, start + width)
    // Not between the halves of a surrogate pair.
    if (isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) end += 1
    let count = 0
    let held: string | null = null
    let heldAt = 0
    for (const { segment, index } of SEGMENTER.segment(text.slice(start, end))) {
      if (held !== null) {
        count += 1
        if (visit && !visit(held)) return { count, next: start + heldAt, stopped: true }
      }
      held = segment
      heldAt = index
    }
    if (end === text.length) {
      if (held !== null) {
        count += 1
        if (visit) visit(held)
      }
      return { count, next: text.length, stopped: false }
    }
    // One grapheme fills the window (a letter with hundreds of marks): look further.
    if (heldAt === 0) width *= 2
    else return { count, next: start + heldAt, stopped: false }
  }
}

/**
 * Graphemes in `text`, counting no further than `stopAfter` (the result is then more than
 * `stopAfter`): enough to tell whether a text is too long, at a cost bounded by the limit
 * rather than by the text.
 */
export function countGraphemes(text: string, stopAfter = Infinity): number {
  let count = 0
  let at = 0
  // Where the last simple grapheme began: a character the expression does not know may join
  // it (a spacing mark, a jamo), so the segmenter starts from there.
  let previous = -1
  const simple = SIMPLE_GRAPHEME
  while (at < text.length) {
    if (count > stopAfter) return count
    simple.lastIndex = at
    if (simple.test(text)) {
      previous = at
      at = simple.lastIndex
      count += 1
      continue
    }
    if (previous >= 0) {
      count -= 1
      at = previous
    }
    const window = segmentWindow(text, at)
    count += window.count
    at = window.next
    previous = -1
  }
  return count
}

/** Extenders that always join what precedes them, unless that is a control (GB4, GB9):
 * variation selectors, emoji modifiers, ZWJ, the keycap, tags, combining diacritics. */
function isCommonExtender(point: number): boolean {
  return (
    point === 0xfe0f ||
    point === 0xfe0e ||
    point === 0x200d ||
    point === 0x20e3 ||
    (point >= 0x1f3fb && point <= 0x1f3ff) ||
    (point >= 0xe0020 && point <= 0xe007f) ||
    (point >= 0x0300 && point <= 0x036f)
  )
}

/** Characters that are certainly not controls, format characters or line breaks: printable
 * ASCII, Latin-1 and Latin letters, General Punctuation up to U+2027, symbols and arrows, the
 * emoji blocks, and the extenders themselves. */
function isCertainlyGraphic(point: number): boolean {
  return (
    (point >= 0x20 && point <= 0x7e) ||
    (point >= 0xa0 && point <= 0x2ff && point !== 0xad) ||
    (point >= 0x2010 && point <= 0x2027) ||
    (point >= 0x2030 && point <= 0x205e) ||
    (point >= 0x2070 && point <= 0x2bff) ||
    (point >= 0x1f000 && point <= 0x1faff) ||
    isCommonExtender(point)
  )
}

const PICTOGRAPHIC_ONE = /^\p{Extended_Pictographic}$/u

function isRegionalIndicator(point: number): boolean {
  return point >= 0x1f1e6 && point <= 0x1f1ff
}

/**
 * At least as many as the graphemes of `text`, in one quick pass: its code points, less those
 * that certainly continue a grapheme: a common extender after a character that is certainly not
 * a control (GB9), the second of a pair of regional indicators (GB12–13), and a pictograph
 * joined to a pictograph by ZWJ (GB11). For most text with emoji it is exact, so a text within
 * the limit is known to be without segmenting it.
 */
export function graphemeUpperBound(text: string): number {
  let count = 0
  let previous = -1
  let regionalRun = 0
  // Where the last character that is not an extender began, and whether ZWJ came after it.
  let base = -1
  for (let i = 0; i < text.length; i++) {
    let point = text.charCodeAt(i)
    const start = i
    if (isHighSurrogate(point) && isLowSurrogate(text.charCodeAt(i + 1))) {
      point = (point - 0xd800) * 0x400 + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000
      i += 1
    }
    let continues = false
    if (isCommonExtender(point)) continues = previous >= 0 && isCertainlyGraphic(previous)
    else if (isRegionalIndicator(point)) {
      regionalRun += 1
      continues = regionalRun % 2 === 0
    } else if (previous === 0x200d && base >= 0) {
      // GB11: pictograph, extenders (not ZWJ), ZWJ, pictograph.
      const joined = text.slice(base, start)
      continues =
        /^\p{Extended_Pictographic}[\p{Grapheme_Extend}\p{Emoji_Modifier}]*\u200d$/u.test(joined) &&
        PICTOGRAPHIC_ONE.test(String.fromCodePoint(point))
    }
    if (!isRegionalIndicator(point)) regionalRun = 0
    if (!isCommonExtender(point)) base = start
    if (!continues) count += 1
    previous = point
  }
  return count
}

/** Calls `visit` with each grapheme of `text` in order, until it returns false. */
export function eachGrapheme(text: string, visit: (grapheme: string) => boolean): void {
  let start = 0
  while (start < text.length) {
    const window = segmentWindow(text, start, visit)
    if (window.stopped) return
    start = window.next
  }
}
