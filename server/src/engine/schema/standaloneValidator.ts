import equal from 'ajv/dist/runtime/equal';
import ucs2length from 'ajv/dist/runtime/ucs2length';
import uri from 'ajv/dist/runtime/uri';
import ValidationError from 'ajv/dist/runtime/validation_error';
import { version as AJV_VERSION } from 'ajv/package.json';
import { linearRegExp } from './linearRegExp';
import type { SchemaValidator } from './compileSchema';
import type { SchemaNode } from './reportSpec';

/*
 * A report schema's validator as ajv "standalone" code: JavaScript that validates without ajv's compiler,
 * written at build time for the bundled schema (scripts/bundle.mjs) and kept on disk for an extended one
 * (EngineHost.validatorCode; server/src/node/validatorCache.ts on Node). Loading it takes about a
 * millisecond where compiling the schema takes over a hundred.
 */

/** Bump when the way code is generated or loaded changes: older code is then recompiled, not loaded. */
const CODE_FORMAT = 1;

/**
 * The store key of `schema`'s validator: the merged schema, ajv's version and the code format, so an
 * edited schema, another ajv or another generator never reuses stale code. The store hashes it (on Node
 * with node:crypto: the engine's own SHA-256 takes tens of milliseconds before it is optimized).
 */
export function validatorKey(schema: SchemaNode): string {
  return `increport-validator ${CODE_FORMAT} ajv ${AJV_VERSION}\0${JSON.stringify(schema)}`;
}

/**
 * What standalone code may `require`: ajv's runtime helpers and, for `pattern` and `patternProperties`,
 * the same linear-time engine as a compiled schema (linearRegExp.code names it "./linearRegExp").
 */
const MODULES: Readonly<Record<string, unknown>> = {
  './linearRegExp': { linearRegExp },
  'ajv/dist/runtime/equal': { default: equal },
  'ajv/dist/runtime/ucs2length': { default: ucs2length },
  'ajv/dist/runtime/uri': { default: uri },
  'ajv/dist/runtime/validation_error': { default: ValidationError },
};

/** Runs standalone code (a CommonJS module body) and returns the validator it exports. Throws if it is not one. */
export function loadValidatorCode(code: string): SchemaValidator {
  const load = (name: string): unknown => {
    if (!Object.hasOwn(MODULES, name)) throw new Error(`standalone validator code requires an unknown module (${name.slice(0, 60)})`);
    return MODULES[name];
  };
  const exported: { exports: unknown } = { exports: {} };
  // The code is what ajv generated from a schema, read back only from the bundle or an intact cache entry.
  new Function('require', 'module', 'exports', code)(load, exported, exported.exports);
  if (typeof exported.exports !== 'function') throw new Error('standalone validator code exports no function');
  return exported.exports as SchemaValidator;
}

/**
 * A validator that gets the real one on its first call: engines are built without paying for it, and
 * the rules read `errors` after each call exactly as on an ajv validator.
 */
export function lazyValidator(load: () => SchemaValidator): SchemaValidator {
  let real: SchemaValidator | undefined;
  const validate: SchemaValidator = (data: unknown) => {
    real ??= load();
    const valid = real(data);
    validate.errors = real.errors;
    return valid;
  };
  validate.errors = null;
  return validate;
}
