/** Exports of a checked report: plain functions over its model, no I/O and no clock. */
export { collectReportData, type ExportInput, type ReportData } from './reportData';
export { exportJson, REPORT_EXPORT_FORMAT, REPORT_EXPORT_VERSION, type ReportExport } from './exportJson';
export { exportStix, type StixBundle, type StixExportOptions, type StixObject } from './exportStix';
export { exportNavigatorLayer, type NavigatorLayer } from './exportNavigator';
