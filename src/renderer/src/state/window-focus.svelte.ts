/**
 * Whether the person can see the window: it is focused and not hidden (minimised, another
 * workspace). The room counts as read only then.
 */
export class WindowFocus {
  focused = $state(document.hasFocus())
  visible = $state(document.visibilityState === 'visible')

  /** Listens for the app's lifetime. */
  constructor() {
    window.addEventListener('focus', () => (this.focused = true))
    window.addEventListener('blur', () => (this.focused = false))
    document.addEventListener('visibilitychange', () => {
      this.visible = document.visibilityState === 'visible'
      this.focused = document.hasFocus()
    })
  }

  get seen(): boolean {
    return this.focused && this.visible
  }
}

export const windowFocus = new WindowFocus()
