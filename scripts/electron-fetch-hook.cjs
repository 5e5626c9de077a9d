// Loaded with `node --require` into Electron's own installer (node_modules/electron/install.js)
// by scripts/electron-app.ts, over an IPC channel. Node's fetch fails with nothing but
// "fetch failed"; the reason a person can act on (ECONNREFUSED, ENOTFOUND, a certificate
// error) is in error.cause, which the installer does not print. This reports it, and the URL,
// to the parent. It changes nothing else: the installer fetches, checks and unpacks as usual.
'use strict'

const originalFetch = globalThis.fetch

function report(message) {
  try {
    if (typeof process.send === 'function' && process.connected) process.send(message)
  } catch {
    // The parent went away: nothing to tell.
  }
}

function describe(error) {
  if (error === null || typeof error !== 'object') return String(error)
  const code = typeof error.code === 'string' ? error.code : ''
  const message = typeof error.message === 'string' ? error.message : String(error)
  return code !== '' && !message.includes(code) ? `${code}: ${message}` : message
}

if (typeof originalFetch === 'function') {
  globalThis.fetch = async function fetchReporting(input, init) {
    const url = typeof input === 'object' && input !== null && 'url' in input ? input.url : input
    report({ kind: 'request', url: String(url) })
    try {
      const response = await originalFetch(input, init)
      report({ kind: 'response', url: String(url), status: response.status })
      return response
    } catch (error) {
      const cause = error !== null && typeof error === 'object' ? error.cause : undefined
      report({ kind: 'failed', url: String(url), reason: describe(cause ?? error) })
      throw error
    }
  }
}
