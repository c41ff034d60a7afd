import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempTree } from '../../tempTree';
import { ConfigError } from '../../../server/src/engine/config/configTypes';
import { createNodeHost } from '../../../server/src/node/nodeHost';
import { ReportWorkspace } from '../../../server/src/engine/workspace';
import { codeActions, fixAll } from '../../../server/src/engine/features/codeActions';
import { applyEdits } from '../features/fixHarness';
import { describeFinding, projectRoot, cleanReportText, seedText } from '../../helpers';

const root = mkdtempSync(join(tmpdir(), 'increport-config-'));
after(() => rmSync(root, { recursive: true, force: true }));

const tree = (files: Record<string, string>): string => tempTree(root, files);

const workspaceAt = (base: string) => new ReportWorkspace({ host: createNodeHost(), baseDirectory: base });
const TBD_SEED = () => cleanReportText().replace('- **Sector:** Information Technology / Cloud Service Provider', '- **Sector:** TBD');

test('config: found upward; nearer files override farther ones; root: true stops the search', () => {
  const base = tree({
    '.increport.yaml': 'rules:\n  placeholder: error\n  section-unknown: off\n',
    'team/.increport.yml': 'rules:\n  placeholder: info\n',
    'isolated/.increport.yaml': 'root: true\n',
  });
  const workspace = workspaceAt(base);
  const severity = (dir: string) => workspace.analyse(join(base, dir, 'r.md'), TBD_SEED()).findings.map((finding) => finding.severity);
  assert.deepEqual(severity('.'), ['error']);
  assert.deepEqual(severity('team/deeper'), ['info']);
  assert.deepEqual(severity('isolated'), ['warning']);
  const team = workspace.configs.forDirectory(join(base, 'team'));
  assert.deepEqual(team.rules, { placeholder: 'info', 'section-unknown': 'off' });
  assert.deepEqual(team.sources, [join(base, 'team/.increport.yml'), join(base, '.increport.yaml')]);
});

test('config: a schema extension adds a required field with a pattern, and a required front matter key, without code changes', () => {
  const base = tree({
    '.increport.yaml': ['schema:', '  extend:', '    - ./org-schema.json', '    - properties:', '        frontMatter:', '          required: [id]'].join('\n'),
    'org-schema.json': JSON.stringify({
      properties: {
        sections: {
          properties: {
            incidentDetails: {
              properties: {
                fields: {
                  properties: { caseId: { title: 'Case ID', type: 'string', pattern: '^IR-\\d{4}-\\d{4}$', 'x-aliases': ['Case'] } },
                  required: ['caseId'],
                },
              },
            },
          },
        },
      },
    }),
  });
  const workspace = workspaceAt(base);
  const missing = workspace.analyse(join(base, 'r.md'), cleanReportText()).findings.map(describeFinding);
  assert.deepEqual(missing, [
    "0:2-0:63 error field-missing Front matter field 'Report ID' (id) is missing",
    "3:3-3:19 error field-missing Field 'Case ID' is missing from section 'Incident Details'",
  ]);
  const text = `---\nid: 7\n---\n${cleanReportText().replace('## Incident Details\n', '## Incident Details\n- **Case:** 2026-17\n')}`;
  assert.deepEqual(workspace.analyse(join(base, 'r.md'), text).findings.map(describeFinding), [
    "7:12-7:19 error value-invalid Field 'Case' is '2026-17'; expected a value matching the pattern ^IR-\\d{4}-\\d{4}$",
  ]);
});

test('config: errors point at the file, line and column', () => {
  const cases: [string, string][] = [
    ['rules:\n  placeholder: loud\n', "2:16: Setting 'rules.placeholder' must be equal to one of the allowed values"],
    ['rules:\n  placeholders: off\n', "2:3: Unknown rule 'placeholders' (did you mean 'placeholder'?)"],
    ['rule:\n  placeholder: off\n', "1:1: Unknown setting 'rule'"],
    ['rules: [oops\n', '2:1: Invalid YAML: Bad indentation'],
    ['wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY: 1\n', '1:1: Unknown setting (a key of 38 characters)'],
    ['rules:\n  AKIAIOSFODNN7EXAMPLE: off\n', '2:3: Unknown rule (a name of 20 characters)'],
    ['rules:\n  ghp_abcdefghijklmnopqrstuvwxyz0123456789: loud\n', '2:'],
    ['token: "ghp_abc\\qdef"\n', '1:'],
    ['files:\n  include: "*.md"\n', "2:12: Setting 'files.include' must be array"],
    ['schema:\n  extend: ./nope.json\n', "2:11: Schema extension './nope.json' not found"],
  ];
  for (const [config, expected] of cases) {
    const base = tree({ '.increport.yaml': config });
    assert.throws(
      () => workspaceAt(base).analyse(join(base, 'r.md'), cleanReportText()),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.toString().startsWith(`${join(base, '.increport.yaml')}:${expected}`) &&
        // A configuration file can be a link to a file of secrets: no message quotes an unknown key or text.
        !/AKIA|wJalr|ghp_|qdef/.test(error.toString()),
      `config ${JSON.stringify(config)}`,
    );
  }
});

test('config: an extension that breaks the schema is a config error, not a crash', () => {
  const base = tree({ '.increport.yaml': 'schema:\n  extend:\n    properties:\n      title:\n        type: 12\n' });
  assert.throws(
    () => workspaceAt(base).analyse(join(base, 'r.md'), cleanReportText()),
    (error: unknown) => error instanceof ConfigError && /schema extension makes the report schema invalid/.test(error.message),
  );
});

