/**
 * The bridge between the renderer and the main process, defined once.
 *
 * Main's handlers (src/main/bridge), the object the preload exposes as `window.lanroom`
 * (src/preload) and the renderer's calls (src/renderer/src/lib/bridge.ts) are all derived from
 * BRIDGE_CONTRACT, so a command or event added here is a type error everywhere it is not yet
 * handled. Main parses every argument with the schema below before a handler sees it: the
 * renderer shows content from other people on the network and is treated as untrusted.
 */
import { z } from 'zod'
import { SCHEMAS } from '../protocol'

export const SITUATIONS = ['idle', 'hosting', 'joined'] as const

const roomSchema = z.object({ id: z.string(), name: z.string() })

const appStateSchema = z.object({
  situation: z.enum(SITUATIONS),
  room: roomSchema.nullable(),
})

// The profile name is the display name the app sends in `hello`, so it follows the wire
// protocol's rule (trimmed, 1..LIMITS.maxNameLength, no control characters): a name the
// settings accept must never be one the hub refuses.
const profileSchema = z.object({ name: SCHEMAS.displayName })

/** Commands the renderer may call, and events main pushes to it. */
export const BRIDGE_CONTRACT = {
  commands: {
    /** The app's situation and room, for the first render; later changes arrive as onState. */
    getState: {
      args: z.undefined(),
      result: appStateSchema,
    },
    /** Changes the name other people see; returns the profile as stored (trimmed). */
    setProfile: {
      // Strict: an unexpected key means the renderer and main disagree, so it is refused.
      args: z.strictObject({ name: SCHEMAS.displayName }),
      result: profileSchema,
    },
  },
  events: {
    /** The app state changed (hosting started, a room was joined or left, ...). */
    onState: {
      payload: appStateSchema,
    },
  },
} as const satisfies {
  commands: Record<string, { args: z.ZodType; result: z.ZodType }>
  // Event names double as the exposed subscription functions (`lanroom.onState(listener)`).
  events: Record<`on${Capitalize<string>}`, { payload: z.ZodType }>
}

type Contract = typeof BRIDGE_CONTRACT
type Commands = Contract['commands']
type Events = Contract['events']

export type CommandName = keyof Commands & string
export type EventName = keyof Events & string

/** What the renderer passes to a command. */
export type CommandArgs<K extends CommandName> = z.input<Commands[K]['args']>
/** What main's handler receives: the arguments after parsing (trimmed, defaults applied). */
export type HandlerArgs<K extends CommandName> = z.output<Commands[K]['args']>
/** The value a command produces when it succeeds. */
export type CommandResult<K extends CommandName> = z.output<Commands[K]['result']>
export type EventPayload<K extends EventName> = z.output<Events[K]['payload']>

export type Situation = (typeof SITUATIONS)[number]
export type Room = z.output<typeof roomSchema>
export type AppState = z.output<typeof appStateSchema>
export type Profile = z.output<typeof profileSchema>

export const COMMAND_NAMES = Object.keys(BRIDGE_CONTRACT.commands) as CommandName[]
export const EVENT_NAMES = Object.keys(BRIDGE_CONTRACT.events) as EventName[]

const CHANNEL_PREFIX = 'lanroom'

export type CommandChannel<K extends CommandName = CommandName> =
  `${typeof CHANNEL_PREFIX}:cmd:${K}`
export type EventChannel<K extends EventName = EventName> = `${typeof CHANNEL_PREFIX}:evt:${K}`

/** The IPC channel a command travels on. Only this bridge uses the `lanroom:` prefix. */
export function commandChannel<K extends CommandName>(name: K): CommandChannel<K> {
  return `${CHANNEL_PREFIX}:cmd:${name}`
}

export function eventChannel<K extends EventName>(name: K): EventChannel<K> {
  return `${CHANNEL_PREFIX}:evt:${name}`
}

// Seen through these mapped types, indexing with a generic name yields a schema of exactly
// that entry's types; indexing BRIDGE_CONTRACT directly yields a union TypeScript cannot
// narrow. The assignments are checked, so the views cannot drift from the contract.
const TYPED_COMMANDS: {
  readonly [K in CommandName]: {
    readonly args: z.ZodType<HandlerArgs<K>>
    readonly result: z.ZodType<CommandResult<K>>
  }
} = BRIDGE_CONTRACT.commands

const TYPED_EVENTS: {
  readonly [K in EventName]: { readonly payload: z.ZodType<EventPayload<K>> }
} = BRIDGE_CONTRACT.events

export function argsSchema<K extends CommandName>(name: K): z.ZodType<HandlerArgs<K>> {
  return TYPED_COMMANDS[name].args
}

export function resultSchema<K extends CommandName>(name: K): z.ZodType<CommandResult<K>> {
  return TYPED_COMMANDS[name].result
}

export function payloadSchema<K extends EventName>(name: K): z.ZodType<EventPayload<K>> {
  return TYPED_EVENTS[name].payload
}
