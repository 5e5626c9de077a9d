import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import type { Plugin } from 'vite'
import pkg from './package.json'

/**
 * The dev server injects CSS as <style> elements (that is how it hot-reloads styles), which
 * the page's CSP (src/renderer/index.html) refuses. Allow inline styles while serving only;
 * the built page keeps the strict policy, since its CSS is extracted to files.
 */
function allowDevServerStyles(): Plugin {
  const STRICT = "style-src 'self';"
  return {
    name: 'lanroom:dev-server-styles',
    apply: 'serve',
    transformIndexHtml(html) {
      // Fail loudly if the CSP changes shape, rather than silently serving an unstyled page.
      if (!html.includes(STRICT)) throw new Error(`index.html CSP has no "${STRICT}" to relax`)
      return html.replace(STRICT, "style-src 'self' 'unsafe-inline';")
    },
  }
}

export default defineConfig({
  main: {
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    build: {
      rollupOptions: {
        // The lanroom command is a second entry of the main build: plain Node, no Electron.
        // Each is a boot entry that sets a V8 flag and then imports the rest (src/main/boot.ts),
        // which is an entry too: a file of a fixed name, as the guest app's path and the
        // security scan's allowlist need.
        input: {
          index: resolve(__dirname, 'src/main/boot.ts'),
          app: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/boot.ts'),
          'cli-app': resolve(__dirname, 'src/cli/index.ts'),
        },
        output: {
          // Imported first by the boot entries for its effect (it sets a V8 flag that only
          // works if set before the process has allocated much): in a chunk of its own, so
          // that nothing it is bundled with is loaded before it.
          manualChunks: (id: string) =>
            id.endsWith('src/main/hub/young-generation.ts') ? 'young-generation' : undefined,
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() packages: it must be one self-contained bundle.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    plugins: [svelte(), allowDevServerStyles()],
  },
})
