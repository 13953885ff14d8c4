// CSV: RFC 4180 that parses back to the same fields, spreadsheet formulas defused, a secret column only with --show-secrets.
import { describe, expect, it } from 'vitest';
import { csvField, csvReport } from '../../src/report/csv-report.js';
import { HOSTILE, NASTY_PATHS, SECRET, finding, nastyReport, summary, verifiedReport } from '../helpers/report-fixture.js';

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes; throws on anything else. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) throw new Error('unterminated quoted field');
        value += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        value += '"';
        i += 1;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} in an unquoted field at ${i}`);
        value += text[i];
        i += 1;
      }
    }
    fields.push(value);
    if (text[i] === ',') {
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      records.push(fields);
      fields = [];
      i += 2;
    } else {
      throw new Error(`expected , or CRLF at ${i}`);
    }
  }
  if (fields.length > 0) throw new Error('last record has no CRLF');
  return records;
}

const HEADER = ['ruleId', 'severity', 'confidence', 'context', 'path', 'line', 'column', 'commit', 'author', 'email', 'date', 'fingerprint', 'redacted'];
const defused = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

describe('csvReport', () => {
  it('parses back to the same fields, whatever the paths and authors hold', () => {
    const report = nastyReport({ secrets: false });
    const [header, ...rows] = parseCsv(csvReport(report));
    expect(header).toEqual(HEADER);
    expect(rows).toEqual(
      report.findings.map((f) =>
        [f.ruleId, f.severity, f.confidence, f.context, f.path, String(f.line), String(f.column), f.commit ?? '', f.author ?? '', f.email ?? '', f.date ?? '', f.fingerprint, f.redacted].map(defused),
      ),
    );
    expect(rows.find((row) => row[0] === 'custom.token')?.slice(7, 11)).toEqual(['', '', '', '']);
  });

  it('quotes exactly the fields that need it and writes CRLF records', () => {
    const lines = csvReport({ findings: [finding('a,b.txt', { author: 'Eve "Q"' }), finding('x\ny.txt')], summary: summary(2) }).split('\r\n');
    expect(lines[0]).toBe(HEADER.join(','));
    expect(lines[1]).toBe(`aws.access-key-id,high,medium,config,"a,b.txt",3,10,${'9f3c1b2a'.repeat(5)},"Eve ""Q""",ann@example.com,2024-03-01T10:12:00+01:00,${'4be1'.repeat(16)},AKIA********`);
    expect(lines[2]).toBe(`aws.access-key-id,high,medium,config,"x\ny.txt",3,10,${'9f3c1b2a'.repeat(5)},Ann Example,ann@example.com,2024-03-01T10:12:00+01:00,${'4be1'.repeat(16)},AKIA********`);
    expect(lines.at(-1)).toBe('');
  });

  it('defuses spreadsheet formulas in every attacker-controlled column', () => {
    const [, ...rows] = parseCsv(csvReport(nastyReport({ secrets: false })));
    const stripe = rows.find((row) => row[0] === 'stripe.secret-key') ?? [];
    expect(stripe[4]).toBe(`'${NASTY_PATHS.formula}`);
    expect(stripe[8]).toBe("'+SUM(1,2)");
    expect(stripe[9]).toBe("'@evil.example");
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvField(`${start}1+1`)).toMatch(/^"?'/);
    expect(csvField('-----BEGIN RSA PRIVATE KEY-----')).toBe("'-----BEGIN RSA PRIVATE KEY-----");
    expect(csvField('\rcmd')).toBe(`"'\rcmd"`);
    // only the first character matters: a formula must start the cell
    expect(csvField('a=b')).toBe('a=b');
  });

  it('adds the secret column only when findings carry secrets', () => {
    expect(csvReport(nastyReport({ secrets: false }))).not.toContain(SECRET);
    const [header, first] = parseCsv(csvReport(nastyReport({ secrets: true })));
    expect(header).toEqual([...HEADER, 'secret']);
    expect(first.at(-1)).toBe(SECRET);
  });

  it('adds status, provider and identity or error columns with --verify, defused and quoted like the rest', () => {
    const [header, ...rows] = parseCsv(csvReport(verifiedReport({ secrets: true })));
    expect(header).toEqual([...HEADER, 'verification', 'verificationProvider', 'verificationDetail', 'secret']);
    const verification = rows.map((row) => row.slice(13, 16));
    expect(verification).toEqual([
      ['valid', 'aws', 'account 123456789012, arn arn:aws:iam::123456789012:user/ci'],
      ['valid', 'aws', `user ${HOSTILE.img}, org ${HOSTILE.script}`],
      ['invalid', 'aws', 'http 403'],
      ['valid', 'stripe', 'account =HYPERLINK("http://evil.example"), email @evil.example'],
      ['unknown', 'aws', 'timeout after 5 s'],
      ['unknown', 'none', 'not supported'],
      ['', '', ''],
    ]);
    expect(rows[0].at(-1)).toBe(SECRET);
    // a provider's answer is as untrusted as a path: a formula at the start of the cell is defused
    const formula = verifiedReport({ secrets: false });
    formula.findings[0] = { ...formula.findings[0], verification: { status: 'valid', checkedAt: 'x', provider: 'aws', identity: { '=1+1': 'x' } } };
    expect(parseCsv(csvReport(formula))[1][15]).toBe("'=1+1 x");
    // a run that verified nothing still says so with empty columns
    const none = csvReport({ findings: [finding('a.txt')], summary: summary(1, { verification: { valid: 0, invalid: 0, unknown: 0, unsupported: 0, requests: 0, cached: 0 } }) });
    expect(parseCsv(none)[1].slice(13)).toEqual(['', '', '']);
  });

  it('is a header alone when there are no findings', () => {
    expect(csvReport({ findings: [], summary: summary(0) })).toBe(`${HEADER.join(',')}\r\n`);
  });
});
