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
        : [{ label: 'No suggestions', enabled: false }]),
      { label: 'Add to dictionary', enabled: true, click: () => actions.addToDictionary(word) },
    ])
  }

  if (params.isEditable) {
    const flags = params.editFlags
    groups.push([
      { role: 'cut', label: 'Cut', enabled: flags.canCut },
      { role: 'copy', label: 'Copy', enabled: flags.canCopy },
      { role: 'paste', label: 'Paste', enabled: flags.canPaste },
    ])
    groups.push([{ role: 'selectAll', label: 'Select all', enabled: flags.canSelectAll }])
  } else if (params.selectionText.trim() !== '') {
    groups.push([{ role: 'copy', label: 'Copy', enabled: params.editFlags.canCopy }])
  }

  if (isExternalLink(params.linkURL)) {
    const url = params.linkURL
    groups.push([{ label: 'Copy link address', enabled: true, click: () => actions.copyText(url) }])
  }

  return groups.flatMap((group, index) =>
    index === 0 ? group : [{ type: 'separator' } as const, ...group],
  )
}
