/**
 * One member that sends the benchmark's chats (lib/chat.ts) at a steady rate, over plain ws,
 * answering the LAN Room hub's challenge with a proven hello. Each chat carries its send time,
 * so the receivers measure every delivery's latency; the sender counts its own chats coming
 * back (the echo), which proves the hub took them.
 */
import { SUBPROTOCOL, WS_PATH } from '../../src/shared/protocol'
import { CHAT_TEXT, chatId, isWelcome, parseChat, type ParsedChat } from './chat'
import { isChallenge, provenHello } from './hello'
import { nowUs, RawClient, textFrame } from './raw-ws'

const WELCOME_TIMEOUT_MS = 30_000

export interface SendResult {
  sent: number
  firstUs: number
  lastUs: number
}

export class PacedSender {
  echoes = 0
  private trial = -1
  private readonly parsed: ParsedChat = { trial: 0, sentUs: 0 }

  private constructor(readonly client: RawClient) {}

  static connect(port: number, name: string, tls = false): Promise<PacedSender> {
    return new Promise((resolve, reject) => {
      let sender: PacedSender | null = null
      let challenge: Buffer | null = null
      const answer = (): void => {
        if (!sender || !challenge) return
        const { client } = sender
        client.sendText(provenHello(client.connection, challenge, 0, challenge.length, name).text)
        challenge = null
      }
      const timer = setTimeout(() => reject(new Error(`${name}: no welcome`)), WELCOME_TIMEOUT_MS)
      RawClient.connect(
        { port, path: WS_PATH, protocol: SUBPROTOCOL, timeoutMs: WELCOME_TIMEOUT_MS, tls },
        {
          onText: (buf, start, end) => {
            if (isChallenge(buf, start, end)) {
              // It may come with the upgrade's response, before `sender` is set: answer then.
              challenge = Buffer.from(buf.subarray(start, end))
              return answer()
            }
            if (!sender) return
            if (parseChat(buf, start, end, sender.parsed)) {
              if (sender.parsed.trial === sender.trial) sender.echoes += 1
            } else if (isWelcome(buf, start, end)) {
              clearTimeout(timer)
              resolve(sender)
            }
          },
          onClose: () => {
            clearTimeout(timer)
            reject(new Error(`${name}: connection closed`))
          },
        },
      ).then(
        (client) => {
          sender = new PacedSender(client)
          answer()
        },
        (error: Error) => {
          clearTimeout(timer)
          reject(error)
        },
      )
    })
  }

  close(): void {
    this.client.close()
  }

  /** Sends `rate` chats a second for `durationMs`: each timer tick writes, at once, every chat
   * due by then. `tag` keeps the ids of several senders of one trial apart. */
  run(trial: number, tag: number, rate: number, durationMs: number): Promise<SendResult> {
    this.trial = trial
    this.echoes = 0
    const total = Math.max(1, Math.round((rate * durationMs) / 1000))
    const startUs = nowUs()
    return new Promise((resolve) => {
      let sent = 0
      let lastUs = startUs
      const tick = (): void => {
        const due = Math.min(total, 1 + Math.floor(((nowUs() - startUs) * rate) / 1e6))
        if (due > sent) {
          const frames: Buffer[] = []
          for (let i = sent; i < due; i++) {
            const id = chatId(trial, nowUs(), tag * 1_000_000 + i)
            frames.push(textFrame(JSON.stringify({ type: 'chat', id, text: CHAT_TEXT })))
          }
          this.client.write(Buffer.concat(frames))
          sent = due
          lastUs = nowUs()
        }
        if (sent >= total || this.client.closed) return resolve({ sent, firstUs: startUs, lastUs })
        const nextDueUs = startUs + (sent * 1e6) / rate
        setTimeout(tick, Math.max(0, Math.min(50, (nextDueUs - nowUs()) / 1000)))
      }
      tick()
    })
  }
}
