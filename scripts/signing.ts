/**
 * Whether an installer build signs and notarizes, decided from environment variables only, and
 * what to tell the person building when it does not (scripts/dist.ts prints it).
 *
 * electron-builder on its own signs with whatever identity it finds in the macOS keychain and
 * logs terse warnings when it finds none. Here signing happens exactly when its variables are
 * set, every skip says which variables would enable it, and a half-configured notarization
 * fails before a long build rather than after it.
 */

export type DistPlatform = 'win' | 'mac' | 'linux'

export interface SigningPlan {
  /** Variables to set for electron-builder (a value of `undefined` removes the variable). */
  env: Record<string, string | undefined>
  /** Extra electron-builder arguments. */
  args: string[]
  /** Lines for the person building. */
  messages: string[]
  /** Set when the variables contradict each other: the build must not start. */
  error?: string
}

/** The variable sets electron-builder accepts for notarization (any one complete set). */
export const NOTARIZE_SETS = [
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE'],
] as const

type Env = Readonly<Record<string, string | undefined>>

/** CI systems pass unset secrets as empty strings: treat those as absent. */
const has = (env: Env, name: string): boolean => (env[name] ?? '').trim() !== ''

export function signingPlan(platform: DistPlatform, env: Env): SigningPlan {
  const plan: SigningPlan = { env: {}, args: [], messages: [] }
  // An empty CSC_LINK or CSC_NAME would still be read as "sign with this": drop them.
  for (const name of ['CSC_LINK', 'CSC_NAME', 'CSC_KEY_PASSWORD', 'WIN_CSC_LINK']) {
    if (name in env && !has(env, name)) plan.env[name] = undefined
  }

  if (platform === 'mac') {
    const signing = has(env, 'CSC_LINK') || has(env, 'CSC_NAME')
    if (!signing) {
      // Without this, electron-builder signs with any identity it finds in the keychain.
      plan.env.CSC_IDENTITY_AUTO_DISCOVERY = 'false'
      plan.args.push('-c.mac.notarize=false')
      plan.messages.push(
        'macOS code signing skipped: set CSC_LINK (a "Developer ID Application" certificate as ' +
          'a .p12 file path or base64) and CSC_KEY_PASSWORD, or CSC_NAME to use one from the ' +
          'keychain. The app is ad-hoc signed only: Gatekeeper blocks it on other Macs.',
        'macOS notarization skipped: the app is not signed.',
      )
      return plan
    }
    plan.messages.push(
      `macOS code signing: ${has(env, 'CSC_LINK') ? 'certificate from CSC_LINK' : `keychain identity "${env.CSC_NAME}"`}.`,
    )
    const complete = NOTARIZE_SETS.find((set) => set.every((name) => has(env, name)))
    const partial = NOTARIZE_SETS.find((set) => set.some((name) => has(env, name)))
    if (complete !== undefined) {
      plan.messages.push(`macOS notarization: with ${complete.join(', ')}.`)
    } else if (partial !== undefined) {
      const missing = partial.filter((name) => !has(env, name))
      plan.error =
        `macOS notarization is half configured: ${missing.join(', ')} missing ` +
        `(set all of ${partial.join(', ')}, or none to skip notarization).`
    } else {
      plan.args.push('-c.mac.notarize=false')
      plan.messages.push(
        'macOS notarization skipped: set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER ' +
          '(an App Store Connect API key), or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and ' +
          'APPLE_TEAM_ID. Without it Gatekeeper warns on other Macs.',
      )
    }
    return plan
  }

  if (platform === 'win') {
    if (has(env, 'WIN_CSC_LINK') || has(env, 'CSC_LINK')) {
      const from = has(env, 'WIN_CSC_LINK') ? 'WIN_CSC_LINK' : 'CSC_LINK'
      plan.messages.push(`Windows code signing: certificate from ${from}.`)
    } else {
      plan.messages.push(
        'Windows code signing skipped: set WIN_CSC_LINK (a code signing certificate as a .pfx ' +
          'file path or base64) and WIN_CSC_KEY_PASSWORD. Unsigned installers get a SmartScreen ' +
          'warning.',
      )
    }
    return plan
  }

  plan.messages.push('Linux packages are not signed (AppImage, deb and rpm need no signature).')
  return plan
}
