/**
 * Renders the macOS menu-bar icon, build/tray/trayTemplate.svg, to the two PNGs the app loads
 * (`npx tsx scripts/tray-icon.ts`): 16 px and 32 px (@2x), black and transparency only. The
 * outputs are committed, as the other icons are (scripts/icons.ts).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import { invokedDirectly } from './invoked-directly'

const DIR = fileURLToPath(new URL('../build/tray/', import.meta.url))
export const TRAY_TEMPLATE_SIZES = { 'trayTemplate.png': 16, 'trayTemplate@2x.png': 32 } as const

export async function renderTrayIcons(): Promise<void> {
  const svg = await readFile(`${DIR}trayTemplate.svg`)
  for (const [name, size] of Object.entries(TRAY_TEMPLATE_SIZES)) {
    const image = new Resvg(svg, {
      fitTo: { mode: 'width', value: size },
      font: { loadSystemFonts: false },
    }).render()
    await writeFile(`${DIR}${name}`, image.asPng())
  }
}

if (invokedDirectly(import.meta.url)) await renderTrayIcons()
