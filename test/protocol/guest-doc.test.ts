/**
 * The Guest app section of docs/protocol.md says what the hub's static server does: its headers
 * and the link grammar are the code's. (Its example frames are checked with the others, in
 * doc.test.ts.)
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GUEST_CSP, GUESTS_OFF_TEXT, MAX_GUEST_PATH } from '../../src/main/hub/guest-http'
import { fingerprintOfFragment, guestLink } from '../../src/shared/protocol'

const DOC = readFileSync(join(import.meta.dirname, '../../docs/protocol.md'), 'utf8')
const SECTION = DOC.slice(DOC.indexOf('\n## Guest app\n'), DOC.indexOf('\n## Error codes\n'))

describe('the Guest app section of docs/protocol.md', () => {
  it('shows the CSP the hub sends, and the other fixed values', () => {
    expect(SECTION.length).toBeGreaterThan(1000)
    expect(SECTION).toContain(`content-security-policy: ${GUEST_CSP}\n`)
    expect(SECTION).toContain(`\`${GUESTS_OFF_TEXT}.\``)
    expect(SECTION).toContain(`longer than ${MAX_GUEST_PATH} characters`)
    expect(SECTION).toContain('`public, max-age=31536000, immutable` for `assets/*`')
  })

  it('gives a link example the code makes, and reads back', () => {
    const example = /^(https:\/\/[\d.]+:\d+\/#\S+)$/m.exec(SECTION)?.[1] ?? ''
    const url = new URL(example)
    const fingerprint = fingerprintOfFragment(url.hash)
    expect(fingerprint).not.toBeNull()
    expect(guestLink(url.host, fingerprint!)).toBe(example)
  })
})
