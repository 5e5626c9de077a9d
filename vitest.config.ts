import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.e2e.ts'],
    // Safety nets, not measurements (speed is `npm run bench`'s): at least five times what a test
    // or hook typically takes on this two-core machine while it does other work too (most take
    // under 5 s, the slowest around 16 s, and up to three times that when others load the
    // machine heavily). A test that typically takes longer says so itself.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll waits 1 s by default: far too little for a browser step on a busy machine.
    expect: { poll: { timeout: 10_000 } },
    // Tests spawn real processes and sockets; two cores, so keep parallelism modest.
    maxWorkers: 2,
    reporters: ['default', ['json', { outputFile: 'artifacts/vitest-results.json' }]],
  },
})
