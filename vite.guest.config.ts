/**
 * The guest app (#16): the renderer built a second time, for browsers, with a web bridge
 * (src/guest) in place of Electron's preload. Output out/guest/, which a room's hub serves:
 * index.html, content-hashed assets/, manifest.webmanifest and icons/. Run by `npm run build`
 * after electron-vite. Mode `guest` (import.meta.env.MODE) is how the renderer knows it is the
 * guest page (src/renderer/src/lib/surface.ts), so what a page never offers is left out.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig, type Plugin } from 'vite'
import { render } from './scripts/icons'

/** Sizes the page links or the manifest lists: 180 for iOS's home screen, 192/512 for others. */
const ICON_SIZES = [180, 192, 512] as const
const THEME_COLOUR = '#0c746a'

/** The web app manifest and the icons, rendered from build/icon.svg like the app's. */
function manifestAndIcons(): Plugin {
  return {
    name: 'lanroom:guest-manifest',
    apply: 'build',
    generateBundle() {
      const svg = readFileSync(resolve(__dirname, 'build/icon.svg'))
      for (const size of ICON_SIZES) {
        this.emitFile({
          type: 'asset',
          fileName: `icons/${size}x${size}.png`,
          source: render(svg, size).png,
        })
      }
      const manifest = {
        name: 'LAN Room',
        short_name: 'LAN Room',
        description: 'Chat with the people on your local network.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: THEME_COLOUR,
        icons: [192, 512].map((size) => ({
          src: `/icons/${size}x${size}.png`,
          sizes: `${size}x${size}`,
          type: 'image/png',
          purpose: 'any',
        })),
      }
      this.emitFile({
        type: 'asset',
        fileName: 'manifest.webmanifest',
        source: `${JSON.stringify(manifest, null, 2)}\n`,
      })
    },
  }
}

export default defineConfig({
  mode: 'guest',
  root: resolve(__dirname, 'src/guest'),
  // Vite reads no .env files for the page: nothing from the environment goes into it.
  envDir: false,
  publicDir: false,
  plugins: [svelte(), manifestAndIcons()],
  build: {
    outDir: resolve(__dirname, 'out/guest'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // The hub serves the build's files only (listed once at start): no source maps.
    sourcemap: false,
  },
})
