/** server/src/node/readReport.ts in the browser bundle: Check Workspace reads no file that is not open. */
export type ReadOutcome = { text: string } | { error: string };
export function readReportFile(): ReadOutcome {
  return { error: 'not read in the browser (VS Code for the Web): open the report to check it' };
}
