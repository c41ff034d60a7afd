import { OwnAssets, urlHost, type OrganizationSetting } from '../iocs/ownAssets';
import { scanIocs } from '../iocs/scanIocs';
import type { ReportModel } from '../model/modelTypes';
import type { ReportSpec } from '../schema/reportSpec';
import { sectionFields } from './sectionFields';

/** The value of Affected Organization read for own domains: longer values are prose, not a name. */
const MAX_HINT_LENGTH = 2000;

/**
 * The report's own assets: the configured `organization` lists, and the domains that the Affected
 * Organization field names ("Contoso Ltd (contoso.com)", an address or URL at the domain).
 */
export function ownAssetsOf(model: ReportModel, spec: ReportSpec, setting: OrganizationSetting | undefined): OwnAssets {
  const hinted = hintedDomains(model, spec);
  if (!setting && hinted.length === 0) return OwnAssets.NONE;
  return new OwnAssets(setting ?? {}, hinted);
}

function hintedDomains(model: ReportModel, spec: ReportSpec): string[] {
  const domains: string[] = [];
  for (const section of model.sections) {
    const sectionSpec = spec.sectionOf(section);
    if (sectionSpec?.key !== 'incidentDetails') continue;
    for (const field of sectionFields(section, sectionSpec)) {
      if (sectionSpec.findField(field.key)?.key !== 'affectedOrganization') continue;
      for (const ioc of scanIocs(field.value.slice(0, MAX_HINT_LENGTH), { includeHashes: false })) {
        if (ioc.type === 'domain') domains.push(ioc.refanged);
        else if (ioc.type === 'email') domains.push(ioc.refanged.slice(ioc.refanged.lastIndexOf('@') + 1));
        else if (ioc.type === 'url') domains.push(urlHost(ioc.refanged));
      }
    }
  }
  return domains.filter((domain) => /[a-z]/i.test(domain) && !domain.includes(':'));
}
