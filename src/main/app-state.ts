/**
 * The app's state as the window sees it, kept in memory for now. Plain Node: the controller
 * (hosting, joining) and persisted settings will drive it later; index.ts only wires it to
 * the bridge.
 */
import { userInfo } from 'node:os'
import { argsSchema, type AppState, type Profile } from '../shared/bridge'
import type { BridgeHandlers } from './bridge/dispatch'

export type AppStateListener = (state: AppState) => void

const INITIAL_STATE: AppState = Object.freeze({ situation: 'idle', room: null })
const FALLBACK_NAME = 'Guest'

export class AppStateStore {
  #state: AppState = INITIAL_STATE
  #profile: Profile
  readonly #listeners = new Set<AppStateListener>()

  constructor(options: { profile: Profile }) {
    this.#profile = freezeProfile(options.profile)
  }

  /** Frozen: callers share one object, so nobody may change it behind the listeners' backs. */
  get state(): AppState {
    return this.#state
  }

  get profile(): Profile {
    return this.#profile
  }

  setState(next: AppState): void {
    this.#state = Object.freeze({
      situation: next.situation,
      room: next.room === null ? null : Object.freeze({ ...next.room }),
    })
    for (const listener of this.#listeners) listener(this.#state)
  }

  setProfile(profile: Profile): Profile {
    this.#profile = freezeProfile(profile)
    return this.#profile
  }

  subscribe(listener: AppStateListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }
}

/** The bridge commands served by the store. */
export function createAppStateHandlers(store: AppStateStore): BridgeHandlers {
  return {
    getState: () => store.state,
    setProfile: (args) => store.setProfile({ name: args.name }),
  }
}

/**
 * A first name before the person picks one: their login name when it is a valid display
 * name (the same rule setProfile applies), else a neutral one.
 */
export function defaultProfileName(readUserName: () => string = () => userInfo().username): string {
  let candidate: string
  try {
    candidate = readUserName()
  } catch {
    // userInfo() throws when the user has no passwd entry (some containers).
    return FALLBACK_NAME
  }
  const parsed = argsSchema('setProfile').safeParse({ name: candidate })
  return parsed.success ? parsed.data.name : FALLBACK_NAME
}

function freezeProfile(profile: Profile): Profile {
  return Object.freeze({ name: profile.name })
}
