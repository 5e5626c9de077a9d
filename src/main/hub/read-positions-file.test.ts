import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SCHEMAS } from '../../shared/protocol'
import { tempDir } from '../../../test/support/ws-client'
import { SILENT_LOGGER, type Logger } from './logger'
import { ReadPositionsFile } from './read-positions-file'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

function file(options: { intervalMs?: number; logger?: Logger } = {}): {
  reads: ReadPositionsFile
  path: string
} {
  const dir = tempDir()
  cleanups.push(dir.remove)
  const path = join(dir.path, 'reads.json')
  const reads = new ReadPositionsFile(path, {
    schemas: SCHEMAS,
    maxPositions: 3,
    logger: options.logger ?? SILENT_LOGGER,
    intervalMs: options.intervalMs ?? 60_000,
  })
  cleanups.push(() => reads.close())
  return { reads, path }
}

const at = (seq: number) => [{ clientId: 'client-a', seq }]

describe('ReadPositionsFile', () => {
  it('writes at once, then at most once per interval, and the latest on close', () => {
    const { reads, path } = file()
    expect(reads.load()).toEqual([])
    reads.save(at(1))
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ v: 1, positions: at(1) })
    reads.save(at(2))
    reads.save(at(3))
    expect(reads.load()).toEqual(at(1))
    reads.close()
    expect(reads.load()).toEqual(at(3))
    reads.save(at(4))
    expect(reads.load()).toEqual(at(3))
  })

  it('writes the latest positions when the interval has passed', async () => {
    const { reads } = file({ intervalMs: 50 })
    reads.save(at(1))
    reads.save(at(2))
    reads.save(at(3))
    await expect.poll(() => reads.load()).toEqual(at(3))
  })

  it('starts empty, and says so, when the file is damaged or too large', () => {
    const warnings: string[] = []
    const logger: Logger = { ...SILENT_LOGGER, warn: (_fields, message) => warnings.push(message) }
    const { reads, path } = file({ logger })
    for (const content of [
      '{"v":1,"positions":[{"clientId":"x","seq":1}]}',
      '{"v":1,"positions":',
      JSON.stringify({ v: 1, positions: [...at(1), ...at(2), ...at(3), ...at(4)] }),
      'x'.repeat(100_000),
      '[]',
    ]) {
      writeFileSync(path, content)
      expect(reads.load()).toEqual([])
    }
    expect(warnings).toHaveLength(5)
  })
})
