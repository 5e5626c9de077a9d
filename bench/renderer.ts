/**
 * The renderer performance check (`npm run bench:renderer`, part of `npm run bench`): the built
 * renderer in Debian's Chromium, fed through the same contract transport as the browser test
 * tier. Prints the time to render a timeline of 10,000 messages and the frame times while 200
 * chats a second arrive (batched per frame, as main's event batcher sends them).
 */
import type { Snapshot, TimelineEntry, TimelinePatch } from '../src/shared/bridge'
import { fixtureHandlers, SNAPSHOT } from '../test/support/bridge-fixtures'
import { openApp, serveRenderer } from '../e2e/harness/app-page'
import { browserUnavailable, launchBrowser } from '../e2e/harness/launch'

const RESET_SIZE = 10_000
const RATE = 200
const STREAM_SECONDS = 5

const ROOM: Snapshot = {
  ...SNAPSHOT,
  situation: 'joined',
  room: {
    id: 'bench-room',
    name: 'Benchmark',
    hostName: 'Host',
    hosting: false,
    joinAddresses: [],
    roomCodes: [],
    guestLink: null,
    connection: { status: 'connected', attempt: 0, nextRetryAt: null, reason: null },
    members: [
      { clientId: 'client-ada-0001', name: 'Ada', host: false, you: true, guest: false },
      { clientId: 'client-host-001', name: 'Host', host: true, you: false, guest: false },
    ],
    typing: [],
    maxTextLength: 4000,
    unread: 0,
    security: {
      encrypted: true,
      verificationCode: 'K7Q2M-X9D4R',
      trust: 'verified',
      passphrase: false,
    },
  },
}

const WORDS = 'the quick brown fox jumps over a lazy dog while the projector warms up again'.split(
  ' ',
)
/**
 * Formatting and reactions on, as in a real room: every fourth message carries Markdown (bold,
 * inline code, a link, and every twentieth a code block), every fifth has reactions.
 */
const MARKDOWN = [
  (plain: string) => `**${plain}** and \`npm run build\` then _see_ https://example.com/docs`,
  (plain: string) => `> ${plain}\n~~old~~ new *emphasis* here`,
  (plain: string) => `\`\`\`\nfunction f(x) {\n  return x * 2\n}\n\`\`\`\n${plain}`,
]
function text(seq: number, plain: string): string {
  if (seq % 20 === 0) return (MARKDOWN[2] as (plain: string) => string)(plain)
  if (seq % 4 === 0) return (MARKDOWN[(seq / 4) % 2] as (plain: string) => string)(plain)
  return plain
}
function chat(seq: number): TimelineEntry {
  const words = 4 + (seq % 23)
  const plain = Array.from({ length: words }, (_, i) => WORDS[(seq + i) % WORDS.length]).join(' ')
  return {
    kind: 'chat',
    key: `c:${seq}`,
    seq,
    id: `m${seq}`,
    from: seq % 3 === 0 ? 'client-ada-0001' : `client-${seq % 7}`,
    name: seq % 3 === 0 ? 'Ada' : `Member ${seq % 7}`,
    text: text(seq, plain),
    ts: Date.now() - (RESET_SIZE - seq) * 1000,
    own: seq % 3 === 0,
    status: 'sent',
    error: null,
    ...(seq % 5 === 0
      ? {
          reactions: [
            { emoji: '👍', count: 2, mine: seq % 10 === 0, names: ['Ada', 'Host'] },
            { emoji: '🎉', count: 1, mine: false, names: ['Host'] },
          ],
        }
      : {}),
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

async function main(): Promise<void> {
  const unavailable = browserUnavailable()
  if (unavailable) {
    console.log(`renderer benchmark skipped: ${unavailable}`)
    return
  }
  const browser = await launchBrowser()
  const server = await serveRenderer()
  const feed: { send: ((patch: TimelinePatch) => void) | null } = { send: null }
  const app = await openApp(browser, {
    url: server.url,
    handlers: fixtureHandlers({ getSnapshot: () => ROOM }),
    events: (deliver) => {
      feed.send = (patch) => deliver('onTimeline', patch)
      return () => (feed.send = null)
    },
  })
  try {
    const { page } = app
    await page.getByRole('heading', { name: 'Benchmark', level: 1 }).waitFor()
    // Page code as strings: the TypeScript loader would otherwise add helpers the page lacks.
    const nextFrames = (): Promise<void> =>
      page.evaluate(
        'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))',
      )
    const confirmed = Array.from({ length: RESET_SIZE }, (_, i) => chat(i + 1))
    const started = performance.now()
    feed.send?.({ reset: true, confirmed, pending: [] })
    // The row itself, not its text: the last message is formatted (its source is not shown).
    await page.locator(`[data-key="${confirmed.at(-1)?.key ?? ''}"]`).waitFor()
    await nextFrames()
    const resetMs = performance.now() - started

    await page.evaluate(`(() => {
      window.__frames = []
      window.__stop = false
      let last = performance.now()
      const tick = (now) => {
        window.__frames.push(now - last)
        last = now
        if (!window.__stop) requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })()`)
    // Bounded: RATE × STREAM_SECONDS chats, sent in per-frame batches as the batcher would.
    let seq = RESET_SIZE
    const streamStart = performance.now()
    const total = RATE * STREAM_SECONDS
    while (seq < RESET_SIZE + total) {
      const due = Math.min(
        RESET_SIZE + total,
        RESET_SIZE + Math.floor(((performance.now() - streamStart) / 1000) * RATE),
      )
      const batch: TimelineEntry[] = []
      while (seq < due) batch.push(chat(++seq))
      if (batch.length > 0) feed.send?.({ reset: false, confirmed: batch, pending: [] })
      await new Promise((resolve) => setTimeout(resolve, 16))
    }
    await nextFrames()
    const frames = (await page.evaluate(
      '(() => { window.__stop = true; return window.__frames.slice(1) })()',
    )) as number[]
    const nodes = (await page.evaluate('document.querySelectorAll("*").length')) as number
    const sorted = [...frames].sort((a, b) => a - b)
    console.log('Renderer (Debian Chromium, headless, software rendering)')
    console.log(`| measure | value |`)
    console.log(`| --- | --- |`)
    console.log(
      `| render a timeline of ${RESET_SIZE.toLocaleString()} messages | ${resetMs.toFixed(0)} ms |`,
    )
    console.log(`| ${RATE} chats/s for ${STREAM_SECONDS} s: frames | ${frames.length} |`)
    console.log(
      `| frame time p50 / p95 / max | ${percentile(sorted, 50).toFixed(1)} / ${percentile(sorted, 95).toFixed(1)} / ${(sorted.at(-1) ?? 0).toFixed(1)} ms |`,
    )
    console.log(`| DOM elements after the stream | ${nodes} |`)
    if (app.problems.length > 0) console.log(`page problems: ${app.problems.join('; ')}`)
  } finally {
    await app.close()
    await server.close()
    await browser.close()
  }
}

await main()
