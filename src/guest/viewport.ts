/**
 * Keeps the page the height of what is visible above a phone's on-screen keyboard: the
 * visualViewport shrinks when the keyboard opens, the layout viewport often does not, and the
 * composer (at the bottom) would be hidden under it. CSS reads --guest-viewport-height.
 */
const viewport = window.visualViewport
if (viewport) {
  const root = document.documentElement
  const fit = (): void => {
    root.style.setProperty('--guest-viewport-height', `${Math.round(viewport.height)}px`)
  }
  viewport.addEventListener('resize', fit)
  fit()
}
