// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import svelteConfig from './svelte.config.js'

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'net', 'http', 'https', 'os', 'crypto', 'events']

/**
 * Process boundaries (see docs/architecture.md): which modules each kind of file may import.
 * @param {string[]} patterns
 * @param {string} message
 */
const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
})

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'artifacts/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: forbid(
      [...NODE_BUILTINS, 'electron', 'ws', 'bonjour-service'],
      'src/shared is pure: types, schemas and limits only (no Node, Electron, DOM or socket imports).',
    ),
  },
  {
    files: ['src/main/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/bridge/**', 'src/main/desktop/electron-ports.ts'],
    rules: forbid(
      ['electron'],
      'Only src/main/index.ts, src/main/bridge and src/main/desktop/electron-ports.ts may import electron; the rest is plain Node.',
    ),
  },
  {
    // The guest page: the controller and the connection in a browser (no Node, no Electron).
    files: ['src/guest/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: forbid(
      [...NODE_BUILTINS, 'electron', 'ws', 'bonjour-service'],
      'src/guest runs in a browser: Node modules are not there.',
    ),
  },
  {
    // The connection module runs in browsers too (the guest app): only the Node socket may
    // reach Node. A bundle test (src/main/connection/browser-bundle.test.ts) checks the whole
    // import graph; this catches it at the line.
    files: [
      'src/main/connection/**/*.ts',
      'src/main/security/identity-core.ts',
      'src/guest/platform/**/*.ts',
    ],
    ignores: ['src/main/connection/ws-socket.ts', '**/*.test.ts'],
    rules: {
      ...forbid(
        [
          ...NODE_BUILTINS,
          'electron',
          'ws',
          'bonjour-service',
          '**/security/identity',
          '**/security/tls',
        ],
        'The connection module runs in browsers too: Node only through ws-socket.ts.',
      ),
      'no-restricted-globals': ['error', 'Buffer', 'process', 'require', '__dirname'],
    },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
    rules: forbid(
      [...NODE_BUILTINS, 'electron', 'ws', 'bonjour-service', '**/main/**', '**/preload/**'],
      'The renderer sees the world only through the bridge (src/renderer/src/lib/bridge.ts).',
    ),
  },
)
