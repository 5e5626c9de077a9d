import type { Language } from './languages'
import { ar } from './locales/ar'
import { de } from './locales/de'
import { en, type Catalogue } from './locales/en'
import { es } from './locales/es'
import { fr } from './locales/fr'
import { ja } from './locales/ja'
import { ptBR } from './locales/pt-BR'
import { zhCN } from './locales/zh-CN'
import { pseudoCatalogue } from './pseudo'

/** Every language's catalogue, the pseudo-locale made from English. */
export const CATALOGUES: Readonly<Record<Language, Catalogue>> = {
  en,
  de,
  fr,
  es,
  'pt-BR': ptBR,
  'zh-CN': zhCN,
  ja,
  ar,
  'en-XA': pseudoCatalogue(en),
}
