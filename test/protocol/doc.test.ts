/**
 * docs/protocol.md and the code must never disagree: every JSON example validates against the
 * schema of its direction (and says nothing the schema would drop), every signed hello in it
 * verifies, the transcripts it shows are what the code signs, and its tables of close codes,
 * error codes and limits are exactly the code's.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkHelloProof, clientIdOf, helloTranscript } from '../../src/main/security/identity'
import {
  CLOSE_CODES,
  ERROR_CODES,
  FINAL_CLOSE_CODES,
  LIMITS,
  SCHEMAS,
} from '../../src/shared/protocol'

const DOC = readFileSync(join(import.meta.dirname, '../../docs/protocol.md'), 'utf8')

interface Block {
  lang: string
  text: string
  /** The `## ` section it is in. */
  section: string
}

/** Fenced code blocks, with the section each is in. */
function blocks(markdown: string): Block[] {
  const found: Block[] = []
  let section = ''
  let open: { lang: string; lines: string[]; section: string } | null = null
  for (const line of markdown.split('\n')) {
    if (open) {
      if (line.trimStart().startsWith('```')) {
        found.push({ lang: open.lang, text: open.lines.join('\n'), section: open.section })
        open = null
      } else open.lines.push(line.replace(/^ {3}/, ''))
      continue
    }
    if (line.startsWith('## ')) section = line.slice(3)
    const fence = /^\s*```(\w*)/.exec(line)
    if (fence) open = { lang: fence[1] ?? '', lines: [], section }
  }
  return found
}

/** The rows of the first table after `heading`, as arrays of cells. */
function tableAfter(heading: string): string[][] {
  const start = DOC.indexOf(`\n${heading}\n`)
  expect(start, heading).toBeGreaterThan(0)
  const lines = DOC.slice(start).split('\n')
  const first = lines.findIndex((line) => line.startsWith('|'))
  const rows: string[][] = []
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break
    rows.push(
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    )
  }
  return rows
}

const unquote = (cell: string): string => cell.replace(/^`|`$/g, '')

const ALL = blocks(DOC)
const SCHEMA_OF_SECTION: Record<string, 'client' | 'hub' | 'info'> = {
  'HTTP: `GET /info` and other responses': 'info',
  'Client → hub messages': 'client',
  'Hub → client messages': 'hub',
}

function validate(value: unknown, kind: 'client' | 'hub' | 'info', where: string): void {
  const schema =
    kind === 'client' ? SCHEMAS.clientMessage : kind === 'hub' ? SCHEMAS.hubMessage : SCHEMAS.info
  const parsed = schema.safeParse(value)
  expect(parsed.success, `${where}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true)
  // Nothing the schema does not know (it would be dropped silently), nothing it would change.
  expect(parsed.data, where).toEqual(value)
}

describe('the JSON examples of docs/protocol.md', () => {
  it('validate against the schema of their section', () => {
    const json = ALL.filter((block) => block.lang === 'json')
    expect(json.length).toBeGreaterThanOrEqual(15)
    for (const block of json) {
      const kind = SCHEMA_OF_SECTION[block.section]
      expect(kind, `a JSON example in "${block.section}"`).toBeDefined()
      validate(JSON.parse(block.text), kind!, `${block.section}: ${block.text.slice(0, 60)}`)
    }
  })

  it('show every client and hub message type at least once', () => {
    const shown = { client: new Set<string>(), hub: new Set<string>() }
    for (const block of ALL.filter((b) => b.lang === 'json')) {
      const kind = SCHEMA_OF_SECTION[block.section]
      if (kind === 'client' || kind === 'hub') {
        shown[kind].add((JSON.parse(block.text) as { type: string }).type)
      }
    }
    expect(shown.client).toEqual(
      new Set(SCHEMAS.clientMessage.options.map((o) => o.shape.type.value)),
    )
    expect(shown.hub).toEqual(new Set(SCHEMAS.hubMessage.options.map((o) => o.shape.type.value)))
  })

  it('validate in the example sessions: → frames as client messages, ← frames as hub messages', () => {
    let frames = 0
    for (const block of ALL.filter((b) => b.lang === 'text')) {
      for (const line of block.text.split('\n')) {
        const frame = /^(\w+)\s+(→|←) (\{.*\})$/.exec(line)
        if (!frame) continue
        frames += 1
        validate(JSON.parse(frame[3]!), frame[2] === '→' ? 'client' : 'hub', line.slice(0, 80))
      }
    }
    expect(frames).toBeGreaterThan(20)
  })
})

