/** Exports of a checked report: plain functions over its model, no I/O and no clock. */
export { collectReportData, type ExportInput, type ReportData } from './reportData';
export { exportJson, REPORT_EXPORT_FORMAT, REPORT_EXPORT_VERSION, type ReportExport } from './exportJson';
export { exportStix, type StixBundle, type StixExportOptions, type StixObject } from './exportStix';
export { exportNavigatorLayer, type NavigatorLayer } from './exportNavigator';

import { exportJson as toJson } from './exportJson';
import { exportNavigatorLayer as toNavigator } from './exportNavigator';
import { exportStix as toStix, type StixExportOptions as StixOptions } from './exportStix';
import type { ExportInput as Input } from './reportData';

export const EXPORT_FORMATS = ['json', 'stix', 'navigator'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The export as the file users get (pretty JSON, trailing newline): shared by the CLI and the editor. */
export function exportReportText(format: ExportFormat, input: Input, stixOptions: StixOptions = {}): string {
  const exported = format === 'json' ? toJson(input) : format === 'stix' ? toStix(input, stixOptions) : toNavigator(input);
  return `${JSON.stringify(exported, null, 2)}\n`;
}
