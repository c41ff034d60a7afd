import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { exportStix, type StixBundle, type StixObject } from '../../../server/src/engine/export';
import { FALLBACK_TIMESTAMP, plainText } from '../../../server/src/engine/export/exportStix';
import { stixPattern, stixSectors, stixString, tlpLevel } from '../../../server/src/engine/export/stixVocabulary';
import { EXPORT_NAMESPACE, NAMESPACE_URL, uuidv5 } from '../../../server/src/engine/export/uuid';
import { NORTHWIND, SEED, describeErrors, exampleInput, exportInput, readExample, schemaForType, stixValidator } from './exportHelpers';
import { loadBundledCatalog } from '../../../server/src/node/bundledResources';

const bundleOf = (relativePath: string, producer?: string): StixBundle => exportStix(exampleInput(relativePath), producer === undefined ? {} : { producer });
const ofType = (bundle: StixBundle, type: string): StixObject[] => bundle.objects.filter((object) => object.type === type);
const TIMESTAMP_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A report with one indicator of every type, each written defanged where that applies. */
const EVERY_IOC = `---
id: IR-TEST-1
tlp: GREEN
---
# Incident Report: Every Indicator Type

## Executive Summary
A test report.

## Incident Details
- **Discovery Date:** 2026-03-02 10:00 UTC
- **Incident Date:** 2026-03-01
- **Affected Organization:** Example Bank (retail banking)
- **Sector:** Financial Services

## Indicators of Compromise
- **Network indicators:**
  - hxxp[://]evil[.]example[.]com/a'b?q=1 (a quote in the path)
  - evil-domain[.]com
  - 10[.]1[.]2[.]3
  - fe80[:][:]1
  - user[@]bad[.]org
  - 999[.]1[.]1[.]1 (not an address)
- **File indicators:**
  - d41d8cd98f00b204e9800998ecf8427e
  - da39a3ee5e6b4b0d3255bfef95601890afd80709
  - e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
  - cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e
  - E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855 (the same SHA-256 again)
- **Behavioral indicators:** exploitation of CVE-2024-12345
`;