describe('the signed hellos of docs/protocol.md', () => {
  const info = JSON.parse(
    ALL.find((block) => block.lang === 'json' && block.text.includes('"fingerprint"'))!.text,
  ) as { fingerprint: string }

  it('every hello in the examples proves its id for the challenge before it', () => {
    let proven = 0
    for (const block of ALL.filter((b) => b.lang === 'text')) {
      const challenges = new Map<string, string>()
      for (const line of block.text.split('\n')) {
        const frame = /^(\w+)\s+(→|←) (\{.*\})$/.exec(line)
        if (!frame) continue
        const message = JSON.parse(frame[3]!) as Record<string, string>
        if (message['type'] === 'challenge') challenges.set(frame[1]!, message['nonce']!)
        if (message['type'] !== 'hello') continue
        const nonce = challenges.get(frame[1]!)
        expect(nonce, `a challenge before ${frame[1]}'s hello`).toBeDefined()
        const proof = {
          clientId: message['clientId']!,
          key: message['key']!,
          sig: message['sig']!,
          nonce: nonce!,
          fingerprint: info.fingerprint,
          login: message['login'],
        }
        expect(checkHelloProof(proof), line.slice(0, 60)).toBeNull()
        // And not over any other reading of the transcript.
        expect(
          checkHelloProof({ ...proof, login: proof.login === undefined ? '' : undefined }),
        ).toBe(proof.login === undefined ? null : 'the signature does not match')
        proven += 1
      }
    }
    expect(proven).toBe(3)
  })

  it('the transcripts shown are exactly what is signed, line feeds included', () => {
    const transcripts = ALL.filter(
      (block) => block.lang === 'text' && block.text.startsWith('lanroom.v1 hello\n'),
    )
    // The template, Bob's (no login) and Carol's (with a login).
    expect(transcripts).toHaveLength(3)
    const [, bob, carol] = transcripts as [Block, Block, Block]
    for (const shown of [bob, carol]) {
      const [, nonce, fingerprint, clientId, login] = shown.text.split('\n') as string[]
      expect(clientId).toMatch(/^[A-Za-z0-9_-]{22}$/)
      const signed = helloTranscript({
        nonce: nonce!,
        fingerprint: fingerprint!,
        clientId: clientId!,
        login: login === '' ? undefined : login,
      })
      expect(shown.text).toBe(signed)
    }
    // Without a login the transcript ends with the line feed after the client id; with one,
    // with the login itself.
    expect(bob.text.endsWith('_oEsEvOrTOasXbaaw1L5Bs\n')).toBe(true)
    expect(carol.text.endsWith('\n')).toBe(false)
    expect(bob.text.split('\n').length - 1).toBe(4)
    expect(carol.text.split('\n').length - 1).toBe(4)
    // Bob's hello example carries the signature of his transcript.
    const hello = JSON.parse(
      ALL.find((block) => block.lang === 'json' && block.text.includes('"type": "hello"'))!.text,
    ) as { key: string; sig: string; clientId: string }
    expect(clientIdOf(hello.key)).toBe(hello.clientId)
    const [, nonce, fingerprint] = bob.text.split('\n') as string[]
    expect(checkHelloProof({ ...hello, nonce: nonce!, fingerprint: fingerprint! })).toBeNull()
  })
})

describe('the tables of docs/protocol.md', () => {
  it('close codes: exactly CLOSE_CODES (and the standard ones a client sees), final exactly as FINAL_CLOSE_CODES', () => {
    const rows = tableAfter('## Close codes')
    const codes = rows.map((row) => Number(row[0]))
    for (const code of Object.values(CLOSE_CODES)) expect(codes, String(code)).toContain(code)
    const standard = new Set([1000, 1002, 1006])
    for (const code of codes) {
      expect(
        standard.has(code) || (Object.values(CLOSE_CODES) as number[]).includes(code),
        String(code),
      ).toBe(true)
    }
    const final = rows.filter((row) => row[3] === 'yes').map((row) => Number(row[0]))
    expect(new Set(final)).toEqual(new Set(FINAL_CLOSE_CODES))
    for (const row of rows) expect(['yes', 'no', '—'], row[0]).toContain(row[3])
  })

  it("the checklist's list of final close codes is FINAL_CLOSE_CODES", () => {
    const start = DOC.indexOf('**Do not\n    reconnect on your own after a final close code**')
    const sentence = DOC.slice(
      DOC.indexOf('after a final close code', start),
      DOC.indexOf('nor after any close that follows', start),
    )
    const listed = [...sentence.matchAll(/\b(\d{4})\b/g)].map((match) => Number(match[1]))
    expect(new Set(listed)).toEqual(new Set(FINAL_CLOSE_CODES))
  })

  it('error codes: exactly ERROR_CODES', () => {
    const codes = tableAfter('## Error codes').map((row) => unquote(row[0]!))
    expect(new Set(codes)).toEqual(new Set(Object.values(ERROR_CODES)))
    expect(codes).toHaveLength(Object.values(ERROR_CODES).length)
  })

  it('limits: every LIMITS entry, with its value', () => {
    const rows = tableAfter('## Limits')
    const documented = new Map(rows.map((row) => [unquote(row[0]!), row[1]!]))
    expect(new Set(documented.keys())).toEqual(new Set(Object.keys(LIMITS)))
    const UNITS: Record<string, number> = { KiB: 1024, MiB: 1024 * 1024 }
    for (const [name, cell] of documented) {
      const match = /^([\d,.]+)\s*(KiB|MiB)?/.exec(cell)
      expect(match, `${name}: ${cell}`).not.toBeNull()
      const value = Number(match![1]!.replaceAll(',', '')) * (UNITS[match![2] ?? ''] ?? 1)
      expect(value, name).toBe(LIMITS[name as keyof typeof LIMITS])
    }
  })
})
