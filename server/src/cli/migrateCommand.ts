import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLED_VERSIONS_TEXT, DEFAULT_ATTACK_VERSION, readAttackVersion } from '../engine/attack/versions';
import { ConfigError, type ResolvedConfig } from '../engine/config/configTypes';
import { MIGRATION_KINDS, migrateReport, type MigrationKind, type MigrationOutcome } from '../engine/features/migrateReport';
import { ReportWorkspace } from '../engine/workspace';
import { createNodeHost } from '../node/nodeHost';
import { readReportFile } from '../node/readReport';
import { writeOutputFile } from '../node/safeWrite';
import { parseWithHelp, UsageError } from './args';
import { EXIT_OK, EXIT_TROUBLE, type CliIo } from './cliIo';
import { collectTargets, toPosix } from './collectFiles';

export const MIGRATE_USAGE = `Usage: increport migrate --attack <version> [--write] <file|folder|glob>...

Carries reports written for ATT&CK v18.1 to v19.2: the Defense Evasion row becomes Stealth and Defense
Impairment rows, revoked technique IDs get their replacement, renamed techniques their new name, moved
techniques go to their v19.2 tactic, and a front matter 'attack:' is set to the new version. These are
the quick fixes of the attack-migration rule that Fix All applies. Without --write nothing is changed:
it says what would be.

Options:
      --attack <version>    The ATT&CK version to migrate to: ${DEFAULT_ATTACK_VERSION} (required)
      --write               Rewrite each changed report in place (atomically; nothing else is written)
  -h, --help                Show this help
`;

const OPTIONS = { attack: { type: 'string' }, write: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

const KIND_WORDS: Record<MigrationKind, [string, string]> = {
  'legacy-tactic': ['tactic row rewritten', 'tactic rows rewritten'],
  revoked: ['revoked ID replaced', 'revoked IDs replaced'],
  renamed: ['name updated', 'names updated'],
  moved: ['technique moved', 'techniques moved'],
};

/** `increport migrate`: exit 0 when done (or nothing to do), 2 on trouble (usage, unreadable file, invalid configuration, failed write). */
export async function runMigrate(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseWithHelp(OPTIONS, () => parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.writeStderr(`increport migrate: ${error.message}\n\n${MIGRATE_USAGE}`);
    return EXIT_TROUBLE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.writeStdout(MIGRATE_USAGE);
    return EXIT_OK;
  }
  const reading = values.attack === undefined ? undefined : readAttackVersion(values.attack);
  const problem =
    reading === undefined
      ? `--attack is required: the version to migrate to (${DEFAULT_ATTACK_VERSION})`
      : !('version' in reading) || reading.version !== DEFAULT_ATTACK_VERSION
        ? `cannot migrate to ATT&CK '${values.attack}': reports migrate from v18.1 to v${DEFAULT_ATTACK_VERSION} (bundled: ${BUNDLED_VERSIONS_TEXT})`
        : positionals.length === 0
          ? 'name the reports to migrate (files, folders or globs)'
          : undefined;
  if (problem !== undefined || !reading || !('version' in reading)) {
    io.writeStderr(`increport migrate: ${problem}\n\n${MIGRATE_USAGE}`);
    return EXIT_TROUBLE;
  }
  const version = reading.version;
  const workspace = new ReportWorkspace({ host: createNodeHost({ now: io.now }), baseDirectory: io.cwd });
  let trouble = false;
  const configFor = (directory: string): ResolvedConfig => {
    try {
      return workspace.configs.forDirectory(directory);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return workspace.configs.withoutFiles();
    }
  };
  const totals: Record<MigrationKind, number> = { 'legacy-tactic': 0, revoked: 0, renamed: 0, moved: 0 };
  let changedFiles = 0;
  let leftCount = 0;
  let reports = 0;
  for (const target of collectTargets(positionals, io.cwd, configFor)) {
    if (target.kind !== 'file') {
      io.writeStderr(
        `increport migrate: ${target.kind === 'missing' ? `${target.argument}: ${target.reason}` : "'-' (standard input) cannot be migrated in place"}\n`,
      );
      trouble = true;
      continue;
    }
    const display = toPosix(relative(io.cwd, target.path)) || target.path;
    const read = readReportFile(target.path);
    if ('error' in read) {
      io.writeStderr(`increport migrate: cannot read ${display}: ${read.error}\n`);
      trouble = true;
      continue;
    }
    let outcome: MigrationOutcome;
    try {
      if (!workspace.analyse(target.path, read.text).isReport) continue;
      outcome = migrateReport(read.text, version, (text) => workspace.analyse(target.path, text, { attackVersion: version }));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.writeStderr(`increport migrate: ${display}: invalid configuration: ${error.toString()}\n`);
      trouble = true;
      continue;
    }
    reports++;
    const changed = outcome.text !== read.text;
    for (const kind of MIGRATION_KINDS) totals[kind] += outcome.applied[kind];
    leftCount += outcome.left.length;
    if (changed) changedFiles++;
    io.writeStdout(describeFile(display, outcome, changed, values.write === true));
    if (changed && values.write) {
      // Another program (an editor's save) may have changed the file while it was migrated: never overwrite that.
      const again = readReportFile(target.path);
      if (!('text' in again) || again.text !== read.text) {
        io.writeStderr(`increport migrate: ${display} changed while it was being migrated; nothing was written to it: run again\n`);
        trouble = true;
        continue;
      }
      const written = writeOutputFile(target.path, outcome.text, { inputs: [], overwrite: true });
      if ('failure' in written) {
        io.writeStderr(`increport migrate: cannot write ${display}: ${written.failure.message}\n`);
        trouble = true;
      }
    }
    const pinned = workspace.configFor(target.path).attack.version;
    if (pinned && pinned !== version && !outcome.versionChanged) {
      io.writeStdout(
        `  note: its configuration chooses ATT&CK v${pinned} (attack.version): set it to ${version} to check the migrated report against v${version}\n`,
      );
    }
  }
  const summary = MIGRATION_KINDS.filter((kind) => totals[kind] > 0).map((kind) => countOf(totals[kind], KIND_WORDS[kind]));
  io.writeStdout(
    `\n${reports} ${reports === 1 ? 'report' : 'reports'} read, ${changedFiles} ${values.write ? 'migrated' : 'to migrate'} to ATT&CK v${version}` +
      `${summary.length > 0 ? `: ${summary.join(', ')}` : ''}` +
      `${leftCount > 0 ? `; ${countOf(leftCount, ['item needs', 'items need'])} a choice (listed above)` : ''}.` +
      `${!values.write && changedFiles > 0 ? ' Nothing was written: run again with --write to apply.' : ''}\n`,
  );
  return trouble ? EXIT_TROUBLE : EXIT_OK;
}

function describeFile(display: string, outcome: MigrationOutcome, changed: boolean, write: boolean): string {
  const parts = MIGRATION_KINDS.filter((kind) => outcome.applied[kind] > 0).map((kind) => countOf(outcome.applied[kind], KIND_WORDS[kind]));
  if (outcome.versionChanged) parts.push(`front matter attack: set to v${DEFAULT_ATTACK_VERSION}`);
  const head = changed ? `${display}: ${write ? 'migrated' : 'would migrate'} (${parts.join(', ')})` : `${display}: nothing to migrate`;
  const left = outcome.left.map((finding) => `  ${display}:${finding.range.start.line + 1}:${finding.range.start.character + 1}  ${finding.message}`);
  return [head, ...left].join('\n') + '\n';
}

function countOf(count: number, [one, many]: [string, string]): string {
  return `${count} ${count === 1 ? one : many}`;
}
