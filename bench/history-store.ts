/**
 * The history store's benchmark (issue #13): a room whose history.log holds N events (about 80 %
 * chats of varied text in several scripts, the rest reactions, edits and deletes), measured
 * through RoomStore itself, in this process:
 *  - writing them (append + flush in batches of 100, as a busy room does);
 *  - opening the room (load, validate, index) and the index's size;
 *  - paging back 10,000 messages (pages of 200: chatsBefore + read);
 *  - search over all of it: p50 / p99 / max of queries of four kinds (a rare word, a common
 *    word that fills the page at once, a word that is nowhere (a full scan), two words).
 * `tsx bench/history-store.ts [N…]` (default 100000 200000). Prints a table and writes
 * artifacts/bench-history-store.json. Wall-clock times, and the CPU time this process spent
 * (which other processes on a shared machine disturb less), with the machine's load average.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { SCHEMAS, type ChatEvent, type TimelineEvent } from '../src/shared/protocol'
import { SILENT_LOGGER } from '../src/main/hub/logger'
import { RoomStore } from '../src/main/hub/room-store'
import { seededRandom } from '../test/support/prng'

const SIZES = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0)
const QUERIES_PER_KIND = 50

function vocabulary(random: () => number): string[] {
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ne',
    'ru',
    'sa',
    'to',
    'vi',
    'ä',
    'ö',
    'ü',
    'ß',
    'é',
    'ж',
    'на',
    'λα',
  ]
  const words: string[] = []
  for (let i = 0; i < 3000; i++) {
    let word = ''
    for (let k = 1 + Math.floor(random() * 4); k > 0; k--) {
      word += syllables[Math.floor(random() * syllables.length)]
    }
    words.push(random() < 0.1 ? word[0]?.toUpperCase() + word.slice(1) : word)
  }
  return words
}

function events(count: number): { events: TimelineEvent[]; words: string[] } {
  const random = seededRandom(13)
  const words = vocabulary(random)
  // Zipf-like: low indexes are common.
  const word = (): string => words[Math.floor(words.length * random() ** 3)] as string
  const list: TimelineEvent[] = []
  const chats: number[] = []
  const deleted = new Set<number>()
  for (let seq = 1; seq <= count; seq++) {
    const roll = random()
    const target = chats[Math.max(0, chats.length - 1 - Math.floor(random() * 50))]
    const base = {
      seq,
      id: `m${seq}`,
      from: `client-${seq % 40}`,
      name: `Member ${seq % 40}`,
      ts: 1.7e12 + seq * 1000,
    }
    if (target === undefined || roll < 0.8) {
      const length = 3 + Math.floor(random() ** 2 * 40)
      const text = Array.from({ length }, word).join(' ')
      list.push({ type: 'chat', ...base, text })
      chats.push(seq)
    } else if (roll < 0.93 || deleted.has(target)) {
      list.push({ type: 'react', ...base, target, emoji: '👍' })
    } else if (roll < 0.98) {
      list.push({ type: 'edit', ...base, target, text: `${word()} ${word()} edited` })
    } else {
      list.push({ type: 'delete', ...base, target })
      deleted.add(target)
    }
  }
  return { events: list, words }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number
}

/** CPU time (user + system) this process spent since `since`, in ms: less at the mercy of
 * other processes on a shared machine than wall-clock time. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1000
}

function heapMb(): number {
  globalThis.gc?.()
  return process.memoryUsage().heapUsed / 2 ** 20
}

async function measure(count: number): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'lanroom-bench-history-'))
  try {
    const { events: list, words } = events(count)
    const options = { dataDir: dir, name: 'Bench', schemas: SCHEMAS, logger: SILENT_LOGGER }
    const writer = RoomStore.open({ ...options, budget: { events: count * 2, bytes: 2 ** 40 } })
    let started = performance.now()
    for (let i = 0; i < list.length; i++) {
      const event = list[i] as TimelineEvent
      writer.append(JSON.stringify(event), event)
      if (i % 100 === 99) writer.flush()
    }
    writer.flush()
    const writeMs = performance.now() - started
    const fileMb = writer.stats.bytes / 2 ** 20
    writer.close()

    const heapBefore = heapMb()
    let cpu = process.cpuUsage()
    started = performance.now()
    let streamed = 0
    const store = RoomStore.open({
      ...options,
      budget: { events: count * 2, bytes: 2 ** 40 },
      onRecord: () => (streamed += 1),
    })
    const openMs = performance.now() - started
    const openCpuMs = cpuMs(cpu)
    const heapAfter = heapMb()
    const stats = store.stats

    // Edited and deleted chats, as the hub's overlay would know them.
    const edits = new Map<number, string>()
    const deletedChats = new Set<number>()
    for (const event of list) {
      if (event.type === 'edit') edits.set(event.target, event.text)
      if (event.type === 'delete') deletedChats.add(event.target)
    }
    const current = (chat: ChatEvent): string | null =>
      deletedChats.has(chat.seq) ? null : (edits.get(chat.seq) ?? chat.text)

    started = performance.now()
    let paged = 0
    const pageTimes: number[] = []
    for (let before = Infinity; paged < 10_000;) {
      const pageStart = performance.now()
      const seqs = store.chatsBefore(before, 200)
      if (seqs.length === 0) break
      paged += store.read(seqs).length
      before = seqs[0] as number
      pageTimes.push(performance.now() - pageStart)
    }
    const pageMs = performance.now() - started

    const random = seededRandom(7)
    const rare = (): string => words[words.length - 1 - Math.floor(random() * 500)] as string
    const common = (): string => words[Math.floor(random() * 5)] as string
    const kinds: Record<string, () => string> = {
      rare,
      common,
      absent: () => `zzq${Math.floor(random() * 1e6)}`,
      'two words': () => `${common()} ${words[100 + Math.floor(random() * 400)]}`,
    }
    const searches: Record<
      string,
      { p50: number; p99: number; max: number; cpuP50: number; cpuP99: number; matches: number }
    > = {}
    const all: number[] = []
    const allCpu: number[] = []
    for (const [kind, query] of Object.entries(kinds)) {
      const times: number[] = []
      const cpuTimes: number[] = []
      let matches = 0
      for (let i = 0; i < QUERIES_PER_KIND; i++) {
        cpu = process.cpuUsage()
        const searchStart = performance.now()
        const result = await store.search(
          { text: query(), limit: 50 },
          current,
          new AbortController().signal,
        )
        times.push(performance.now() - searchStart)
        cpuTimes.push(cpuMs(cpu))
        matches += result.matches.length
      }
      times.sort((a, b) => a - b)
      cpuTimes.sort((a, b) => a - b)
      all.push(...times)
      allCpu.push(...cpuTimes)
      searches[kind] = {
        p50: percentile(times, 50),
        p99: percentile(times, 99),
        max: times.at(-1) as number,
        cpuP50: percentile(cpuTimes, 50),
        cpuP99: percentile(cpuTimes, 99),
        matches: matches / QUERIES_PER_KIND,
      }
    }
    all.sort((a, b) => a - b)
    allCpu.sort((a, b) => a - b)
    store.close()
    return {
      events: count,
      chats: stats.chats,
      fileMb,
      writeMs,
      openMs,
      openCpuMs,
      streamed,
      indexBytes: stats.indexBytes,
      heapGrowthMb: heapAfter - heapBefore,
      paged,
      pageBackMs: pageMs,
      pageP50Ms: percentile(
        [...pageTimes].sort((a, b) => a - b),
        50,
      ),
      searchP50Ms: percentile(all, 50),
      searchP99Ms: percentile(all, 99),
      searchCpuP50Ms: percentile(allCpu, 50),
      searchCpuP99Ms: percentile(allCpu, 99),
      searches,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const results: Array<Record<string, unknown>> = []
for (const count of SIZES.length > 0 ? SIZES : [100_000, 200_000]) {
  const load = loadavg()[0]?.toFixed(1)
  const result = await measure(count)
  results.push({ ...result, load })
  const ms = (key: string): string => `${(result[key] as number).toFixed(0)} ms`
  console.log(
    `${count} events (${result.chats as number} chats, ${(result.fileMb as number).toFixed(0)} MB, load ${load}): ` +
      `write ${ms('writeMs')}, open ${ms('openMs')} (cpu ${ms('openCpuMs')}), index ${((result.indexBytes as number) / 2 ** 20).toFixed(1)} MB ` +
      `(heap +${(result.heapGrowthMb as number).toFixed(1)} MB), page back ${result.paged as number} in ${ms('pageBackMs')} ` +
      `(page p50 ${(result.pageP50Ms as number).toFixed(2)} ms), search p50 ${ms('searchP50Ms')} p99 ${ms('searchP99Ms')} (cpu p50 ${ms('searchCpuP50Ms')} p99 ${ms('searchCpuP99Ms')})`,
  )
  for (const [kind, s] of Object.entries(
    result.searches as Record<string, Record<string, number>>,
  )) {
    console.log(
      `  search ${kind}: p50 ${s.p50?.toFixed(1)} ms, p99 ${s.p99?.toFixed(1)} ms, max ${s.max?.toFixed(1)} ms (cpu p50 ${s.cpuP50?.toFixed(1)} p99 ${s.cpuP99?.toFixed(1)} ms), ${s.matches} matches`,
    )
  }
}
mkdirSync('artifacts', { recursive: true })
writeFileSync('artifacts/bench-history-store.json', JSON.stringify(results, null, 2))