describe('STIX: deterministic identifiers', () => {
  test('uuidv5 is RFC 4122 version 5 (SHA-1)', () => {
    // The example from Python's uuid documentation: uuid5(NAMESPACE_DNS, 'python.org').
    assert.equal(uuidv5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
    assert.equal(uuidv5('urn:incident-report-studio:export:stix', NAMESPACE_URL), EXPORT_NAMESPACE);
    assert.match(uuidv5('anything'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.throws(() => uuidv5('x', 'not-a-uuid'));
  });

  test('exporting twice gives byte-identical output, with unique ids', () => {
    for (const example of [NORTHWIND, SEED]) {
      const first = JSON.stringify(bundleOf(example), null, 2);
      assert.equal(JSON.stringify(bundleOf(example), null, 2), first, example);
      const ids = bundleOf(example).objects.map((object) => object.id);
      assert.equal(new Set(ids).size, ids.length, `${example}: duplicate ids`);
    }
  });

  test('ids do not change when unrelated text changes; the bundle id does', () => {
    const text = readExample(NORTHWIND);
    const edited = text.replace('it was scheduled to get it in Q3.', 'it was scheduled to get it in Q4.');
    assert.notEqual(edited, text);
    const before = exportStix(exportInput(text, NORTHWIND));
    const after = exportStix(exportInput(edited, NORTHWIND));
    assert.deepEqual(
      after.objects.map((object) => object.id),
      before.objects.map((object) => object.id),
    );
    assert.deepEqual(after.objects, before.objects, 'Lessons Learned is not exported, so nothing changes');
    // A changed executive summary changes the incident's content but not its id.
    const summaryEdit = exportStix(exportInput(text.replace('no ransom was paid', 'no ransom was ever paid'), NORTHWIND));
    assert.deepEqual(
      summaryEdit.objects.map((object) => object.id),
      before.objects.map((object) => object.id),
    );
    assert.notEqual(summaryEdit.id, before.id, 'the bundle id follows the content');
  });

  test('timestamps come from the report: front matter created/updated, else the discovery date, never the clock', () => {
    const northwind = bundleOf(NORTHWIND);
    for (const object of northwind.objects.filter((o) => o.type !== 'marking-definition')) {
      assert.equal(object.created, '2026-04-20T00:00:00.000Z');
      assert.equal(object.modified, '2026-05-04T00:00:00.000Z');
    }
    const seed = bundleOf(SEED);
    // No front matter: the Discovery Date, "June 1, 2026, approx. 05:00 AM ET" = 09:00 UTC.
    for (const object of seed.objects) assert.deepEqual([object.created, object.modified], ['2026-06-01T09:00:00.000Z', '2026-06-01T09:00:00.000Z']);
    // valid_from: the Incident Date.
    assert.deepEqual(
      ofType(seed, 'indicator').map((o) => o.valid_from),
      ['2026-06-01T00:00:00.000Z'],
    );
    assert.ok(ofType(northwind, 'indicator').every((o) => o.valid_from === '2026-04-14T09:12:00.000Z'));
    // Without any date (only with --force): a fixed timestamp.
    const undated = exportStix(exportInput('# Incident Report: Undated\n\n## Executive Summary\nNothing.\n'));
    assert.ok(undated.objects.every((object) => object.created === FALLBACK_TIMESTAMP && object.modified === FALLBACK_TIMESTAMP));
    // `updated` before `created` would make modified < created, which STIX forbids.
    const backwards = exportStix(exportInput('---\ncreated: 2026-05-01\nupdated: 2026-04-01\n---\n# Incident Report: Backwards\n'));
    assert.ok(backwards.objects.every((object) => object.modified === '2026-05-01T00:00:00.000Z'));
  });
});

describe('STIX: validity against the OASIS STIX 2.1 JSON schemas', () => {
  const bundles = (): [string, StixBundle][] => [
    [NORTHWIND, bundleOf(NORTHWIND)],
    [SEED, bundleOf(SEED)],
    [`${NORTHWIND} with a producer`, bundleOf(NORTHWIND, 'Example CERT')],
    ['every IOC type', exportStix(exportInput(EVERY_IOC))],
  ];

  test('every object validates against the schema of its type', () => {
    for (const [name, bundle] of bundles()) {
      assert.ok(bundle.objects.length > 0);
      for (const object of bundle.objects) {
        const validate = stixValidator(schemaForType(object.type));
        assert.ok(validate(object), `${name}: ${object.id}\n${describeErrors(validate)}`);
        if (object.type !== 'marking-definition') assert.ok(TIMESTAMP_MILLIS.test(String(object.created)) && TIMESTAMP_MILLIS.test(String(object.modified)));
      }
    }
  });

  test('the bundle validates against bundle.json, incidents aside (bundle.json cannot accept any incident)', () => {
    const validate = stixValidator('common/bundle.json');
    for (const [name, bundle] of bundles()) {
      assert.equal(bundle.type, 'bundle');
      assert.match(bundle.id, /^bundle--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const withoutIncidents = { ...bundle, objects: bundle.objects.filter((object) => object.type !== 'incident') };
      assert.ok(validate(withoutIncidents), `${name}\n${describeErrors(validate)}`);
      // The full bundle is rejected only for its incident objects (see the fixture README).
      const incidentPaths = bundle.objects.flatMap((object, index) => (object.type === 'incident' ? [`/objects/${index}`] : []));
      assert.equal(incidentPaths.length, 1);
      assert.equal(validate(bundle), false);
      const rejected = new Set((validate.errors ?? []).map((error) => /^\/objects\/\d+/.exec(error.instancePath)?.[0]));
      assert.deepEqual([...rejected], incidentPaths, name);
    }
  });

  test('the validators reject broken objects (the check is not vacuous)', () => {
    const indicator = ofType(bundleOf(NORTHWIND), 'indicator')[0];
    const validate = stixValidator('sdos/indicator.json');
    const { pattern: _pattern, ...withoutPattern } = indicator;
    assert.equal(validate(withoutPattern), false);
    assert.equal(validate({ ...indicator, created: '2026-04-20T00:00:00Z' }), false, 'created needs milliseconds');
    assert.equal(validate({ ...indicator, id: 'indicator--not-a-uuid' }), false);
    const incident = ofType(bundleOf(NORTHWIND), 'incident')[0];
    const extensions = incident.extensions as Record<string, Record<string, unknown>>;
    const extension = Object.values(extensions)[0];
    const { extension_type: _type, ...withoutType } = extension;
    assert.equal(
      stixValidator('sdos/incident.json')({ ...incident, extensions: { [Object.keys(extensions)[0]]: withoutType } }),
      false,
      'extension_type is required',
    );
    const pattern = ofType(bundleOf(NORTHWIND), 'attack-pattern')[0];
    assert.equal(stixValidator('sdos/attack-pattern.json')({ ...pattern, kill_chain_phases: [{ phase_name: 'impact' }] }), false);
  });

  test('every reference resolves to an object of the bundle (or a published TLP marking in it)', () => {
    for (const [name, bundle] of bundles()) {
      const ids = new Set(bundle.objects.map((object) => object.id));
      for (const object of bundle.objects) {
        const refs = [object.source_ref, object.target_ref, object.created_by_ref, ...((object.object_marking_refs as string[] | undefined) ?? [])];
        for (const ref of refs.filter((r): r is string => typeof r === 'string')) assert.ok(ids.has(ref), `${name}: ${object.id} refers to missing ${ref}`);
      }
    }
  });
});

describe('STIX: content', () => {
  test('northwind: victim identity, incident with the Incident Core Extension, TLP:AMBER', () => {
    const bundle = bundleOf(NORTHWIND);
    assert.deepEqual(
      [...new Set(bundle.objects.map((object) => object.type))],
      ['marking-definition', 'identity', 'incident', 'attack-pattern', 'indicator', 'relationship'],
    );
    const [identity] = ofType(bundle, 'identity');
    assert.equal(identity.name, 'Northwind Manufacturing GmbH');
    assert.equal(identity.description, 'Northwind Manufacturing GmbH (corporate IT and two production plants)');
    assert.equal(identity.identity_class, 'organization');
    assert.deepEqual(identity.sectors, ['manufacturing']);
    const [incident] = ofType(bundle, 'incident');
    assert.equal(incident.name, 'Incident Report: Akira-Style Ransomware Intrusion at Northwind Manufacturing');
    assert.match(
      String(incident.description),
      /^On 2026-04-14 an attacker used a phished VPN credential to enter Northwind Manufacturing's network, moved laterally/,
    );
    assert.ok(!String(incident.description).includes('\n'), 'hard-wrapped lines are joined');
    assert.deepEqual(incident.external_references, [{ source_name: 'incident-report', external_id: 'IR-2026-0117' }]);
    assert.deepEqual(incident.extensions, {
      'extension-definition--ef765651-680c-498d-9894-99799f2fa126': {
        extension_type: 'property-extension',
        determination: 'suspected',
        investigation_status: 'closed',
        criticality: 95,
      },
    });
    const [marking] = ofType(bundle, 'marking-definition');
    assert.deepEqual(marking, {
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
      created: '2022-10-01T00:00:00.000Z',
      name: 'TLP:AMBER',
      extensions: { 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'amber' } },
    });
    for (const object of bundle.objects.slice(1)) assert.deepEqual(object.object_marking_refs, [marking.id], object.id);
  });

  test('northwind: one attack-pattern per technique, kill-chain phases valid in the catalog', () => {
    const catalog = loadBundledCatalog('18.1');
    const patterns = ofType(bundleOf(NORTHWIND), 'attack-pattern');
    const ids = patterns.map((pattern) => (pattern.external_references as { external_id: string }[])[0].external_id);
    assert.deepEqual(ids, [
      'T1566.002',
      'T1133',
      'T1059.001',
      'T1078.002',
      'T1562.001',
      'T1003.001',
      'T1087.002',
      'T1482',
      'T1021.001',
      'T1021.004',
      'T1560.001',
      'T1219',
      'T1567.002',
      'T1486',
      'T1490',
    ]);
    for (const pattern of patterns) {
      const [reference] = pattern.external_references as { source_name: string; external_id: string; url: string }[];
      const technique = catalog.technique(reference.external_id)!;
      assert.equal(reference.source_name, 'mitre-attack');
      assert.equal(reference.url, technique.url);
      assert.equal(pattern.name, technique.name);
      const phases = pattern.kill_chain_phases as { kill_chain_name: string; phase_name: string }[];
      assert.ok(phases.length > 0);
      for (const phase of phases) {
        assert.equal(phase.kill_chain_name, 'mitre-attack');
        assert.ok(technique.tactics.includes(catalog.findTactic(phase.phase_name)!.id), `${technique.id} is not in ${phase.phase_name}`);
      }
    }
    const domainAccounts = patterns.find((pattern) => pattern.name === 'Domain Accounts')!;
    assert.deepEqual(
      (domainAccounts.kill_chain_phases as { phase_name: string }[]).map((p) => p.phase_name),
      ['persistence', 'privilege-escalation'],
    );
  });

  test('northwind: indicators with STIX patterns of the refanged values, relationships from the incident', () => {
    const bundle = bundleOf(NORTHWIND);
    assert.deepEqual(
      ofType(bundle, 'indicator').map((indicator) => indicator.pattern),
      [
        "[url:value = 'https://invoice-northwind.com/portal/login']",
        "[ipv4-addr:value = '185.220.101.47']",
        "[ipv6-addr:value = '2a0b:7280:200::4']",
        "[email-addr:value = 'billing@invoice-northwind.com']",
        "[file:hashes.'SHA-256' = '9f2b3c1d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9']",
        "[file:hashes.MD5 = '5d41402abc4b2a76b9719d911017c592']",
      ],
    );
    const [url] = ofType(bundle, 'indicator');
    assert.equal(url.name, 'URL hxxps[://]invoice-northwind[.]com/portal/login', 'names show the defanged form');
    assert.equal(url.description, 'hxxps[://]invoice-northwind[.]com/portal/login (credential-harvesting page)');
    assert.deepEqual([url.pattern_type, url.pattern_version], ['stix', '2.1']);
    assert.equal('indicator_types' in url, false, 'the report does not say whether an indicator is malicious');

    const [incident] = ofType(bundle, 'incident');
    const [identity] = ofType(bundle, 'identity');
    const relationships = ofType(bundle, 'relationship');
    assert.ok(relationships.every((relationship) => relationship.source_ref === incident.id));
    assert.deepEqual(
      relationships.filter((r) => r.relationship_type === 'targets').map((r) => r.target_ref),
      [identity.id],
    );
    const related = relationships.filter((r) => r.relationship_type === 'related-to').map((r) => r.target_ref);
    assert.deepEqual(
      related,
      [...ofType(bundle, 'attack-pattern'), ...ofType(bundle, 'indicator')].map((o) => o.id),
    );
  });

  test('seed: one URL indicator, a technology-sector victim, no marking, no extension, no attack pattern', () => {
    const bundle = bundleOf(SEED);
    assert.deepEqual(
      bundle.objects.map((object) => object.type),
      ['identity', 'incident', 'indicator', 'relationship', 'relationship'],
    );
    const [identity] = ofType(bundle, 'identity');
    assert.deepEqual([identity.name, identity.sectors], ['Microsoft', ['technology']]);
    const [incident] = ofType(bundle, 'incident');
    assert.equal(incident.name, 'Incident Report: Microsoft MFA and My Sign-Ins Service Outage');
    assert.equal('extensions' in incident, false, 'no front matter: nothing for the Incident Core Extension');
    assert.equal('object_marking_refs' in incident, false);
    assert.deepEqual(
      ofType(bundle, 'indicator').map((i) => i.pattern),
      ["[url:value = 'http://mysignins.microsoft.com']"],
    );
  });

  test('every IOC type: well-formed patterns, duplicates and invalid values skipped, CVEs as vulnerabilities', () => {
    const bundle = exportStix(exportInput(EVERY_IOC));
    const patterns = ofType(bundle, 'indicator').map((indicator) => String(indicator.pattern));
    assert.deepEqual(patterns, [
      "[url:value = 'http://evil.example.com/a\\'b?q=1']",
      "[domain-name:value = 'evil-domain.com']",
      "[ipv4-addr:value = '10.1.2.3']",
      "[ipv6-addr:value = 'fe80::1']",
      "[email-addr:value = 'user@bad.org']",
      "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']",
      "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']",
      "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
      "[file:hashes.'SHA-512' = 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e']",
    ]);
    // The STIX 2.1 patterning grammar for these comparison expressions: one observation, one
    // comparison, a string literal in which only \' and \\ are escapes.
    const STRING = String.raw`'(?:[^'\\]|\\['\\])*'`;
    const COMPARISON = new RegExp(
      String.raw`^\[(?:(?:url|domain-name|ipv4-addr|ipv6-addr|email-addr):value|file:hashes\.(?:MD5|'SHA-1'|'SHA-256'|'SHA-512')) = ${STRING}\]$`,
    );
    for (const pattern of patterns) assert.match(pattern, COMPARISON);
    const hashLengths: Record<string, number> = { MD5: 32, "'SHA-1'": 40, "'SHA-256'": 64, "'SHA-512'": 128 };
    for (const pattern of patterns.filter((p) => p.startsWith('[file:'))) {
      const [, key, value] = /^\[file:hashes\.(\S+) = '([^']*)'\]$/.exec(pattern)!;
      assert.match(value, new RegExp(`^[0-9a-f]{${hashLengths[key]}}$`));
    }
    assert.deepEqual(
      ofType(bundle, 'vulnerability').map((v) => [v.name, v.external_references]),
      [['CVE-2024-12345', [{ source_name: 'cve', external_id: 'CVE-2024-12345' }]]],
    );
    const [identity] = ofType(bundle, 'identity');
    assert.deepEqual([identity.name, identity.sectors], ['Example Bank', ['financial-services']]);
    assert.equal(ofType(bundle, 'marking-definition')[0].name, 'TLP:GREEN');
  });

  test('pattern strings escape quotes and backslashes', () => {
    assert.equal(stixString("it's a \\ path"), "'it\\'s a \\\\ path'");
    assert.equal(stixPattern('url', "http://x.example/a'b\\c"), "[url:value = 'http://x.example/a\\'b\\\\c']");
    assert.equal(stixPattern('sha256', 'ABCDEF'), "[file:hashes.'SHA-256' = 'abcdef']");
    assert.equal(stixPattern('cve', 'CVE-2024-1234'), undefined);
  });

  test('a producer becomes the created_by_ref of every object', () => {
    const bundle = bundleOf(NORTHWIND, 'Example CERT');
    const producer = ofType(bundle, 'identity').find((identity) => identity.name === 'Example CERT')!;
    assert.equal(producer.identity_class, 'organization');
    for (const object of bundle.objects) {
      if (object.type === 'marking-definition' || object === producer) assert.equal('created_by_ref' in object, false);
      else assert.equal(object.created_by_ref, producer.id, object.id);
    }
  });

  test('sectors, TLP levels and prose', () => {
    assert.deepEqual(stixSectors('Manufacturing / Industrial Automation'), ['manufacturing']);
    assert.deepEqual(stixSectors('Information Technology / Cloud Service Provider'), ['technology']);
    assert.deepEqual(stixSectors('Hospital and healthcare'), ['healthcare']);
    assert.deepEqual(stixSectors('Local government'), ['government-local']);
    assert.deepEqual(stixSectors('Widgets'), []);
    assert.deepEqual(stixSectors(undefined), []);
    assert.deepEqual(['TLP:AMBER+STRICT', 'amber', 'TLP:CLEAR', 'TLP:WHITE', 'RED', 'TLP:PURPLE', 3].map(tlpLevel), [
      'amber+strict',
      'amber',
      'clear',
      'clear',
      'red',
      undefined,
      undefined,
    ]);
    assert.equal(plainText('One\ntwo\n\n- a\n- b\n<!-- increport-disable x -->\n\nThree'), 'One two\n\n- a\n- b\n\nThree');
  });

  test('the Incident Core Extension follows the front matter', () => {
    const extensionOf = (frontMatter: string) => {
      const bundle = exportStix(exportInput(`---\n${frontMatter}\n---\n# Incident Report: X\n`));
      const [incident] = ofType(bundle, 'incident');
      return (incident.extensions as Record<string, unknown> | undefined)?.['extension-definition--ef765651-680c-498d-9894-99799f2fa126'];
    };
    assert.deepEqual(extensionOf('status: draft'), { extension_type: 'property-extension', determination: 'suspected', investigation_status: 'open' });
    assert.deepEqual(extensionOf('determination: confirmed\nseverity: low'), {
      extension_type: 'property-extension',
      determination: 'confirmed',
      investigation_status: 'open',
      criticality: 15,
    });
    assert.deepEqual(extensionOf('severity: informational\ndetermination: maybe'), undefined, 'nothing the extension can carry');
    assert.equal(extensionOf('id: IR-1'), undefined);
  });
});
