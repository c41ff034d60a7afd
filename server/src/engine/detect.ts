import type { ReportModel } from './model/modelTypes';
import type { ReportSpec } from './schema/reportSpec';

/** A document with this many known sections is a report even without the usual title. */
const KNOWN_SECTIONS_FOR_REPORT = 3;
const REPORT_TITLE = /^\s*(?:security\s+)?incident\s+report\b/i;
export const REPORT_FRONT_MATTER_TYPE = 'incident-report';

/** Whether a Markdown document is an incident report (and so should be checked when found in a folder). */
export function isIncidentReport(model: ReportModel, spec: ReportSpec): boolean {
  if (model.frontMatter?.data?.type === REPORT_FRONT_MATTER_TYPE) return true;
  const title = model.titles[0]?.text.replace(/[*_`]/g, '');
  if (title && REPORT_TITLE.test(title)) return true;
  const known = new Set(model.sections.map((section) => spec.sectionOf(section)?.key).filter(Boolean));
  return known.size >= KNOWN_SECTIONS_FOR_REPORT;
}
