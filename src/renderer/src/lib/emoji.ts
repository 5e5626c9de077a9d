/**
 * Emoji in messages: which messages are emoji only (shown enlarged), the picker's catalogue
 * (emoji-picker-element-data's emojibase set, served from the app: lib/emoji-data.ts), search in
 * it, and `:shortcodes:` typed in the composer. Emoji names and search words are CLDR's in the
 * person's language where the data has it (not Arabic), English otherwise; shortcodes stay
 * English everywhere; the groups' names are the app's own, in the current language.
 */
import type { en } from '../../../shared/i18n/locales/en'
import { t } from './i18n'

export interface EmojiRecord {
  emoji: string
  /** What it is called ("thumbs up"): the button's accessible name. */
  annotation: string
  shortcodes: readonly string[]
  tags: readonly string[]
  group: number
}

export interface EmojiCatalogue {
  /** `label` is read from the translations each time, in the current language. */
  groups: ReadonlyArray<{ id: number; readonly label: string; emoji: readonly EmojiRecord[] }>
  /** Shortcode (lower case, without colons) → emoji. */
  byShortcode: ReadonlyMap<string, EmojiRecord>
  all: readonly EmojiRecord[]
}

/** Emojibase's groups; 2 (skin tone swatches on their own) is left out. */
type GroupKey = keyof (typeof en)['emojiGroups']

const GROUP_LABELS: ReadonlyMap<number, GroupKey> = new Map<number, GroupKey>([
  [0, 'smileys'],
  [1, 'people'],
  [3, 'animals'],
  [4, 'food'],
  [5, 'travel'],
  [6, 'activities'],
  [7, 'objects'],
  [8, 'symbols'],
  [9, 'flags'],
])

/** At most this many emoji in a message for it to be shown enlarged. */
export const MAX_JUMBO = 3
/** One emoji, as a grapheme: pictographs with their modifiers, joiners, keycaps or a flag pair. */
const EMOJI_GRAPHEME =
  /^(?:\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|[\uFE0F\u{E0020}-\u{E007F}]|\u200D\p{Extended_Pictographic})*\uFE0F?)$/u
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** 1 to MAX_JUMBO emoji and nothing else but spaces between them. */
export function isEmojiOnly(text: string): boolean {
  const trimmed = text.trim()
  // Each emoji is at most a few dozen code units (a family of four with skin tones): bounded.
  if (trimmed === '' || trimmed.length > MAX_JUMBO * 40) return false
  // Cheap refusals first (most messages have a letter, or an ASCII character other than a
  // keycap's): grapheme segmentation is the costly part, and the timeline asks for every row.
  if (/[\p{L}!-"$-)+-/:-~]/u.test(trimmed)) return false
  let count = 0
  for (const { segment } of segmenter.segment(trimmed)) {
    if (/^\s+$/.test(segment)) continue
    if (!EMOJI_GRAPHEME.test(segment)) return false
    if (++count > MAX_JUMBO) return false
  }
  return count > 0
}

/**
 * The catalogue from emojibase's data.json; anything malformed in it is skipped. `names`: the same
 * set in the person's language (emoji-picker-element-data's `<lang>/cldr`): each emoji's name and
 * search words from there, its English shortcodes and words kept beside them (`:thumbsup:` is
 * typed in English everywhere, and an English word still finds it).
 */
export function buildCatalogue(data: unknown, names?: unknown): EmojiCatalogue {
  const all: EmojiRecord[] = []
  const byShortcode = new Map<string, EmojiRecord>()
  const local = new Map<string, EmojiRecord>()
  for (const item of Array.isArray(names) ? (names as unknown[]) : []) {
    const record = toRecord(item)
    if (record) local.set(record.emoji, record)
  }
  for (const item of Array.isArray(data) ? (data as unknown[]) : []) {
    const english = toRecord(item)
    if (!english || !GROUP_LABELS.has(english.group)) continue
    const own = local.get(english.emoji)
    const record = own
      ? {
          ...english,
          annotation: own.annotation,
          tags: [...own.tags, ...english.annotation.split(' '), ...english.tags],
        }
      : english
    all.push(record)
    for (const code of record.shortcodes) if (!byShortcode.has(code)) byShortcode.set(code, record)
  }
  const groups = [...GROUP_LABELS].map(([id, key]) => ({
    id,
    get label(): string {
      return t(`emojiGroups.${key}`)
    },
    emoji: all.filter((record) => record.group === id),
  }))
  return { groups, byShortcode, all }
}

function toRecord(item: unknown): EmojiRecord | null {
  if (typeof item !== 'object' || item === null) return null
  const { emoji, annotation, shortcodes, tags, group } = item as Record<string, unknown>
  if (typeof emoji !== 'string' || typeof annotation !== 'string' || typeof group !== 'number') {
    return null
  }
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []
  return {
    emoji,
    annotation,
    shortcodes: strings(shortcodes).map((code) => code.toLowerCase()),
    tags: strings(tags),
    group,
  }
}

/** Emoji whose name, shortcode or tag starts with a word of the query (all words must match). */
export function searchEmoji(
  catalogue: EmojiCatalogue,
  query: string,
  limit: number,
): EmojiRecord[] {
  const words = query.toLowerCase().trim().replace(/:/g, '').split(/\s+/).filter(Boolean)
  if (words.length === 0) return []
  const out: EmojiRecord[] = []
  for (const record of catalogue.all) {
    const keys = [
      ...record.annotation.toLowerCase().split(' '),
      ...record.shortcodes,
      ...record.tags,
    ]
    if (words.every((word) => keys.some((key) => key.startsWith(word)))) out.push(record)
    if (out.length >= limit) break
  }
  return out
}

/** A shortcode: letters, digits, `_`, `+` and `-`, as emojibase spells them. */
const SHORTCODE_BEFORE_CARET = /:([a-z0-9_+-]{1,40}):$/i

/**
 * The composer's text with the `:shortcode:` that ends at the caret replaced by its emoji
 * (typed as its closing colon), or null when there is none or it is not a known shortcode.
 */
export function replaceShortcodeAt(
  text: string,
  caret: number,
  catalogue: EmojiCatalogue,
): { text: string; caret: number } | null {
  const match = SHORTCODE_BEFORE_CARET.exec(text.slice(Math.max(0, caret - 42), caret))
  if (!match) return null
  const record = catalogue.byShortcode.get((match[1] as string).toLowerCase())
  if (!record) return null
  const start = caret - match[0].length
  return {
    text: text.slice(0, start) + record.emoji + text.slice(caret),
    caret: start + record.emoji.length,
  }
}

/** Every known `:shortcode:` in the text replaced (when sending); code spans are left alone. */
export function replaceShortcodes(text: string, catalogue: EmojiCatalogue): string {
  return text.replace(/(`+)[\s\S]*?\1|:([a-z0-9_+-]{1,40}):/gi, (whole, _ticks, code) => {
    if (typeof code !== 'string') return whole
    return catalogue.byShortcode.get(code.toLowerCase())?.emoji ?? whole
  })
}
