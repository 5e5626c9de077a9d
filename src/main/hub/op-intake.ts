import { ERROR_CODES, type ChatMessage, type FileDeclaration } from '../../shared/protocol'
import type { ChatStates } from './chat-states'
import { BEHIND_RETRY_MS, FileWaits, type Judged } from './file-waits'
import type { RoomFiles } from './files/hub-files'
import type { HistoryWindow } from './history-window'
import { paceRefusal, type MemberPaces } from './pace'
import type { MemberLink, Seat } from './room'
import type { Origin, Proposal } from './room-log'
import { chatRefusal, opRefusal, type Refusal, type TimelineMessage } from './timeline-rules'
import type { TimelineStore } from './timeline-store'

/** An op that passed its member's pace, on its way to the log. */
interface Taken<L> {
  readonly link: L
  readonly seat: Seat
  readonly message: TimelineMessage
  /** Tells the pace the op was refused for now after it passed (see Pace.refusedLater). */
  readonly refusedLater: (retryAfterMs: number) => void
}

export interface OpIntakeOptions<L> {
  /** Chats per second per member (0: no limit), as refusals say. */
  rateLimit: number
  /** How many ops may wait behind a file chat (LIMITS.maxBehindFile). */
  maxBehindFile: number
  store: TimelineStore
  states: ChatStates
  files: RoomFiles | undefined
  history: HistoryWindow
  paces: MemberPaces
  /** The file a kept chat shares, or null (the host may delete file chats of others). */
  fileOf(seq: number): FileDeclaration | null
  /** Hands an op judged good to the room's log. */
  propose(proposal: Proposal, origin: Origin<L>): void
  /** The room closed: nothing waiting is judged any more. */
  closed(): boolean
}

/**
 * A member's timeline ops (chat, react, unreact, edit, delete), parsed, from their arrival to
 * the room's log: a resend of one already stamped is acknowledged again, to the sender only;
 * the rest are paced by the member's chat bucket (pace.ts), judged in the order the member
 * sent them (FileWaits: a file chat may wait for its upload check, and the member's next ops
 * behind it), checked against the rules (timeline-rules.ts) and proposed to the log.
 */
export class OpIntake<L extends MemberLink> {
  private readonly fileWaits: FileWaits<Taken<L>>

  constructor(private readonly options: OpIntakeOptions<L>) {
    this.fileWaits = new FileWaits<Taken<L>>(options.maxBehindFile, {
      member: (op) => op.seat.member.clientId,
      id: (op) => op.message.id,
      check: ({ message, seat }) =>
        message.type === 'chat' && message.file
          ? (options.files?.verifying(message.file.id, seat.member.clientId) ?? null)
          : null,
      judge: (op) => this.judge(op),
      stillWanted: ({ link, seat, message }) =>
        !options.closed() &&
        link.seat === seat &&
        !this.answeredEarlier(link, seat.member.clientId, message.id),
      refuse: ({ link, message, refusedLater }, sentence, retryAfterMs) => {
        refusedLater(retryAfterMs)
        link.reject(ERROR_CODES.rateLimited, sentence, { id: message.id, retryAfterMs })
      },
      dropped: (op) => op.refusedLater(BEHIND_RETRY_MS),
    })
  }

  /** An op `link` sent for its member (`seat`). */
  take(link: L, seat: Seat, message: TimelineMessage): void {
    const { history, paces } = this.options
    const { clientId } = seat.member
    if (this.answeredEarlier(link, clientId, message.id)) return
    const held = paceRefusal(paces.get(clientId), message.id, this.options.rateLimit)
    if (held) {
      const { code, message: sentence, retryAfterMs = 0 } = held
      return link.reject(code, sentence, { id: message.id, retryAfterMs })
    }
    const refusedLater = paces.laterRefusal(clientId, message.id, () =>
      Boolean(history.earlier(clientId, message.id)),
    )
    this.fileWaits.take({ link, seat, message, refusedLater })
  }

  /** `link` no longer speaks for its member (closed, or replaced): what it had waiting is
   * dropped, and counts as refused for now (see FileWaits.forget). */
  forget(clientId: string, link: L): void {
    this.fileWaits.forget(clientId, (op) => op.link === link)
  }

  /** A resend of something already stamped: acknowledged again, to the sender only. A hold
   * naming it is over: nothing can be stamped ahead of it now. */
  private answeredEarlier(link: L, clientId: string, id: string): boolean {
    const { history } = this.options
    const earlier = history.earlier(clientId, id)
    if (!earlier) return false
    this.options.paces.settled(clientId, id)
    const { frame, shared } = history.frameOf(earlier)
    link.send(frame, shared)
    return true
  }

  /** Checks an op against the rules and proposes it to the room's log, which stamps it and
   * hands it back to the room (at once, with one hub). */
  private judge({ link, seat, message, refusedLater }: Taken<L>): Judged {
    const { clientId, name } = seat.member
    const { store, states, paces } = this.options
    const timeline = { store, states }
    const refusal: Refusal | null =
      message.type === 'chat'
        ? (chatRefusal(message, timeline) ?? this.fileRefusal(message, clientId))
        : opRefusal(
            message,
            clientId,
            timeline,
            message.type === 'delete' &&
              seat.member.host &&
              this.options.fileOf(message.target) !== null,
          )
    if (refusal) {
      const { code, message: sentence, retryAfterMs } = refusal
      link.reject(code, sentence, { id: message.id, ...(retryAfterMs ? { retryAfterMs } : {}) })
      // Held as for the rate, or refused for good (it will not come again).
      if (code !== ERROR_CODES.rateLimited) {
        paces.settled(clientId, message.id)
        return 'refused'
      }
      const wait = retryAfterMs ?? BEHIND_RETRY_MS
      refusedLater(wait)
      return { retryAfterMs: wait }
    }
    const asked = message.type === 'chat' && message.mentionsRoom === true
    const roomMentionWait = asked ? paces.get(clientId).mentionRoom() : 0
    const mentionsRoom = asked && roomMentionWait === 0
    this.options.propose(
      { message, from: clientId, name, mentionsRoom },
      { link, roomMentionWait, refusedLater },
    )
    return 'taken'
  }

  /** Why a file chat is refused (docs/protocol.md, Files), or null; null for other chats. */
  private fileRefusal(chat: ChatMessage, clientId: string): Refusal | null {
    if (!chat.file) return null
    const files = this.options.files
    if (!files) {
      return { code: ERROR_CODES.unknownUpload, message: 'this room does not take files' }
    }
    return files.refusal(chat.file, clientId)
  }
}
