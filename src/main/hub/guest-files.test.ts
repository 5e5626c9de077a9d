import { describe, expect, it, onTestFinished } from 'vitest'
import { gunzipSync } from 'node:zlib'
import { loadGuestFiles } from './guest-files'
import { GUEST_FIXTURE, guestBuild } from './testing/guest-build'

describe('loadGuestFiles', () => {
  it('keeps a text file gzipped only, and gives it back as it was', () => {
    const build = guestBuild()
    onTestFinished(build.remove)
    const files = loadGuestFiles(build.dir)
    const bundle = files.get('/assets/vendor-7a8b9c.js')
    // What the hub holds for its whole life is the gzip, not the file twice.
    expect(bundle?.body).toBeNull()
    expect(bundle?.gzip?.length).toBeLessThan(GUEST_FIXTURE.bundle.length / 10)
    expect(bundle?.size).toBe(Buffer.byteLength(GUEST_FIXTURE.bundle))
    expect(bundle?.gzip && gunzipSync(bundle.gzip).toString()).toBe(GUEST_FIXTURE.bundle)
    // A file gzip would make larger is kept as it is.
    const tiny = files.get('/assets/app-1a2b3c.js')
    expect([tiny?.gzip, tiny?.body?.toString()]).toEqual([null, GUEST_FIXTURE.script])
  })
})
