import type { BridgeResult } from '../lib/bridge'
import { errorText } from '../lib/error-text'

/**
 * What a form or button asks of main, as its control shows it: busy while the request is under
 * way (so that it is not sent twice), then main's refusal as a sentence, or nothing. One per
 * control, made in its component.
 */
export class BridgeCall {
  busy = $state(false)
  error = $state<string | null>(null)

  async run<T>(request: () => Promise<BridgeResult<T>>): Promise<BridgeResult<T>> {
    this.busy = true
    this.error = null
    const result = await request()
    this.busy = false
    if (!result.ok) this.error = errorText(result.error)
    return result
  }

  /** `run` with the text trimmed; blank text gets `whenBlank` as its error, and main is not asked. */
  async withText<T>(
    text: string,
    whenBlank: string,
    request: (trimmed: string) => Promise<BridgeResult<T>>,
  ): Promise<BridgeResult<T> | null> {
    const trimmed = text.trim()
    if (trimmed === '') {
      this.error = whenBlank
      return null
    }
    return this.run(() => request(trimmed))
  }
}
