/** A command that cannot be carried out, with a stable code and a sentence for people. */
export class ControllerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ControllerError'
  }
}
