/**
 * The rules of `npm run security:check` (scripts/electronegativity.ts), without running
 * Electronegativity itself: `npm test` runs the real scan just before the unit tests.
 */
import { describe, expect, it } from 'vitest'
import {
  allowlistSchema,
  judge,
  pathMatches,
  readAllowlist,
  type Allowlist,
  type Finding,
} from '../../scripts/electronegativity'

const WHY = 'A reason long enough to say why this finding is acceptable in this app.'

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src/main/index.ts',
    line: 103,
    column: 36,
    severity: 'MEDIUM',
    confidence: 'TENTATIVE',
    sample: 'if (isExternalLink(url)) void shell.openExternal(url)',
    description: 'Review the use of openExternal',
    ...overrides,
  }
}

const ALLOWLIST: Allowlist = {
  findings: [
    {
      check: 'OPEN_EXTERNAL_JS_CHECK',
      files: ['src/main/index.ts', 'out/main/index.js'],
      sample: 'if (isExternalLink(url))',
      why: WHY,
    },
  ],
  parseErrors: [{ file: 'out/renderer/assets/index-*.js', message: 'ClassPrivate', why: WHY }],
}

describe('security:check', () => {
  it('passes when every finding and parse error is explained', () => {
    const verdict = judge(
      [finding(), finding({ file: 'out/main/index.js', line: 1331 })],
      [{ file: 'out/renderer/assets/index-Ab12.js', message: 'Unknown node type ClassPrivate' }],
      ALLOWLIST,
    )
    expect(verdict).toEqual({ unexplained: [], unexplainedErrors: [], stale: [] })
  })

  it('fails on a finding no entry explains: another check, file or line', () => {
    const other = [
      finding({ check: 'SANDBOX_JS_CHECK' }),
      finding({ file: 'src/main/other.ts' }),
      finding({ sample: 'shell.openExternal(untrusted)' }),
    ]
    const verdict = judge([finding(), ...other], [], { ...ALLOWLIST, parseErrors: [] })
    expect(verdict.unexplained).toEqual(other)
  })

  it('fails on a parse error no entry explains', () => {
    const error = { file: 'out/main/index.js', message: 'Unexpected token' }
    expect(judge([finding()], [error], ALLOWLIST).unexplainedErrors).toEqual([error])
  })

  it('fails on an entry that no longer matches anything', () => {
    const verdict = judge([], [], ALLOWLIST)
    expect(verdict.stale).toHaveLength(2)
  })

  it('matches paths with * within one directory only', () => {
    expect(pathMatches('out/renderer/assets/index-*.js', 'out/renderer/assets/index-x1.js')).toBe(
      true,
    )
    expect(pathMatches('out/*.js', 'out/renderer/index.js')).toBe(false)
    expect(pathMatches('out/main/index.js', 'out/main/indexXjs')).toBe(false)
  })

  it('refuses an allowlist entry without a real reason', () => {
    const entry = { check: 'X', files: ['a.ts'], why: 'fine' }
    expect(allowlistSchema.safeParse({ findings: [entry], parseErrors: [] }).success).toBe(false)
  })

  it('reads the project allowlist', () => {
    expect(readAllowlist().findings.length).toBeGreaterThan(0)
  })
})
