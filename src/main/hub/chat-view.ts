import type { ChatEvent, TimelineEvent } from '../../shared/protocol'
import type { ChatStates } from './chat-states'
import type { RoomFiles } from './files/hub-files'

/**
 * A kept chat as members see it now: its edits and its delete applied from the overlay of chat
 * states, and its file marked `expired` once the room no longer has the bytes. Events are
 * found through `find` (the history window while recent, the store after that).
 */
export class ChatView {
  constructor(
    private readonly states: ChatStates,
    private readonly find: (seq: number) => TimelineEvent | undefined,
    private readonly files: RoomFiles | undefined,
  ) {}

  /** A kept chat as it stands now. */
  materialize(chat: ChatEvent): ChatEvent {
    const now = this.states.materialize(chat, (seq) => this.editText(seq))
    if (!now.file) return now
    if (this.files?.available(now.file.id)) return now
    return { ...now, file: { ...now.file, expired: true } }
  }

  /** A chat's current text; null once deleted. */
  currentText(chat: ChatEvent): string | null {
    const state = this.states.get(chat.seq)
    if (!state) return chat.text
    if (state.deleted) return null
    return (state.editSeq > 0 ? this.editText(state.editSeq) : undefined) ?? chat.text
  }

  /** The text of an edit. */
  private editText(seq: number): string | undefined {
    const event = this.find(seq)
    return event?.type === 'edit' ? event.text : undefined
  }
}
