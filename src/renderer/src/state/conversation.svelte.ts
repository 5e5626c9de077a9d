/**
 * What the person is doing with the messages of the room, shared by the timeline and the
 * composer: the message being answered, the one being edited, the search panel.
 */
export interface ReplyTarget {
  seq: number
  name: string
  text: string
}

export class ConversationState {
  /** The message the next one answers ("Replying to NAME"). */
  replyTo = $state.raw<ReplyTarget | null>(null)
  /** The key of the message being edited in place. */
  editingKey = $state<string | null>(null)
  searchOpen = $state(false)
  /** Bumped to put the focus back in the composer (after choosing Reply, for instance). */
  composerFocus = $state(0)

  reply(target: ReplyTarget): void {
    this.replyTo = target
    this.editingKey = null
    this.composerFocus++
  }

  reset(): void {
    this.replyTo = null
    this.editingKey = null
    this.searchOpen = false
  }
}

export const conversation = new ConversationState()
