import { relative } from 'node:path';
import type { AnalysedReport } from '../../engine/analysedReport';
import { ConfigError } from '../../engine/config/configTypes';
import { registerRow, type NotChecked, type RegisterRow } from '../../engine/register';
import { ReportWorkspace } from '../../engine/workspace';
import { createNodeHost } from '../../node/nodeHost';
import { readReportFile } from '../../node/readReport';
import type { CliIo } from '../cliIo';
import { collectTargets, toPosix } from '../collectFiles';

export interface CollectedRows {
  rows: RegisterRow[];
  notChecked: NotChecked[];
  /** The files found (what an output must never replace). */
  inputs: string[];
  /** A file could not be read or checked, or a configuration is invalid. */
  trouble: boolean;
}

/**
 * Reads and analyses every report the arguments name, as `check` does, into register rows (summary, site).
 * `refuse` sees the files found before any is read (an output that would replace one stops the command);
 * `onReport` sees each analysed report with its row, for a caller that needs more than the row.
 */
export function collectRows(
  paths: readonly string[],
  io: CliIo,
  refuse: (inputs: string[]) => number | undefined,
  onReport?: (report: AnalysedReport, row: RegisterRow) => void,
): number | CollectedRows {
  const workspace = new ReportWorkspace({ host: createNodeHost({ now: io.now }), baseDirectory: io.cwd });
  const display = (path: string) => toPosix(relative(io.cwd, path)) || '.';
  const configErrors = new Set<string>();
  const noteConfigError = (error: ConfigError) => {
    if (configErrors.has(error.toString())) return;
    configErrors.add(error.toString());
    io.writeStderr(`increport: invalid configuration: ${error.toString()}\n`);
  };
  const configForDirectory = (directory: string) => {
    try {
      return workspace.configs.forDirectory(directory);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      noteConfigError(error);
      return workspace.configs.withoutFiles();
    }
  };
  const targets = collectTargets(paths, io.cwd, configForDirectory);
  const inputs = targets.flatMap((target) => (target.kind === 'file' ? [target.path] : []));
  const refused = refuse(inputs);
  if (refused !== undefined) return refused;
  const rows: RegisterRow[] = [];
  const notChecked: NotChecked[] = [];
  let trouble = false;
  for (const target of targets) {
    if (target.kind === 'stdin') continue; // refused by parseSummaryArgs
    if (target.kind === 'missing') {
      notChecked.push({ path: target.argument, reason: target.reason });
      trouble = true;
      continue;
    }
    const displayPath = display(target.path);
    const read = readReportFile(target.path);
    if ('error' in read) {
      notChecked.push({ path: displayPath, reason: read.error });
      trouble = true;
      continue;
    }
    let analysed;
    try {
      analysed = workspace.analyse(target.path, read.text);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      noteConfigError(error);
      if (!target.explicit && !workspace.isReportWithoutConfig(read.text)) continue;
      notChecked.push({ path: displayPath, reason: 'not checked: its configuration is invalid' });
      trouble = true;
      continue;
    }
    if (!target.explicit && !analysed.isReport) continue;
    const row = registerRow({ ...analysed, displayPath });
    rows.push(row);
    onReport?.(analysed, row);
  }
  return { rows, notChecked, inputs, trouble: trouble || configErrors.size > 0 };
}
