import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { exportJson } from '../../../server/src/engine/export';
import { projectRoot, seedText } from '../../helpers';
import { exportInput } from './exportHelpers';

const timeline = (body: string, heading = 'Timeline of Events'): string =>
  seedText().replace(/## Timeline of Events\n[\s\S]*?(?=## Attack Methodology)/, `## ${heading}\n${body}\n`);

test('json export: a timeline table and dated bullets are listed as entries, dates read in the column or heading zone', () => {
  const text = timeline(
    [
      '| Date/Time (EST) | Event | Details | Notes |',
      '|---|---|---|---|',
      '| 2026-07-16 14:10 | Resignation | Employee resigned | HR |',
      '|  |  | Left the building |  |',
      '',
      '- **2026-08-03 16:00 UTC** — Data copied to USB',
      '- 2026-08-04 09:00: Laptop returned',
    ].join('\n'),
    'Timeline of Events (all times UTC+2)',
  );
  const document = JSON.parse(JSON.stringify(exportJson(exportInput(text)))) as { sections: { key: string; entries?: unknown[]; subsections: unknown[] }[] };
  const section = document.sections.find((candidate) => candidate.key === 'timelineOfEvents');
  assert.deepEqual(section?.subsections, []);
  assert.deepEqual(section?.entries, [
    {
      dialect: 'table',
      heading: 'Resignation',
      line: 13,
      endLine: 13,
      text: 'Employee resigned — HR',
      when: '2026-07-16 14:10',
      date: {
        text: '2026-07-16 14:10',
        start: '2026-07-16T19:10:00.000Z',
        end: '2026-07-16T19:10:59.999Z',
        precision: 'minute',
        qualifier: 'exact',
        zone: 'EST',
      },
    },
    { dialect: 'table', heading: '', line: 14, endLine: 14, text: 'Left the building', when: '' },
    {
      dialect: 'dated-list',
      heading: '',
      line: 16,
      endLine: 16,
      text: 'Data copied to USB',
      when: '2026-08-03 16:00 UTC',
      date: {
        text: '2026-08-03 16:00 UTC',
        start: '2026-08-03T16:00:00.000Z',
        end: '2026-08-03T16:00:59.999Z',
        precision: 'minute',
        qualifier: 'exact',
        zone: 'UTC',
      },
    },
    {
      dialect: 'dated-list',
      heading: '',
      line: 17,
      endLine: 17,
      text: 'Laptop returned',
      when: '2026-08-04 09:00',
      date: {
        text: '2026-08-04 09:00',
        start: '2026-08-04T07:00:00.000Z',
        end: '2026-08-04T07:00:59.999Z',
        precision: 'minute',
        qualifier: 'exact',
        zone: 'UTC+2',
      },
    },
  ]);
  const schema = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'schemas', 'report-export.schema.json'), 'utf8')) as object;
  const validate = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);
  assert.ok(validate(document), JSON.stringify(validate.errors));
  assert.equal(exportJson(exportInput(seedText())).sections.find((candidate) => candidate.key === 'timelineOfEvents')?.entries, undefined);
});