test('config: a broken schema extension (required: 5) is a config error, not a crash', () => {
  const base = tree({ '.increport.yaml': 'schema:\n  extend:\n    properties:\n      sections:\n        required: 5\n' });
  assert.throws(
    () => workspaceAt(base).analyse(join(base, 'r.md'), cleanReportText()),
    (error: unknown) => error instanceof ConfigError && /must be array/.test(error.message),
  );
});

test('config: closed field lists report unknown fields at the key; longer minimum lengths are not "empty"', () => {
  const base = tree({
    '.increport.yaml': [
      'schema:',
      '  extend:',
      '    properties:',
      '      title: { minLength: 80 }',
      '      sections:',
      '        properties:',
      '          incidentDetails:',
      '            properties:',
      '              fields: { additionalProperties: false }',
    ].join('\n'),
  });
  const text = cleanReportText().replace('## Incident Details\n', '## Incident Details\n- **Case Owner:** Jane\n');
  assert.deepEqual(workspaceAt(base).analyse(join(base, 'r.md'), text).findings.map(describeFinding), [
    "0:2-0:63 error value-invalid The report title is too short: 61 characters, expected at least 80 ('Incident Report: Microsoft MFA and My Sign-Ins Service Ou…')",
    "4:4-4:14 error field-unknown Field 'Case Owner' is not expected in section 'Incident Details'",
  ]);
});

test('config: nested configs keep each glob list relative to the config that set it', () => {
  const base = tree({
    '.increport.yaml': 'files:\n  include: ["reports/**/*.md"]\n',
    'reports/team/.increport.yaml': 'files:\n  exclude: ["drafts/**"]\n',
  });
  const config = workspaceAt(base).configs.forDirectory(join(base, 'reports/team'));
  assert.deepEqual(config.files, {
    include: { baseDirectory: base, globs: ['reports/**/*.md'] },
    exclude: { baseDirectory: join(base, 'reports/team'), globs: ['drafts/**'] },
  });
});

test('config: attack.bundle switches the ATT&CK version (a synthetic v19 bundle with Defense Evasion split)', () => {
  const bundle = join(projectRoot(), 'test/fixtures/attack/synthetic-v19.json');
  const base = tree({ '.increport.yaml': `attack:\n  bundle: ${JSON.stringify(bundle)}\n` });
  const findings = workspaceAt(base)
    .analyse(join(base, 'r.md'), seedText().replace('- **Initial Access:** N/A', '- **Initial Access:** T1566.001 Spearphishing Attachment'))
    .findings.map(describeFinding);
  // The bundle is later than the bundled v18.1, so the Defense Evasion row is read as a v18.1 row (a note);
  // a tactic the bundle does not have at all is unknown there, not a legacy row.
  assert.ok(
    findings.includes(
      "26:4-26:19 info attack-migration 'Defense Evasion' is the ATT&CK v18.1 name of TA0005: v19.0 renamed it 'Stealth' and split 'Defense Impairment' (TA0112) from it; a quick fix writes the row as Stealth and Defense Impairment",
    ),
    findings.join('\n'),
  );
  assert.ok(
    findings.some((line) => line.startsWith("24:4-24:15 error attack-tactic-unknown 'Persistence' is not a tactic in ATT&CK v19.0")),
    findings.join('\n'),
  );
  assert.ok(!findings.some((line) => line.startsWith('23:')), 'Initial Access and its technique are valid in v19');
});

test('config: an unreadable attack.bundle is a config error at the setting', () => {
  const base = tree({ '.increport.yaml': 'rules: {}\nattack:\n  bundle: ./missing-bundle.json\n' });
  assert.throws(
    () => workspaceAt(base).analyse(join(base, 'r.md'), cleanReportText()),
    (error: unknown) => error instanceof ConfigError && error.line === 2 && error.character === 10 && /^attack\.bundle: /.test(error.message),
  );
});

test('config: under a later user bundle the legacy Defense Evasion row is migrated by its quick fix and by Fix All', () => {
  const bundle = join(projectRoot(), 'test/fixtures/attack/synthetic-v19.json');
  const base = tree({ '.increport.yaml': `attack:\n  bundle: ${JSON.stringify(bundle)}\n` });
  const workspace = workspaceAt(base);
  const path = join(base, 'r.md');
  const result = workspace.analyse(path, seedText());
  const engine = workspace.engineFor(result.config);
  const context = { model: result.model, spec: engine.schema.spec, catalog: engine.catalog, now: new Date('2026-11-27T12:00:00Z') };
  const finding = result.findings.find((candidate) => candidate.ruleId === 'attack-migration' && candidate.message.startsWith("'Defense Evasion'"))!;
  const fixes = codeActions(context, [finding], finding.range);
  const migrate = fixes.find((fix) => fix.title.includes('Stealth'));
  assert.ok(migrate?.isPreferred, fixes.map((fix) => fix.title).join(' | '));
  const migrated = applyEdits(result.text, migrate.edits);
  assert.match(migrated, /^- \*\*Stealth:\*\* N\/A\n- \*\*Defense Impairment:\*\* N\/A$/m);
  assert.doesNotMatch(migrated, /Defense Evasion/);
  const all = fixAll(context, [finding]);
  assert.equal(applyEdits(result.text, all?.edits ?? []), migrated, 'Fix All applies the same safe migration');
});
