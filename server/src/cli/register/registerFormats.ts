import type { Register } from '../../engine/register';
import { registerNavigatorLayer } from '../../engine/register';
import { escapeJsonControlChars } from '../formatters/controlChars';
import { registerCsv } from './registerCsv';
import { registerStylish } from './registerStylish';

/** The outputs of `increport summary`. */
export const REGISTER_FORMATS = ['stylish', 'json', 'csv', 'navigator'] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

export function isRegisterFormat(name: string): name is RegisterFormat {
  return (REGISTER_FORMATS as readonly string[]).includes(name);
}

/**
 * The register in a format. JSON (register and layer) writes the control characters a report may carry as
 * `\uXXXX` escapes, so that a terminal shows nothing active; the table neutralises them itself.
 */
export function formatRegister(format: RegisterFormat, register: Register, options: { color: boolean }): string {
  switch (format) {
    case 'json':
      return `${escapeJsonControlChars(JSON.stringify(register, null, 2))}\n`;
    case 'navigator':
      return `${escapeJsonControlChars(JSON.stringify(registerNavigatorLayer(register), null, 2))}\n`;
    case 'csv':
      return registerCsv(register);
    case 'stylish':
      return registerStylish(register, options.color);
  }
}
