import { Command, type HelpContext } from 'commander'

/**
 * A commander Command whose usage errors are one line, like every other: commander answers a
 * missing command (`lanroom`, `lanroom cluster`) and `lanroom help NOSUCH` with the whole help
 * on stderr, which buries the mistake in a page a script's log keeps. --help and `lanroom help
 * [COMMAND]` still print the help (on stdout, exit 0).
 */
export class UsageCommand extends Command {
  override createCommand(name?: string): UsageCommand {
    return new UsageCommand(name)
  }

  override help(context?: HelpContext | ((text: string) => string)): never {
    if (typeof context === 'object' && context.error) this.error(this.usageMistake(), USAGE_ERROR)
    // The overloads of help() cannot be called with their union.
    return typeof context === 'function' ? super.help(context) : super.help(context)
  }

  /** What is wrong: `help` given an unknown command, or no command at all. */
  private usageMistake(): string {
    const path = commandPath(this)
    const [first, second] = this.args
    if (first === 'help' && second !== undefined) {
      return `unknown command '${second}' (run ${path} --help)`
    }
    const names = this.commands.map((command) => command.name()).filter((name) => name !== 'help')
    const to = this.parent === null ? '' : ` to ${path}`
    return `no command given${to}: one of ${names.join(', ')} (run ${path} --help)`
  }
}

/** A bad command line: exit code 2, as for every other usage error (index.ts). */
const USAGE_ERROR = { exitCode: 2, code: 'lanroom.usage' }

/** `lanroom cluster`: the names from the program down to `command`. */
function commandPath(command: Command): string {
  const names: string[] = []
  for (let at: Command | null = command; at !== null; at = at.parent) names.unshift(at.name())
  return names.join(' ')
}
