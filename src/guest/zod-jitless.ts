/**
 * zod probes once whether it may compile parsers with `new Function`. Under the hub's CSP (no
 * 'unsafe-eval') the probe throws and is caught, yet the browser still reports a CSP violation
 * on every page load (a console error in Firefox and Chromium, a `securitypolicyviolation`
 * event). Saying up front that there is no eval skips the probe; parsing is the same.
 * Imported first by main.ts, before any schema parses.
 */
import { config } from 'zod'

config({ jitless: true })
