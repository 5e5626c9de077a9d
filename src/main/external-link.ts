/**
 * Which links leave the app for the system browser: http and https only. Links come from chat
 * text, so they are untrusted; file:, smb:, javascript: or an application's own scheme must never
 * reach shell.openExternal (src/main/index.ts) nor be offered for copying (context-menu.ts).
 */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}
