import { afterEach, describe, expect, it } from 'vitest'
import { BRIDGE_ERROR_CODES, JOIN_ERROR_CODES, UPDATE_ERROR_CODES } from '../../../shared/bridge'
import { CHAT_ERROR_CODES } from '../../../shared/bridge/chat-error-code'
import { ERROR_CODES } from '../../../shared/protocol/codes'
import { CATALOGUES } from '../../../shared/i18n/catalogues'
import { LANGUAGES } from '../../../shared/i18n/languages'
import { errorText, isHubText } from './error-text'
import { setLanguage } from './i18n'

/**
 * Every error code that can reach the window: the code tables, and every code literal in the
 * source main, the guest page's bridge and the shared contract fail with (the CLI's are its
 * own, in English; the cluster's stay between hubs). Collected from the source, so a new code
 * without a sentence fails here. A failed transfer's code is built from its file error's
 * (`FILE_ERR_` + the code upper-cased, controller/transfers.ts), so those come from the table,
 * as do a failed chat's (shared/bridge/chat-error-code.ts: two keep the connection's CONN_ERR_),
 * and a hub's `error` notice's (`ROOM_ERR_HUB_` + the protocol's code, controller/request-errors.ts).
 */
const SOURCES = import.meta.glob<string>(
  ['../../../main/**/*.ts', '../../../guest/**/*.ts', '../../../shared/**/*.ts', '!**/*.test.ts'],
  { query: '?raw', import: 'default', eager: true },
)
const CODE_LITERAL =
  /['"`]((?:(?:APP|BRIDGE|HUB|UPDATE|SCAN|LINK|FILE|CHAT|ROOM)_ERR|ROOM_INFO)_[A-Z0-9_]+)['"`]/g

/** FILE_ERROR_CODES as the window sees them (main's table, read as text: the renderer does not
 * import main). */
function fileErrorCodes(): string[] {
  const source = Object.entries(SOURCES).find(([path]) => path.endsWith('/main/files/errors.ts'))
  const table = /FILE_ERROR_CODES = \[([^\]]*)\]/.exec(source?.[1] ?? '')?.[1] ?? ''
  return [...table.matchAll(/'([a-z_]+)'/g)].map((m) => `FILE_ERR_${(m[1] ?? '').toUpperCase()}`)
}

function codesThatReachTheWindow(): string[] {
  const codes = new Set<string>([
    ...Object.values(BRIDGE_ERROR_CODES),
    ...Object.values(JOIN_ERROR_CODES),
    ...Object.values(UPDATE_ERROR_CODES),
    ...fileErrorCodes(),
    ...CHAT_ERROR_CODES,
    ...Object.values(ERROR_CODES).map((code) => `ROOM_ERR_HUB_${code.toUpperCase()}`),
  ])
  for (const source of Object.values(SOURCES)) {
    for (const match of source.matchAll(CODE_LITERAL)) codes.add(match[1] ?? '')
  }
  return [...codes].sort()
}

