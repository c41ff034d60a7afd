import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';
import { toRe2Syntax, UnsupportedSyntax } from './ecmaPattern';

/**
 * The regular expression engine ajv uses for `pattern` and `patternProperties` (its `code.regExp`
 * option): re2js, a pure-JavaScript port of RE2, which matches in time linear in the length of the value
 * whatever the pattern. A schema extension can come from any repository, and with JavaScript's
 * backtracking RegExp a pattern such as `^(a+)+$` takes seconds per value (minutes at 30 characters).
 *
 * A pattern is first compiled as an ECMAScript RegExp, so an invalid one fails as before, with the same
 * message; it is then translated to RE2 syntax with the same meaning (ecmaPattern.ts). A pattern that
 * needs backtracking (look-around, back-references) or that RE2 lacks throws an
 * {@link UnsupportedPatternError}, which the schema compiler turns into a configuration error naming
 * where the pattern is.
 */

/** A valid ECMAScript pattern that the linear-time engine does not run. Carries the pattern for locating it, never for display. */
export class UnsupportedPatternError extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** What ajv needs of a compiled pattern. */
export interface LinearRegExp {
  test(value: string): boolean;
  /** ajv keys its compiled patterns by this text: distinct patterns must give distinct texts. */
  toString(): string;
}

/** ajv's `code.regExp`: `flags` is "u" (ajv's `unicodeRegExp`, on by default). */
export function linearRegExp(pattern: string, flags: string): LinearRegExp {
  if (flags !== 'u') throw new Error(`linearRegExp: patterns are compiled with flag "u" only, not "${flags}"`);
  new RegExp(pattern, flags); // a SyntaxError for an invalid pattern, as ajv would report without this engine
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(toRe2Syntax(pattern));
  } catch (error) {
    throw new UnsupportedPatternError(pattern, describeUnsupported(error));
  }
  const text = `/${pattern}/${flags}`;
  return { test: (value: string) => compiled.test(value), toString: () => text };
}
/** For standalone code: the module name that loadValidatorCode (standaloneValidator.ts) resolves to this engine. */
linearRegExp.code = 'require("./linearRegExp").linearRegExp';

function describeUnsupported(error: unknown): string {
  if (error instanceof UnsupportedSyntax) {
    return error.linearTime
      ? `uses ${error.construct}, which increport does not support in patterns because it cannot be checked in linear time`
      : `uses ${error.construct}, which increport's linear-time pattern engine does not support`;
  }
  // RE2's own limits: a nested repetition whose total count is over 1000, a program too large. Its
  // message quotes the pattern, so only the kind of problem is given.
  if (error instanceof RE2JSException) {
    const kind = error instanceof RE2JSSyntaxException ? ` (${error.error})` : '';
    return `is too large or uses syntax that increport's linear-time pattern engine does not support${kind}`;
  }
  throw error;
}
