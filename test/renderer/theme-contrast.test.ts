/**
 * The theme's colour tokens (src/renderer/src/assets/main.css) meet WCAG AA in both themes, for every pairing of a text colour
 * with a background it is shown on; and the components use no token for text or as a
 * background that this test does not know about (so a new one cannot skip the check).
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { AA_TEXT, contrastRatio } from '../../src/renderer/src/lib/contrast'

// Read as text: Vitest hands CSS imports to tests as empty strings.
const RENDERER = fileURLToPath(new URL('../../src/renderer/src/', import.meta.url))
const css = readFileSync(join(RENDERER, 'assets/main.css'), 'utf8')
const COMPONENTS: Record<string, string> = Object.fromEntries(
  [
    'App.svelte',
    ...readdirSync(join(RENDERER, 'components'))
      .filter((file) => file.endsWith('.svelte'))
      .map((file) => `components/${file}`),
  ].map((file) => [file, readFileSync(join(RENDERER, file), 'utf8')]),
)

type Theme = 'light' | 'dark'
const THEMES: readonly Theme[] = ['light', 'dark']

/** Colours any text may be set in. */
const TEXT = ['text', 'muted', 'faint', 'accent', 'accent-strong', 'danger', 'warning'] as const
/** Backgrounds any of those texts may sit on (rows, panels, hover, highlights, banners). */
const SURFACES = [
  'bg',
  'surface',
  'surface-raised',
  'hover',
  'accent-soft',
  'warning-soft',
  'danger-soft',
] as const
/** Solid fills, each with the one text colour made for it (buttons, badges, the logo). */
const FILLS: Record<string, string> = {
  accent: 'accent-text',
  'accent-hover': 'accent-text',
  danger: 'danger-text',
}
/** Backgrounds that never carry text: lines, bars and dots. */
const DECORATIVE = ['border', 'border-strong', 'accent', 'backdrop']

/** --color-* tokens of the :root block, each as { light, dark }. */
function tokens(source: string): Map<string, Record<Theme, string>> {
  const root = /:root\s*\{([\s\S]*?)\n\}/.exec(source)?.[1] ?? ''
  const found = new Map<string, Record<Theme, string>>()
  for (const [, name, light, dark] of root.matchAll(
    /--color-([a-z-]+):\s*light-dark\(\s*(#[0-9a-f]+|rgb\([^)]*\))\s*,\s*(#[0-9a-f]+|rgb\([^)]*\))\s*\)/gi,
  )) {
    if (name && light && dark) found.set(name, { light, dark })
  }
  return found
}

/** Tokens used as `property: var(--color-x)` in style sheets, for the given properties. */
function usedAs(sources: string[], property: RegExp): Set<string> {
  const used = new Set<string>()
  for (const source of sources) {
    for (const [, prop, name] of source.matchAll(/([a-z-]+)\s*:\s*var\(--color-([a-z-]+)\)/g)) {
      if (prop && name && property.test(prop)) used.add(name)
    }
  }
  return used
}

const THEME_TOKENS = tokens(css)
const color = (name: string, theme: Theme): string => {
  const value = THEME_TOKENS.get(name)?.[theme]
  if (!value) throw new Error(`main.css has no token --color-${name} as light-dark(…, …)`)
  return value
}

describe('main.css theme', () => {
  it('defines every colour token for light and dark', () => {
    for (const name of [...TEXT, ...SURFACES, ...Object.keys(FILLS), ...Object.values(FILLS)]) {
      expect(THEME_TOKENS.has(name), `--color-${name}`).toBe(true)
    }
    // Any --color-* declared some other way would escape the check below.
    const declared = [...css.matchAll(/--color-([a-z-]+)\s*:/g)].map((match) => match[1])
    expect(new Set(declared)).toEqual(new Set(THEME_TOKENS.keys()))
  })

  it('follows the system, and lets data-theme force light or dark', () => {
    expect(css).toMatch(/:root\s*\{\s*color-scheme:\s*light dark;/)
    expect(css).toMatch(/:root\[data-theme='light'\]\s*\{\s*color-scheme:\s*light;\s*\}/)
    expect(css).toMatch(/:root\[data-theme='dark'\]\s*\{\s*color-scheme:\s*dark;\s*\}/)
    // A media query would follow the system even when the settings force a theme.
    const sheets = [css, ...Object.values(COMPONENTS)]
    expect(sheets.filter((sheet) => sheet.includes('prefers-color-scheme'))).toEqual([])
  })

  it.each(THEMES)('meets WCAG AA for every text colour on every surface (%s)', (theme) => {
    const failures: string[] = []
    const check = (text: string, background: string): void => {
      const ratio = contrastRatio(color(text, theme), color(background, theme))
      if (ratio < AA_TEXT) failures.push(`${text} on ${background}: ${ratio.toFixed(2)}:1`)
    }
    for (const text of TEXT) for (const surface of SURFACES) check(text, surface)
    for (const [fill, text] of Object.entries(FILLS)) check(text, fill)
    expect(failures).toEqual([])
  })

  it('knows every token the style sheets use for text and for backgrounds', () => {
    const sheets = [css, ...Object.values(COMPONENTS)]
    const known = new Set<string>([...TEXT, ...Object.values(FILLS)])
    const textColours = usedAs(sheets, /^(color|-webkit-text-fill-color)$/)
    expect(textColours).toContain('faint')
    const unknownText = [...textColours].filter((name) => !known.has(name))
    expect(unknownText, 'add new text colours to TEXT (or FILLS) above').toEqual([])
    const backgrounds = new Set<string>([...SURFACES, ...Object.keys(FILLS), ...DECORATIVE])
    const unknownBackgrounds = [...usedAs(sheets, /^background(-color)?$/)].filter(
      (name) => !backgrounds.has(name),
    )
    expect(unknownBackgrounds, 'add new backgrounds to SURFACES (or FILLS) above').toEqual([])
  })
})