describe('errorText', () => {
  afterEach(() => setLanguage('en'))

  it('falls back to main’s sentence for a code the catalogue does not have', () => {
    const error = { code: 'HUB_ERR_SOMETHING_NEW', message: 'Something new went wrong.' }
    expect(errorText(error)).toBe('Something new went wrong.')
    setLanguage('de')
    expect(errorText(error)).toBe('Something new went wrong.')
  })

  it('does not look up what is not a code', () => {
    const error = { code: 'errors.nope', message: 'As it came.' }
    expect(errorText(error)).toBe('As it came.')
  })

  it('speaks the person’s language for a known code, and keeps main’s sentence in English', () => {
    const error = {
      code: 'APP_ERR_ROOM_GONE',
      message: 'That room is no longer nearby. Try joining by address.',
    }
    expect(errorText(error)).toBe(error.message)
    setLanguage('de')
    expect(errorText(error)).toBe(
      'Dieser Raum ist nicht mehr in der Nähe. Versuche, über die Adresse beizutreten.',
    )
    setLanguage('ar')
    expect(errorText(error)).toBe('لم تعد هذه الغرفة قريبة. جرّب الانضمام بالعنوان.')
  })

  it('says a refused lanroom:// link and a failed transfer in the person’s language', () => {
    // As main sends them: a notice for the link, a transfer's errorCode for the file.
    const link = {
      code: 'LINK_ERR_SCHEME',
      message: 'This link cannot be opened. This is not a LAN Room link (lanroom://join/…).',
    }
    const file = { code: 'FILE_ERR_EXPIRED', message: 'The hub no longer has report.pdf.' }
    expect(errorText(link)).toBe(link.message)
    expect(errorText(file)).toBe(file.message)
    setLanguage('de')
    expect(errorText(link)).toBe(
      'Dieser Link kann nicht geöffnet werden. Das ist kein Link von LAN Room (lanroom://join/…).',
    )
    setLanguage('ja')
    expect(errorText(file)).toBe('このファイルはもうルームにありません。')
  })

  it('says the progress of a long jump back with its count, in each language’s plural', () => {
    const notice = (count: number) => ({
      code: 'ROOM_INFO_PROGRESS',
      message: `Loading older messages… ${count.toLocaleString('en')} so far`,
      params: { count },
    })
    expect(errorText(notice(1_500))).toBe('Loading older messages… 1,500 so far')
    setLanguage('fr')
    expect(errorText(notice(1_500))).toBe(
      'Chargement des messages plus anciens… 1\u202f500\u00a0messages jusqu’ici',
    )
    setLanguage('ar')
    expect(errorText(notice(2))).toBe('جارٍ تحميل الرسائل الأقدم… رسالتان حتى الآن')
    expect(errorText(notice(500))).toBe('جارٍ تحميل الرسائل الأقدم… 500 رسالة حتى الآن')
    setLanguage('ja')
    expect(errorText(notice(500))).toBe('以前のメッセージを読み込んでいます…（これまでに 500 件）')
  })

  it('says a refused reaction or edit in the person’s language, naming the op', () => {
    // As main tells them (controller/request-errors.ts opRefusal).
    const reaction = {
      code: 'ROOM_ERR_OP_UNKNOWN_TARGET',
      message: 'Could not add the reaction: the message is no longer in the room.',
      params: { op: 'react' },
    }
    const edit = {
      code: 'ROOM_ERR_OP_NOT_AUTHOR',
      message: 'Could not edit the message: only its author can.',
      params: { op: 'edit' },
    }
    expect(errorText(reaction)).toBe(reaction.message)
    expect(errorText(edit)).toBe(edit.message)
    setLanguage('de')
    expect(errorText(reaction)).toBe(
      'Die Reaktion konnte nicht hinzugefügt werden: Die Nachricht ist nicht mehr im Raum.',
    )
    expect(errorText(edit)).toBe(
      'Die Nachricht konnte nicht bearbeitet werden: Das kann nur, wer sie geschrieben hat.',
    )
    setLanguage('zh-CN')
    expect(errorText(edit)).toBe('无法编辑消息：只有消息的作者才能这样做。')
    // An op this version does not know: main's sentence rather than half a translation.
    expect(errorText({ ...edit, params: { op: 'pin' } })).toBe(edit.message)
    expect(errorText({ ...edit, params: { op: 'Not an op' } })).toBe(edit.message)
  })

  it('says a hub’s refusal in the person’s language, and keeps the hub’s words for a code it does not know', () => {
    const mention = {
      code: 'ROOM_ERR_HUB_MENTION_LIMITED',
      message:
        '@room notifies everyone at most once per 30 seconds; the message was sent without it',
      params: { count: 12 },
    }
    const unknown = { code: 'ROOM_ERR_HUB_SOMETHING_NEW', message: 'a newer hub’s reason' }
    expect(errorText(mention)).toBe(mention.message)
    expect(isHubText(mention)).toBe(true)
    setLanguage('de')
    expect(errorText(mention)).toBe(
      'Deine Nachricht wurde ohne @room gesendet: Mit @room kannst du in 12 Sekunden wieder alle benachrichtigen.',
    )
    expect(isHubText(mention)).toBe(false)
    expect(errorText(unknown)).toBe(unknown.message)
    expect(isHubText(unknown)).toBe(true)
    // Not the hub's: main's own sentence is not marked as someone else's text.
    expect(isHubText({ code: 'APP_ERR_SOMETHING_NEW', message: 'main’s' })).toBe(false)
  })

  it('passes no value but a count and an op to the catalogue', () => {
    setLanguage('de')
    const notice = {
      code: 'ROOM_ERR_HUB_NO_CHANGE',
      message: 'nothing to change',
      params: { lng: 'en', returnObjects: 'true' },
    }
    expect(errorText(notice)).toBe('Das würde nichts ändern.')
  })

  it('finds the codes in the source (the collection itself works)', () => {
    const codes = codesThatReachTheWindow()
    expect(codes).toEqual(
      expect.arrayContaining([
        'APP_ERR_WRONG_PASSPHRASE',
        'BRIDGE_ERR_UNTRUSTED_SENDER',
        'HUB_ERR_PORT_IN_USE',
        'UPDATE_ERR_HOSTING',
        'SCAN_ERR_TOO_WIDE',
        'APP_ERR_TOO_MANY_NOTICES',
        'LINK_ERR_SCHEME',
        'FILE_ERR_CORRUPT',
        'FILE_ERR_UNAUTHORIZED',
        'FILE_ERR_IO',
        'CHAT_ERR_UNKNOWN_TARGET',
        'CONN_ERR_INVALID',
        'ROOM_INFO_PROGRESS',
        'ROOM_ERR_OP_NOT_AUTHOR',
        'ROOM_ERR_OP_REFUSED',
        'ROOM_ERR_HUB_MENTION_LIMITED',
        'ROOM_ERR_HUB_INVALID_MESSAGE',
      ]),
    )
    expect(codes.length).toBeGreaterThan(50)
  })

  it.each(LANGUAGES)('%s has a sentence for every code that reaches the window', (language) => {
    const errors = CATALOGUES[language]['errors'] ?? {}
    // A sentence with a count has its plural forms instead (`_other` is in every language).
    const missing = codesThatReachTheWindow().filter(
      (code) => !(code in errors) && !(`${code}_other` in errors),
    )
    expect(missing).toEqual([])
  })

  it.each(LANGUAGES)('%s names every op whose refusal main tells', (language) => {
    const source = Object.entries(SOURCES).find(([path]) =>
      path.endsWith('/main/controller/request-errors.ts'),
    )?.[1]
    const table = /OP_WORDS = \{([^}]*)\}/.exec(source ?? '')?.[1] ?? ''
    const ops = [...table.matchAll(/^\s*(\w+):/gm)].map((m) => m[1] ?? '')
    expect(ops).toEqual(['react', 'unreact', 'edit', 'delete'])
    const names = CATALOGUES[language]['errorOps'] ?? {}
    expect(ops.filter((op) => !(op in names))).toEqual([])
  })
})
