import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.e2e.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests spawn real processes and sockets; two cores, so keep parallelism modest.
    maxWorkers: 2,
    reporters: ['default', ['json', { outputFile: 'artifacts/vitest-results.json' }]],
  },
})
