import type {
  CommandResult,
  ConnectionView,
  MemberView,
  NoticeParams,
  RoomView,
  TimelinePatch,
} from '../../shared/bridge'
import type { ClosedState, PeerInfo } from '../connection'
import type { FileTarget } from '../files/target'
import type { ChatEvent, FileDeclaration } from '../../shared/protocol'
import type { ClientIdentity } from '../security/identity'
import type { PendingChat } from './timeline-view'

/** What the controller shows of a room connection; room-session.ts builds it on the client. */
export interface SessionView {
  room: { id: string; name: string; hostName: string } | null
  connection: ConnectionView
  members: MemberView[]
  typing: Array<{ clientId: string; name: string }>
  maxTextLength: number
  /** The certificate the room's connection presented, the last one while reconnecting or
   * after the room ended (null: plain ws, or never connected). */
  fingerprint: string | null
  /** What the room's hub does beyond plain chat (its welcome's features). */
  features: string[]
  /** How far the others have read, with their names (see RoomView.reads). */
  reads: NonNullable<RoomView['reads']>
  /** Files in the room (feature `files` and a credential), or null. */
  files?: { enabled: boolean; maxFileBytes: number } | null
}

/** What a chat carries besides its text. */
export interface ChatOptions {
  replyTo?: number
  mentions?: readonly string[]
  mentionsRoom?: boolean
}

/** A chat from someone else arrived (for notifications and the unread count). */
export interface IncomingChat {
  name: string
  text: string
  /** It mentions you (by your client id, or the whole room): notified even when the room
   * would not be. */
  mention: boolean
}

/** What a session tells the person: a stable code and its values for the window's catalogue
 * (`errors.<code>`), and main's English sentence. */
export interface SessionNotice {
  code: string
  message: string
  params?: NoticeParams
}

export type SessionEvents = {
  /** The view changed (connection state, members, typing). */
  change: []
  timeline: [TimelinePatch]
  incoming: [IncomingChat]
  /** Something the hub said that is not about one message, or an op's refusal (shown to the
   * person). */
  notice: [SessionNotice]
  /** How a long task goes (opening the timeline far back), for the person. */
  progress: [SessionNotice]
}

/** One room connection as the controller uses it. */
export interface RoomSession {
  /** Settles when the first connection is made; rejects saying why it could not be. */
  readonly ready: Promise<void>
  /** How the connection ended for good, once it has (why `ready` rejected, for one). */
  readonly ended: ClosedState | null
  on<K extends keyof SessionEvents>(
    event: K,
    listener: (...args: SessionEvents[K]) => void,
  ): unknown
  /** What the window shows of it: the same object until something in it changes (so that the
   * snapshot reuses what did not), its lists never modified once handed out. */
  readonly view: SessionView
  /** The whole timeline, as a reset patch. */
  timeline(): TimelinePatch
  /** Queues a chat; returns its message id. */
  send(text: string, options?: ChatOptions): string
  /** Reactions, edits and deletes: queued like chats; a refusal is told as a notice. They
   * throw a ControllerError for what can be told at once (not your message, not supported). */
  react(seq: number, emoji: string): void
  unreact(seq: number, emoji: string): void
  edit(seq: number, text: string): void
  remove(seq: number): void
  /** Loads a page of older messages (an `older` patch). */
  loadOlder(): Promise<CommandResult<'loadOlder'>>
  search(text: string, before?: number): Promise<CommandResult<'search'>>
  /** Loads older pages until the chat at `seq` is in the timeline. */
  openAt(seq: number): Promise<void>
  /** Tells the room how far you have read (the last seq received). */
  markRead(): void
  retry(id: string): void
  discard(id: string): void
  setTyping(active: boolean): void
  retryNow(): void
  /** Changes the name the room knows you by (the others see `renamed`). */
  rename(name: string): void
  /** Leaves (close code 1000) after trying briefly to deliver what is queued. */
  close(): Promise<void>
  /** Files (feature `files`): the room's file endpoints, or null without the feature. */
  fileTarget?(): FileTarget | null
  /** Shares a finished upload as a file chat (outbox); resolves with its stamped copy. */
  sendFile?(
    file: FileDeclaration,
    options: { caption?: string; replyTo?: number; id?: string },
  ): Promise<ChatEvent>
  /** Your files being hashed or uploaded, shown as pending chats until they are sent. */
  showUploads?(uploads: readonly PendingChat[]): void
  /** The loaded chat at `seq`, if any. */
  chatAt?(seq: number): ChatEvent | undefined
}

export interface SessionOptions {
  /** Hub URLs to try, in order. */
  urls: string[]
  /** The room's id, when known (from the directory): lets a lost room be found again. */
  roomId: string | null
  name: string
  identity: ClientIdentity
  /** The room's passphrase, when it has one. */
  passphrase?: string
  /** Checks each connection's certificate before anything is sent (see RoomConnection). */
  verifyPeer?: (peer: PeerInfo) => string | null
  /** Where the room can be reached now, looked up again before each reconnect. */
  resolveCandidates?: (roomId: string) => Promise<string[]>
}

export type SessionFactory = (options: SessionOptions) => RoomSession
