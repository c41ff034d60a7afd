import { closestMatch } from '../engine/text/editDistance';

/** A mistake in the command line: printed with the command's usage, exit 2. */
export class UsageError extends Error {}

/** The option table as node:util's parseArgs takes it (only what the messages need). */
export type OptionTable = Readonly<Record<string, { type: 'string' | 'boolean'; short?: string }>>;

/**
 * Runs node:util's parseArgs and turns its errors into messages a user can act on: an unknown option
 * gets a did-you-mean, a missing or unexpected value names the option and what it takes.
 */
export function parseWithHelp<R>(options: OptionTable, parse: () => R): R {
  try {
    return parse();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw error;
    throw new UsageError(describeParseError(code, (error as Error).message, options));
  }
}

function describeParseError(code: string, message: string, options: OptionTable): string {
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const written = quoted.split('=')[0];
    const suggestion = suggestOption(written, options);
    return `unknown option '${written}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
    const option = options[name.slice(2)];
    if (option?.type === 'boolean') return `option '${name}' takes no value (write '${name}' alone)`;
    return `option '${name}' needs a value (write '${name} <value>' or '${name}=<value>')`;
  }
  return message.split('. ')[0];
}

/** The closest long option ('--quite' → '--quiet', '--out' → '--output'), or a long option for a short one ('-q' → '--quiet'). */
function suggestOption(written: string, options: OptionTable): string | undefined {
  const longNames = Object.keys(options).map((name) => `--${name}`);
  if (!written.startsWith('--')) {
    const letter = written.slice(1).toLowerCase();
    const long = Object.entries(options).find(([, option]) => option.short?.toLowerCase() === letter);
    if (long) return `--${long[0]}`;
    const starting = longNames.filter((name) => letter.length === 1 && name.startsWith(`--${letter}`));
    if (starting.length === 1) return starting[0];
    return closestMatch(`--${written.replace(/^-+/, '')}`, longNames);
  }
  const extending = longNames.filter((name) => written.length > 3 && name.startsWith(written));
  return extending.length === 1 ? extending[0] : closestMatch(written, longNames);
}

/** " (did you mean 'check'?)" when a close candidate exists, else "". */
export function suggestion(word: string, candidates: readonly string[]): string {
  const closest = closestMatch(word, candidates);
  return closest ? ` (did you mean '${closest}'?)` : '';
}
