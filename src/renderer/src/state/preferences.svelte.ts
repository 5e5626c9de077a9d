import type { CommandArgs, Preferences, Theme } from '../../../shared/bridge'
import chimeUrl from '../assets/chime.wav'
import { bridge, type BridgeResult, type LanRoomApi } from '../lib/bridge'
import { errorText } from '../lib/error-text'
import { applyLanguageChoice } from '../lib/language-choice'
import { setTimeFormat } from '../lib/time'

/** The theme as the page shows it: an attribute on <html>, none for the system's choice. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset['theme']
  else root.dataset['theme'] = theme
}

/**
 * The person's preferences as main keeps them, for the settings panel and for what the window
 * applies itself: the theme, the time format, and the notification sound (main says when a
 * notification was shown: `onChime`).
 */
export class PreferencesState {
  /** Null until main has said what is stored. */
  value = $state<Preferences | null>(null)
  error = $state<string | null>(null)
  readonly #bridge: LanRoomApi
  #chime: HTMLAudioElement | null = null

  constructor(api: LanRoomApi) {
    this.#bridge = api
  }

  /** Loads and applies the stored preferences, and plays the sound when main asks. */
  async connect(): Promise<() => void> {
    const off = this.#bridge.onChime(() => this.chime())
    await this.refresh()
    return off
  }

  /** Asks main again (the settings panel does on opening). */
  async refresh(): Promise<void> {
    const result = await this.#bridge.getPreferences()
    if (result.ok) this.#take(result.value)
    else this.error = errorText(result.error)
  }

  /** Changes some preferences; what main kept (all of them) is taken and applied. */
  async set(changes: CommandArgs<'setPreferences'>): Promise<BridgeResult<Preferences>> {
    const result = await this.#bridge.setPreferences(changes)
    if (result.ok) this.#take(result.value)
    return result
  }

  /** Whether the room (by id) is muted. */
  muted(roomId: string): boolean {
    return this.value?.mutedRooms.includes(roomId) ?? false
  }

  /** The short notification sound (a bundled file: nothing is fetched from elsewhere). */
  chime(): void {
    if (this.value && !this.value.sounds) return
    this.#chime ??= new Audio(chimeUrl)
    this.#chime.currentTime = 0
    // Autoplay rules or a missing audio device: a sound is a courtesy, never an error.
    void this.#chime.play().catch(() => {})
  }

  #take(value: Preferences): void {
    this.value = value
    this.error = null
    applyTheme(value.theme)
    setTimeFormat(value.timeFormat)
    applyLanguageChoice(value.language)
  }
}

export const preferences = new PreferencesState(bridge)
