import {
  deletedChat,
  type ChatEvent,
  type Reaction,
  type TimelineEvent,
} from '../../shared/protocol'

/** What the room's ops have made of one chat (only chats some op has touched have one). */
export interface ChatState {
  deleted: boolean
  /** The seq of the edit whose text is current, or 0 (never edited). */
  editSeq: number
  /** Every edit of the chat: a delete removes all their texts. */
  readonly edits: number[]
  /** Who reacted with each emoji, in the order the emoji first came. */
  readonly reactions: Map<string, Set<string>>
  /** (member, emoji) pairs, all emoji together. */
  reactionCount: number
}

/** Why a reaction would not be stamped. */
export type ReactionRefusal = 'no_change' | 'too_many_reactions' | null

/**
 * The overlay of chat states: per chat seq, whether it is deleted, its current edit and its
 * reactions, as every kept react/unreact/edit/delete left them. Chats themselves stay as
 * stamped (in the window and the store); `materialize` gives a chat as it stands now. It is
 * rebuilt at start from every kept event, and loses the chats the history budget drops, so
 * it never holds more than the kept history does.
 */
export class ChatStates {
  private readonly states = new Map<number, ChatState>()

  constructor(
    private readonly limits: { maxReactionEmoji: number; maxReactionsPerMessage: number },
  ) {}

  /** Chats with a state (for memory checks). */
  get size(): number {
    return this.states.size
  }

  get(seq: number): ChatState | undefined {
    return this.states.get(seq)
  }

  isDeleted(seq: number): boolean {
    return this.states.get(seq)?.deleted ?? false
  }

  /** Takes one stamped timeline event into account (chats themselves change nothing). */
  apply(event: TimelineEvent): void {
    if (event.type === 'chat') return
    const state = this.stateOf(event.target)
    switch (event.type) {
      case 'react': {
        let from = state.reactions.get(event.emoji)
        if (!from) state.reactions.set(event.emoji, (from = new Set()))
        if (!from.has(event.from)) state.reactionCount += 1
        from.add(event.from)
        break
      }
      case 'unreact': {
        const from = state.reactions.get(event.emoji)
        if (from?.delete(event.from)) state.reactionCount -= 1
        if (from?.size === 0) state.reactions.delete(event.emoji)
        break
      }
      case 'edit':
        state.edits.push(event.seq)
        if (event.seq > state.editSeq) state.editSeq = event.seq
        break
      case 'delete':
        state.deleted = true
        // A deleted chat shows neither reactions nor an edit; the edits' texts are redacted.
        state.reactions.clear()
        state.reactionCount = 0
        break
    }
  }

  /** Whether `from` reacting (or unreacting) with `emoji` on chat `seq` would be refused. */
  reactionRefusal(seq: number, from: string, emoji: string, add: boolean): ReactionRefusal {
    const state = this.states.get(seq)
    const has = state?.reactions.get(emoji)?.has(from) ?? false
    if (add === has) return 'no_change'
    if (!add || !state) return null
    if (!state.reactions.has(emoji) && state.reactions.size >= this.limits.maxReactionEmoji) {
      return 'too_many_reactions'
    }
    if (state.reactionCount >= this.limits.maxReactionsPerMessage) return 'too_many_reactions'
    return null
  }

  /** The budget dropped every event up to `seq`: their states go with them. */
  dropUpTo(seq: number): void {
    for (const key of this.states.keys()) if (key <= seq) this.states.delete(key)
  }

  /**
   * The chat as it stands: `editText` is the text of its current edit (state.editSeq), which
   * the caller reads from wherever the edit is kept. Unchanged chats come back as they are.
   */
  materialize(chat: ChatEvent, editText?: (editSeq: number) => string | undefined): ChatEvent {
    const state = this.states.get(chat.seq)
    if (!state) return chat
    if (state.deleted) return deletedChat(chat)
    const out: ChatEvent = { ...chat }
    delete out.edited
    delete out.reactions
    if (state.editSeq > 0) {
      const text = editText?.(state.editSeq)
      if (text !== undefined) {
        out.text = text
        out.edited = true
      }
    }
    if (state.reactions.size > 0) {
      const reactions: Reaction[] = []
      for (const [emoji, from] of state.reactions) reactions.push({ emoji, from: [...from] })
      out.reactions = reactions
    }
    return out
  }

  private stateOf(seq: number): ChatState {
    let state = this.states.get(seq)
    if (!state) {
      state = { deleted: false, editSeq: 0, edits: [], reactions: new Map(), reactionCount: 0 }
      this.states.set(seq, state)
    }
    return state
  }
}
