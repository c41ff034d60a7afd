import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import type { NotChecked, Register, RegisterRow } from '../../engine/register';
import { readFileBounded } from '../../node/boundedRead';
import { packageRoot } from '../../node/packageRoot';

/** A shard's register JSON may be large (5,000 reports ≈ 20 MB); a file over this is refused, not read. */
export const MAX_REGISTER_BYTES = 512 * 1024 * 1024;

let validator: ValidateFunction | undefined;

/** The validator of schemas/register.schema.json, compiled once and only when a register is read. */
function registerValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'register.schema.json'), 'utf8')) as object;
  validator = new Ajv2020({ allErrors: false, strict: true, validateFormats: false }).compile(schema);
  return validator;
}

/**
 * The rows and unchecked files of registers written by `increport summary --format json` (one per CI
 * shard), each validated against schemas/register.schema.json. Only the rows are kept: the merged
 * register's totals, metrics and indexes are recomputed from them (buildRegister).
 */
export function readRegisterFiles(paths: readonly string[], cwd: string): { rows: RegisterRow[]; notChecked: NotChecked[] } | { error: string } {
  const rows: RegisterRow[] = [];
  const notChecked: NotChecked[] = [];
  for (const path of paths) {
    const read = readFileBounded(resolve(cwd, path), MAX_REGISTER_BYTES);
    if ('failure' in read) return { error: `cannot read ${path}: ${read.failure.message}` };
    let data: unknown;
    try {
      data = JSON.parse(read.bytes.toString('utf8'));
    } catch (error) {
      return { error: `${path} is not JSON: ${(error as Error).message}` };
    }
    const validate = registerValidator();
    if (!validate(data)) {
      const first = validate.errors?.[0];
      const where = first ? `${first.instancePath || '/'} ${first.message ?? ''}` : '';
      return { error: `${path} is not a register written by 'increport summary --format json' (schemas/register.schema.json: ${where.trim()})` };
    }
    const register = data as Register;
    rows.push(...register.reports);
    notChecked.push(...register.notChecked);
  }
  return { rows, notChecked };
}
