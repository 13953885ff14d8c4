// JUnit XML: well-formed whatever the paths hold, right counts, one failing testcase per finding, a passing one when clean.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { junitReport, xmlEscape } from '../../src/report/junit-report.js';
import { CHECKED_AT, HOSTILE, NASTY_PATHS, SECRET, SECRET_2, nastyReport, summary, verifiedReport } from '../helpers/report-fixture.js';

// characters XML 1.0 allows in a document, written or as a character reference
const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]$/u;

function expectOnlyXmlChars(xml: string): void {
  expect([...xml].filter((c) => !XML_CHAR.test(c))).toEqual([]);
  const references = [...xml.matchAll(/&#(x[0-9A-Fa-f]+|[0-9]+);/g)].map((m) => String.fromCodePoint(m[1].startsWith('x') ? parseInt(m[1].slice(1), 16) : Number(m[1])));
  expect(references.filter((c) => !XML_CHAR.test(c))).toEqual([]);
}

interface Attrs {
  [name: `@_${string}`]: string;
}
interface TestCase extends Attrs {
  failure?: Attrs & { '#text': string };
  error?: Attrs;
}

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  expectOnlyXmlChars(xml);
  const parser = new XMLParser({
    ignoreAttributes: false,
    htmlEntities: true,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => name === 'testcase',
  });
  const doc = parser.parse(xml) as { testsuites: Attrs & { testsuite: Attrs & { testcase: TestCase[] } } };
  return { suites: doc.testsuites, suite: doc.testsuites.testsuite, cases: doc.testsuites.testsuite.testcase };
}

const clean = (text: string): string => text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');

describe('junitReport', () => {
  it('is well-formed with one failing testcase per finding and matching counts', () => {
    const report = nastyReport({ secrets: true });
    const xml = junitReport(report);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const { suites, suite, cases } = parse(xml);
    expect(suite['@_name']).toBe('leaksweep');
    for (const node of [suites, suite]) {
      expect(node).toMatchObject({ '@_tests': '7', '@_failures': '7', '@_errors': '0', '@_skipped': '0', '@_time': '1.830' });
    }
    expect(cases).toHaveLength(7);
    // attribute values come back exactly, control characters replaced, newlines kept
    expect(cases.map((c) => c['@_classname'])).toEqual(report.findings.map((f) => clean(f.path)));
    expect(cases.map((c) => c['@_name'])).toEqual(report.findings.map((f) => `${f.ruleId} ${clean(f.path)}:${f.line}`));
    expect(cases[4]['@_classname']).toBe(NASTY_PATHS.newline);
    expect(cases[3].failure).toMatchObject({ '@_message': 'Stripe secret key: sk_l********', '@_type': 'stripe.secret-key' });
    expect(cases[1].failure?.['#text']).toContain('author: <script>alert("author")</script> <x@evil.example>');
    expect(cases[0].failure?.['#text']).toContain('Rotate the credential, then remove it from history.');
  });

  it('says what the provider answered in the failure message and text', () => {
    const xml = junitReport(verifiedReport({ secrets: true }));
    const { cases } = parse(xml);
    expect(cases.map((c) => c.failure?.['@_message'])).toEqual([
      'AWS access key ID: AKIA********, live (valid)',
      'AWS access key ID: AKIA********, live (valid)',
      'AWS access key ID: AKIA********, invalid',
      'Stripe secret key: sk_l********, live (valid)',
      'AWS access key ID: AKIA********, not verified',
      'Password assignment: ********, not verified',
      'Custom token: AKIA********',
    ]);
    expect(cases[0].failure?.['#text']).toContain(`verification: live (valid): account 123456789012, arn arn:aws:iam::123456789012:user/ci (aws, checked ${CHECKED_AT})`);
    expect(cases[0].failure?.['#text']).toContain('The provider confirmed the key is live: rotate it now');
    expect(cases[1].failure?.['#text']).toContain(`verification: live (valid): user ${HOSTILE.img}, org ${HOSTILE.script} (aws`);
    expect(cases[2].failure?.['#text']).toContain('verification: invalid: http 403 (aws');
    expect(cases[2].failure?.['#text']).toContain('Rotate the credential, then remove it from history.');
    expect(cases[4].failure?.['#text']).toContain('verification: not verified: timeout after 5 s (aws');
    expect(cases[6].failure?.['#text']).not.toContain('verification:');
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain('<script>');
  });

  it('escapes markup so hostile values cannot add elements', () => {
    const xml = junitReport(nastyReport({ secrets: false }));
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<img');
    expect(xml.match(/<testcase /g)).toHaveLength(7);
    expect(xml.match(/<failure /g)).toHaveLength(7);
  });

  it('never writes a plain secret: JUnit files end up on CI servers', () => {
    const xml = junitReport(nastyReport({ secrets: true }));
    for (const secret of [SECRET, SECRET_2, 'hunter2hunter2']) expect(xml).not.toContain(secret);
  });

  it('has a single passing testcase when there are no findings', () => {
    const { suite, cases } = parse(junitReport({ findings: [], summary: summary(0) }));
    expect(suite).toMatchObject({ '@_tests': '1', '@_failures': '0', '@_errors': '0' });
    expect(cases).toHaveLength(1);
    expect(cases[0].failure).toBeUndefined();
    expect(cases[0].error).toBeUndefined();
  });

  it('reports an incomplete scan as an error testcase', () => {
    const incomplete = summary(0, { incomplete: true, blobsSkipped: { binary: 0, 'too-large': 0, missing: 2, failed: 1 } });
    const { suite, cases } = parse(junitReport({ findings: [], summary: incomplete }));
    expect(suite).toMatchObject({ '@_tests': '1', '@_failures': '0', '@_errors': '1' });
    expect(cases[0].error?.['@_message']).toBe('scan incomplete: 3 blobs could not be read or scanned');
  });

  it('replaces characters XML 1.0 forbids, lone surrogates included', () => {
    expect(xmlEscape('a\u0000b\u001bc\uFFFEd\uD800e\u{1F600}')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\u{1F600}');
    expect(xmlEscape('t\tn\nr\r')).toBe('t&#9;n&#10;r&#13;');
    expect(xmlEscape('t\tn\nr\r', false)).toBe('t\tn\nr&#13;');
  });
});
