import { userInfo } from 'node:os'
import { SCHEMAS } from '../../shared/protocol'

const FALLBACK_NAME = 'Guest'

/**
 * A first name before the person picks one: their login name when it is a valid display
 * name (the rule the hub applies), else a neutral one.
 */
export function defaultProfileName(readUserName: () => string = () => userInfo().username): string {
  let candidate: string
  try {
    candidate = readUserName()
  } catch {
    // userInfo() throws when the user has no passwd entry (some containers).
    return FALLBACK_NAME
  }
  const parsed = SCHEMAS.displayName.safeParse(candidate)
  return parsed.success ? parsed.data : FALLBACK_NAME
}
