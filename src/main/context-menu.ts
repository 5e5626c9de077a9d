/**
 * The right-click menu: what it holds for what was clicked, as a plain template (no Electron
 * here; src/main/index.ts builds the Menu from it on webContents' `context-menu` event).
 *
 * - On a misspelled word (spell checking on): Chromium's suggestions, each replacing the word,
 *   and "Add to dictionary"; "No suggestions" when it has none.
 * - In a text field: Cut, Copy, Paste, Select all, each enabled as Chromium says it can be.
 * - On selected text elsewhere: Copy. On a link: Copy link address (http and https links only,
 *   as those are the links the app opens).
 * Nothing applies: no menu.
 */

import { isExternalLink } from './external-link'
import { mainT, type TFunction } from './i18n'

/** What the menu needs from Electron's ContextMenuParams. */
export interface ContextMenuParams {
  isEditable: boolean
  selectionText: string
  misspelledWord: string
  dictionarySuggestions: string[]
  linkURL: string
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean }
}

export interface ContextMenuActions {
  replaceMisspelling(suggestion: string): void
  addToDictionary(word: string): void
  copyText(text: string): void
}

/** Structurally a subset of Electron's MenuItemConstructorOptions. */
export type ContextMenuItem =
  | { type: 'separator' }
  | { role: 'cut' | 'copy' | 'paste' | 'selectAll'; label: string; enabled: boolean }
  | { label: string; enabled: boolean; click?: () => void }

/** Chromium offers a handful; a long list of guesses helps nobody. */
export const MAX_SUGGESTIONS = 5

export function contextMenuTemplate(
  params: ContextMenuParams,
  actions: ContextMenuActions,
  options: { spellcheck: boolean },
  t: TFunction = mainT,
): ContextMenuItem[] {
  const groups: ContextMenuItem[][] = []

  const word = params.misspelledWord
  if (options.spellcheck && params.isEditable && word !== '') {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS)
    groups.push([
      ...(suggestions.length > 0
        ? suggestions.map((suggestion) => ({
            label: suggestion,
            enabled: true,
            click: () => actions.replaceMisspelling(suggestion),
          }))
        : [{ label: t('contextMenu.noSuggestions'), enabled: false }]),
      {
        label: t('contextMenu.addToDictionary'),
        enabled: true,
        click: () => actions.addToDictionary(word),
      },
    ])
  }

  if (params.isEditable) {
    const flags = params.editFlags
    groups.push([
      { role: 'cut', label: t('contextMenu.cut'), enabled: flags.canCut },
      { role: 'copy', label: t('contextMenu.copy'), enabled: flags.canCopy },
      { role: 'paste', label: t('contextMenu.paste'), enabled: flags.canPaste },
    ])
    groups.push([
      { role: 'selectAll', label: t('contextMenu.selectAll'), enabled: flags.canSelectAll },
    ])
  } else if (params.selectionText.trim() !== '') {
    groups.push([{ role: 'copy', label: t('contextMenu.copy'), enabled: params.editFlags.canCopy }])
  }

  if (isExternalLink(params.linkURL)) {
    const url = params.linkURL
    groups.push([
      {
        label: t('contextMenu.copyLinkAddress'),
        enabled: true,
        click: () => actions.copyText(url),
      },
    ])
  }

  return groups.flatMap((group, index) =>
    index === 0 ? group : [{ type: 'separator' } as const, ...group],
  )
}
