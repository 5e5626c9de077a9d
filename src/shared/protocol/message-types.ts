import type { z } from 'zod'
import type { Schemas } from './messages'

/* The TypeScript types of the wire messages, inferred from the schemas in messages.ts. */

export type HelloMessage = z.infer<Schemas['hello']>
export type LoginFinishMessage = z.infer<Schemas['loginFinish']>
export type ChallengeMessage = z.infer<Schemas['challenge']>
export type LoginMessage = z.infer<Schemas['login']>
export type ChatMessage = z.infer<Schemas['chat']>
export type TypingMessage = z.infer<Schemas['typing']>
export type ReactMessage = z.infer<Schemas['react']>
export type UnreactMessage = z.infer<Schemas['unreact']>
export type EditMessage = z.infer<Schemas['edit']>
export type DeleteMessage = z.infer<Schemas['delete']>
export type ReadMessage = z.infer<Schemas['read']>
export type HistoryRequest = z.infer<Schemas['history']>
export type SearchRequest = z.infer<Schemas['search']>
export type ClientMessage = z.infer<Schemas['clientMessage']>

export type Member = z.infer<Schemas['member']>
export type ChatEvent = z.infer<Schemas['chatEvent']>
export type Reaction = z.infer<Schemas['reaction']>
export type ReactEvent = z.infer<Schemas['reactEvent']>
export type UnreactEvent = z.infer<Schemas['unreactEvent']>
export type EditEvent = z.infer<Schemas['editEvent']>
export type DeleteEvent = z.infer<Schemas['deleteEvent']>
/** A timeline event other than a chat (reactions, edits, deletes). */
export type OpEvent = z.infer<Schemas['opEvent']>
/** Every event that takes a seq. */
export type TimelineEvent = ChatEvent | OpEvent
export type ReadPosition = z.infer<Schemas['readPosition']>
export type ReadsMessage = z.infer<Schemas['reads']>
export type PageMessage = z.infer<Schemas['page']>
export type SearchMatch = z.infer<Schemas['match']>
export type ResultsMessage = z.infer<Schemas['results']>
export type ExpiredMessage = z.infer<Schemas['expired']>
/** A file as a member declares it in a chat. */
export type FileDeclaration = z.infer<Schemas['file']>
export type WelcomeMessage = z.infer<Schemas['welcome']>
export type JoinedMessage = z.infer<Schemas['joined']>
export type RenamedMessage = z.infer<Schemas['renamed']>
export type LeftMessage = z.infer<Schemas['left']>
export type LeaveReason = LeftMessage['reason']
export type TypingEvent = z.infer<Schemas['typingEvent']>
export type ErrorMessage = z.infer<Schemas['error']>
export type ClosingMessage = z.infer<Schemas['closing']>
export type HubMessage = z.infer<Schemas['hubMessage']>
export type RoomInfo = z.infer<Schemas['info']>
