import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { FormatContext } from '../cli/formatters/formatterTypes';
import { ruleHelpLookup, type RuleDocSource } from '../cli/ruleHelp';
import { ruleDocsBaseUrl, type PackageLinks } from '../cli/ruleDocsUrl';

/** A rule page larger than this is not used (the largest is a few KiB): it bounds what a SARIF log carries. */
export const MAX_RULE_DOC_BYTES = 64 * 1024;
// Linear: each repetition must start with "-", which the class before it cannot match, so there is one way to match.
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** At most `limit` + 1 bytes of a file, so that "too large" is known without reading it all. */
function readHead(path: string, limit: number): Buffer {
  const buffer = Buffer.alloc(limit + 1);
  const fd = openSync(path, 'r');
  try {
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** The rule pages shipped in `<docsDirectory>/<ruleId>.md`: read on demand, bounded, UTF-8; unreadable pages are absent. */
export function nodeRuleDocSource(docsDirectory: string, maxBytes = MAX_RULE_DOC_BYTES): RuleDocSource {
  return {
    readRuleDoc(ruleId) {
      if (!RULE_ID.test(ruleId)) return undefined; // ids come from findings: never a path
      try {
        const bytes = readHead(join(docsDirectory, `${ruleId}.md`), maxBytes);
        if (bytes.length > maxBytes) return undefined;
        const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      } catch {
        return undefined;
      }
    },
  };
}

/** `homepage` and `repository` from the package's own package.json ({} when unreadable). */
export function readPackageLinks(packageRoot: string): PackageLinks {
  try {
    const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as unknown;
    if (typeof manifest !== 'object' || manifest === null) return {};
    const { homepage, repository } = manifest as PackageLinks;
    return { homepage, repository };
  } catch {
    return {};
  }
}

/** The rule documentation part of a FormatContext for the installed package at `packageRoot`. */
export function ruleDocsContext(packageRoot: string): Pick<FormatContext, 'docsBaseUrl' | 'ruleHelp'> {
  return {
    docsBaseUrl: ruleDocsBaseUrl(readPackageLinks(packageRoot)),
    ruleHelp: ruleHelpLookup(nodeRuleDocSource(join(packageRoot, 'docs', 'rules'))),
  };
}
