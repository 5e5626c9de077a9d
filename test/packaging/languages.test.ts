/**
 * The installers speak the app's languages (docs/i18n.md, "Installers"): NSIS's pages, macOS's
 * CFBundleLocalizations and the Linux desktop entry's Comment, one per language the app ships,
 * with the desktop entry's text taken from the catalogues.
 */
import type { Configuration } from 'electron-builder'
import { describe, expect, it } from 'vitest'
import config, {
  DESKTOP_COMMENTS,
  MAC_LOCALIZATIONS,
  NSIS_LANGUAGES,
} from '../../electron-builder.config'
import { CATALOGUES } from '../../src/shared/i18n/catalogues'
import { LANGUAGES } from '../../src/shared/i18n/languages'
import { quietLogger, validateConfiguration } from './support'

/** A language tag as each installer names it. */
const NSIS: Record<string, string> = { en: 'en_US', ar: 'ar_SA', ja: 'ja_JP' }
const nsisName = (tag: string): string =>
  NSIS[tag] ?? (tag.includes('-') ? tag.replace('-', '_') : `${tag}_${tag.toUpperCase()}`)
const macName = (tag: string): string => (tag === 'zh-CN' ? 'zh-Hans' : tag)
const posixName = (tag: string): string => tag.replace('-', '_')

describe('the installers’ languages', () => {
  it('NSIS: one installer page language per app language, chosen at start', () => {
    expect(NSIS_LANGUAGES).toEqual(LANGUAGES.map(nsisName))
    expect(config.nsis).toMatchObject({
      installerLanguages: NSIS_LANGUAGES,
      multiLanguageInstaller: true,
    })
  })

  it('macOS: CFBundleLocalizations lists every app language', () => {
    expect(MAC_LOCALIZATIONS).toEqual(LANGUAGES.map(macName))
    expect(config.mac?.extendInfo).toMatchObject({ CFBundleLocalizations: MAC_LOCALIZATIONS })
  })

  it('Linux: the desktop entry’s Comment in every other language, from the catalogues', () => {
    const entry = (config.linux?.desktop?.entry ?? {}) as Record<string, string>
    expect(config.linux?.synopsis).toBe(CATALOGUES.en['installer']?.['comment'])
    for (const language of LANGUAGES.filter((tag) => tag !== 'en')) {
      const key = `Comment[${posixName(language)}]`
      expect(DESKTOP_COMMENTS[key], key).toBe(CATALOGUES[language]['installer']?.['comment'])
      expect(entry[key], key).toBe(DESKTOP_COMMENTS[key])
    }
  })

  it("these keys pass electron-builder's schema, and a misspelled one does not", async () => {
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined()
    const typo = {
      ...config,
      nsis: { ...config.nsis, multiLanguageInstallers: true },
    } as Configuration
    await expect(validateConfiguration(typo, quietLogger)).rejects.toThrow(/configuration\.nsis/)
  })
})
