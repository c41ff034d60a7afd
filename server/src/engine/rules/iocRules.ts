import type { IocType } from '../iocs/scanIocs';
import { specialIpv4Range, specialIpv6Range } from '../iocs/specialAddresses';
import { detectionCodeLines, indicatorsOf, oddLengthHashesOf, type LocatedIoc } from '../queries/iocQueries';
import { ownAssetsOf } from '../queries/ownAssetsOf';
import type { Rule, RuleContext, RuleMeta } from './ruleTypes';

export const iocRuleMeta: readonly RuleMeta[] = [
  {
    id: 'ioc-live',
    family: 'iocs',
    defaultSeverity: 'warning',
    summary: 'A URL, domain, IP address or e-mail address in the IOCs written live instead of defanged.',
  },
  {
    id: 'ioc-hash-invalid',
    family: 'iocs',
    defaultSeverity: 'error',
    summary: 'A file hash with the wrong length for its type, or with characters that are not hex digits.',
  },
  {
    id: 'ioc-hash-length',
    family: 'iocs',
    defaultSeverity: 'warning',
    summary: "An unlabelled hex value listed as an indicator whose length is no hash's (63 digits): probably a hash truncated or extended when copied.",
  },
  {
    id: 'ioc-live-reserved',
    family: 'iocs',
    defaultSeverity: 'info',
    summary:
      'An IP address in the IOCs written live that is no host on the Internet: private, loopback, link-local, documentation or another special-use range.',
  },
  {
    id: 'ioc-live-prose',
    family: 'iocs',
    defaultSeverity: 'info',
    summary: 'A URL or domain in the IOCs written live within a sentence: a mention, perhaps of a legitimate service; defanged if it is an indicator.',
  },
  { id: 'ioc-cve-invalid', family: 'iocs', defaultSeverity: 'error', summary: 'A malformed CVE ID.' },
  { id: 'ioc-ip-invalid', family: 'iocs', defaultSeverity: 'error', summary: 'An IP address that cannot be valid (an IPv4 octet over 255, a leading zero).' },
  { id: 'ioc-domain-invalid', family: 'iocs', defaultSeverity: 'error', summary: 'A domain name that cannot be valid (bad label, too long).' },
];

const LIVE_TYPES: ReadonlySet<IocType> = new Set(['url', 'domain', 'ipv4', 'ipv6', 'email']);
const TYPE_NAMES: Record<IocType, string> = {
  url: 'URL',
  domain: 'domain',
  ipv4: 'IP address',
  ipv6: 'IPv6 address',
  email: 'e-mail address',
  md5: 'MD5 hash',
  sha1: 'SHA-1 hash',
  sha224: 'SHA-224 hash',
  sha256: 'SHA-256 hash',
  sha384: 'SHA-384 hash',
  sha512: 'SHA-512 hash',
  cve: 'CVE ID',
};
const PROBLEM_RULES: Record<IocType, string> = {
  url: 'ioc-domain-invalid',
  domain: 'ioc-domain-invalid',
  email: 'ioc-domain-invalid',
  ipv4: 'ioc-ip-invalid',
  ipv6: 'ioc-ip-invalid',
  md5: 'ioc-hash-invalid',
  sha1: 'ioc-hash-invalid',
  sha224: 'ioc-hash-invalid',
  sha256: 'ioc-hash-invalid',
  sha384: 'ioc-hash-invalid',
  sha512: 'ioc-hash-invalid',
  cve: 'ioc-cve-invalid',
};

/**
 * Indicators of Compromise: every line of the section is scanned (code blocks included, where IOC
 * lists often live); links elsewhere in the report are ordinary links, not indicators. Detection rules
 * and queries (code blocks in a language) keep their strings exact: they are never called live; nor are the
 * organization's own names (queries/ownAssetsOf.ts), which need no defanging.
 */
export const iocRule: Rule = {
  meta: iocRuleMeta,
  check(context: RuleContext) {
    const code = detectionCodeLines(context.model, context.spec);
    const own = ownAssetsOf(context.model, context.spec, context.organization);
    for (const located of indicatorsOf(context.model, context.spec, own)) reportIoc(context, located, code.has(located.range.start.line));
    for (const odd of oddLengthHashesOf(context.model, context.spec))
      context.report('ioc-hash-length', odd.range, `Hex value '${odd.text}' listed as an indicator has no hash's length, ${odd.problem}`);
  },
};

function reportIoc(context: RuleContext, { ioc, range, defanged, inProse, own }: LocatedIoc, inDetectionCode: boolean): void {
  const name = TYPE_NAMES[ioc.type];
  for (const problem of ioc.problems) {
    // A URL's host may be an IP address: its problems are IP problems.
    const ruleId = /^IPv[46]/.test(problem) ? 'ioc-ip-invalid' : PROBLEM_RULES[ioc.type];
    context.report(ruleId, range, `Invalid ${name} '${ioc.text}': ${problem}`);
  }
  // An own domain, mailbox or address is an affected asset: nobody is put at risk by its being clickable.
  if (!LIVE_TYPES.has(ioc.type) || ioc.defanged || inDetectionCode || own) return;
  const special = ioc.type === 'ipv4' ? specialIpv4Range(ioc.refanged) : ioc.type === 'ipv6' ? specialIpv6Range(ioc.refanged) : undefined;
  if (special) {
    // Nobody reaches it from outside by a click: said, not warned about.
    context.report(
      'ioc-live-reserved',
      range,
      `Live ${special.kind} address '${ioc.text}' (${special.range}, ${special.rfc}): it is no host on the Internet, so it may stay as it is; write ${defanged} if your reports defang every address`,
      { defanged, type: ioc.type },
    );
    return;
  }
  if (inProse) {
    // A sentence may name a legitimate service ("the upload to codecov.io"): said, not warned about.
    context.report(
      'ioc-live-prose',
      range,
      `Live ${name} '${ioc.text}' in a sentence of the indicators: if it is an indicator, write it defanged as ${defanged}; a legitimate service it names may stay as it is`,
      { defanged, type: ioc.type },
    );
    return;
  }
  context.report('ioc-live', range, `Live ${name} '${ioc.text}': write it defanged as ${defanged} so that nobody opens it by accident`, {
    defanged,
    type: ioc.type,
  });
}
