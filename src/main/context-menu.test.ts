import { describe, expect, it } from 'vitest'
import { createTranslator } from '../shared/i18n/translator'
import {
  MAX_SUGGESTIONS,
  contextMenuTemplate,
  type ContextMenuItem,
  type ContextMenuParams,
} from './context-menu'

const ALL_FLAGS = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true }
const NO_FLAGS = { canCut: false, canCopy: false, canPaste: false, canSelectAll: false }

function params(overrides: Partial<ContextMenuParams> = {}): ContextMenuParams {
  return {
    isEditable: false,
    selectionText: '',
    misspelledWord: '',
    dictionarySuggestions: [],
    linkURL: '',
    editFlags: NO_FLAGS,
    ...overrides,
  }
}

function menu(p: ContextMenuParams, spellcheck = true, language?: 'fr' | 'ar') {
  const calls: string[] = []
  const items = contextMenuTemplate(
    p,
    {
      replaceMisspelling: (word) => calls.push(`replace:${word}`),
      addToDictionary: (word) => calls.push(`add:${word}`),
      copyText: (text) => calls.push(`copy:${text}`),
    },
    { spellcheck },
    ...(language ? [createTranslator(language).t] : []),
  )
  return { items, calls }
}

/** What a person sees: labels, `-` for separators, `(x)` for disabled items. */
function shown(items: ContextMenuItem[]): string[] {
  return items.map((item) => ('type' in item ? '-' : item.enabled ? item.label : `(${item.label})`))
}

function click(items: ContextMenuItem[], label: string): void {
  const item = items.find((candidate) => 'label' in candidate && candidate.label === label)
  if (!item || !('click' in item) || !item.click) throw new Error(`no clickable ${label}`)
  item.click()
}

describe('the right-click menu', () => {
  it('offers cut, copy, paste and select all in a text field, as Chromium allows', () => {
    expect(shown(menu(params({ isEditable: true, editFlags: ALL_FLAGS })).items)).toEqual([
      'Cut',
      'Copy',
      'Paste',
      '-',
      'Select all',
    ])
    const empty = menu(params({ isEditable: true, editFlags: { ...NO_FLAGS, canPaste: true } }))
    expect(shown(empty.items)).toEqual(['(Cut)', '(Copy)', 'Paste', '-', '(Select all)'])
    const roles = empty.items.flatMap((item) => ('role' in item ? [item.role] : []))
    expect(roles).toEqual(['cut', 'copy', 'paste', 'selectAll'])
  })

  it('puts spelling suggestions and add to dictionary first on a misspelled word', () => {
    const { items, calls } = menu(
      params({
        isEditable: true,
        editFlags: ALL_FLAGS,
        misspelledWord: 'helo',
        dictionarySuggestions: ['hello', 'help', 'hell'],
      }),
    )
    expect(shown(items)).toEqual([
      'hello',
      'help',
      'hell',
      'Add to dictionary',
      '-',
      'Cut',
      'Copy',
      'Paste',
      '-',
      'Select all',
    ])
    click(items, 'help')
    click(items, 'Add to dictionary')
    expect(calls).toEqual(['replace:help', 'add:helo'])
  })

  it('says when there is no suggestion, and keeps at most a few', () => {
    const none = menu(params({ isEditable: true, misspelledWord: 'qzxv' }))
    expect(shown(none.items).slice(0, 2)).toEqual(['(No suggestions)', 'Add to dictionary'])
    const many = menu(
      params({
        isEditable: true,
        misspelledWord: 'teh',
        dictionarySuggestions: ['the', 'ten', 'tea', 'tech', 'tee', 'eh', 'tech'],
      }),
    )
    expect(shown(many.items).indexOf('Add to dictionary')).toBe(MAX_SUGGESTIONS)
  })

  it('leaves spelling out while spell checking is off', () => {
    const { items } = menu(
      params({ isEditable: true, misspelledWord: 'helo', dictionarySuggestions: ['hello'] }),
      false,
    )
    expect(shown(items)).not.toContain('hello')
    expect(shown(items)).not.toContain('Add to dictionary')
  })

  it('offers copy for selected text and copy link address for web links in messages', () => {
    expect(shown(menu(params({ selectionText: 'hi', editFlags: ALL_FLAGS })).items)).toEqual([
      'Copy',
    ])
    const link = menu(params({ linkURL: 'https://example.org/a?b=c' }))
    expect(shown(link.items)).toEqual(['Copy link address'])
    click(link.items, 'Copy link address')
    expect(link.calls).toEqual(['copy:https://example.org/a?b=c'])
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
      expect(menu(params({ linkURL: url })).items, url).toEqual([])
    }
  })

  it('shows no menu where nothing applies', () => {
    expect(menu(params()).items).toEqual([])
    expect(menu(params({ selectionText: '   ' })).items).toEqual([])
  })

  it('speaks the chosen language', () => {
    const field = params({ isEditable: true, editFlags: ALL_FLAGS, misspelledWord: 'bonjuor' })
    expect(shown(menu(field, true, 'fr').items)).toEqual([
      '(Aucune suggestion)',
      'Ajouter au dictionnaire',
      '-',
      'Couper',
      'Copier',
      'Coller',
      '-',
      'Tout sélectionner',
    ])
    const link = params({ linkURL: 'https://example.org/' })
    expect(shown(menu(link, true, 'ar').items)).toEqual(['نسخ عنوان الرابط'])
  })
})
