import { afterEach, describe, expect, it } from 'vitest'
import { BRIDGE_ERROR_CODES, JOIN_ERROR_CODES, UPDATE_ERROR_CODES } from '../../../shared/bridge'
import { CHAT_ERROR_CODES } from '../../../shared/bridge/chat-error-code'
import { CATALOGUES } from '../../../shared/i18n/catalogues'
import { LANGUAGES } from '../../../shared/i18n/languages'
import { errorText } from './error-text'
import { setLanguage } from './i18n'

/**
 * Every error code that can reach the window: the code tables, and every code literal in the
 * source main, the guest page's bridge and the shared contract fail with (the CLI's are its
 * own, in English; the cluster's stay between hubs). Collected from the source, so a new code
 * without a sentence fails here. A failed transfer's code is built from its file error's
 * (`FILE_ERR_` + the code upper-cased, controller/transfers.ts), so those come from the table,
 * as do a failed chat's (shared/bridge/chat-error-code.ts: two keep the connection's CONN_ERR_).
 */
const SOURCES = import.meta.glob<string>(
  ['../../../main/**/*.ts', '../../../guest/**/*.ts', '../../../shared/**/*.ts', '!**/*.test.ts'],
  { query: '?raw', import: 'default', eager: true },
)
const CODE_LITERAL = /['"`]((?:APP|BRIDGE|HUB|UPDATE|SCAN|LINK|FILE|CHAT)_ERR_[A-Z0-9_]+)['"`]/g

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

  it('says the progress notice of a long jump back without its count outside English', () => {
    const notice = { code: 'ROOM_INFO_PROGRESS', message: 'Loading older messages… 500 so far' }
    expect(errorText(notice)).toBe(notice.message)
    setLanguage('fr')
    expect(errorText(notice)).toBe('Chargement des messages plus anciens…')
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
      ]),
    )
    expect(codes.length).toBeGreaterThan(50)
  })

  it.each(LANGUAGES)('%s has a sentence for every code that reaches the window', (language) => {
    const errors = CATALOGUES[language]['errors'] ?? {}
    const missing = codesThatReachTheWindow().filter((code) => !(code in errors))
    expect(missing).toEqual([])
  })
})
