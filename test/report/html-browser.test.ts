// The HTML report in a real browser (Debian's chromium): the filters work together under the page's CSP, and hostile values stay text.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { htmlReport } from '../../src/report/html-report.js';
import type { ReportRule } from '../../src/report/report-rules.js';
import { CHECKED_AT, HOSTILE, finding, summary } from '../helpers/report-fixture.js';

const CHROMIUM = process.env.LEAKSWEEP_CHROMIUM ?? '/usr/bin/chromium';

const RULES: ReportRule[] = [
  { id: 'aws.access-key-id', name: 'AWS access key ID', severity: 'high', references: [HOSTILE.link, 'https://docs.aws.amazon.com/keys'], revoke: HOSTILE.link },
  { id: 'stripe.secret-key', name: 'Stripe secret key', severity: 'critical' },
  { id: 'generic.password', name: 'Password assignment', severity: 'medium' },
  { id: 'custom.token', name: 'Custom token', severity: 'low' },
];

const checked = (status: 'valid' | 'invalid' | 'unknown', extra: Partial<NonNullable<Finding['verification']>> = {}): Pick<Finding, 'verification'> => ({
  verification: { status, checkedAt: CHECKED_AT, provider: 'test', ...extra },
});
const stripe = { ruleId: 'stripe.secret-key', ruleName: 'Stripe secret key', severity: 'critical' } as const;

const HOSTILE_PATH = `web/${HOSTILE.img}.html`;
const HOSTILE_IDENTITY = { login: HOSTILE.img, org: HOSTILE.script };

// 7 findings: 3 high, 2 critical, 1 medium, 1 low; 2 valid, 2 invalid, 2 unknown, 1 never checked
const FINDINGS: Finding[] = [
  finding(HOSTILE_PATH, { author: HOSTILE.script, message: HOSTILE.img, ...checked('valid', { identity: { login: 'octocat', scopes: 'repo' } }) }),
  finding('a.env', { ...checked('invalid', { error: 'http 403' }) }),
  finding('b.env', { ...checked('unknown', { error: 'timeout after 5 s' }) }),
  finding('pay/config.js', { ...stripe, ...checked('valid', { identity: HOSTILE_IDENTITY }) }),
  finding('pay/old.js', { ...stripe, ...checked('invalid', { error: HOSTILE.script }) }),
  finding('docs/readme.md', { ruleId: 'generic.password', ruleName: 'Password assignment', severity: 'medium', author: 'Zoë', ...checked('unknown') }),
  finding('plain.txt', { ruleId: 'custom.token', ruleName: 'Custom token', severity: 'low' }),
];

const dir = mkdtempSync(join(tmpdir(), 'leaksweep-html-browser-'));
const file = join(dir, 'report.html');
writeFileSync(file, htmlReport({ findings: FINDINGS, summary: summary(FINDINGS.length, { verification: { valid: 2, invalid: 2, unknown: 2, unsupported: 0, requests: 6, cached: 0 } }) }, { rules: RULES }));

let browser: Browser;
let page: Page;
/** console errors, uncaught exceptions and dialogs: an injected handler or a CSP refusal of the page's own script shows up here */
let incidents: string[];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no chromium at ${CHROMIUM}: the HTML report's browser tests need it (npm test installs it with apt-get when run as root; else apt-get install chromium, or set LEAKSWEEP_CHROMIUM)`);
  }
  // root in CI: chromium's sandbox refuses to start as root
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  incidents = [];
  page = await browser.newPage();
  page.on('console', (message) => void (message.type() === 'error' && incidents.push(`console: ${message.text()}`)));
  page.on('pageerror', (error) => void incidents.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    incidents.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  return () => page.close();
});

const shownText = () => page.locator('#shown').textContent();
const visibleRows = () => page.locator('tr.finding:visible');
const visibleAttr = (name: string) => visibleRows().evaluateAll((rows, attr) => rows.map((row) => row.getAttribute(attr)), name);
const setBox = (kind: 'severity' | 'verification', value: string, on: boolean) => page.locator(`input[data-${kind}="${value}"]`).setChecked(on);

describe('HTML report in chromium', () => {
  it('shows every finding at first, with the counts on each checkbox', async () => {
    expect(await shownText()).toBe('7 of 7 shown');
    expect(await visibleRows().count()).toBe(7);
    expect(await page.locator('label:has(input[data-verification="valid"])').textContent()).toBe(' live (valid) (2)');
    expect(await page.locator('label:has(input[data-verification="none"])').textContent()).toBe(' not checked (1)');
    expect(await page.locator('.summary dt:text-is("verification requests") + dd').textContent()).toBe('6 (0 cached)');
    expect(incidents).toEqual([]);
  });

  it('filters by typed text and hides the rules and paths left empty', async () => {
    await page.locator('#filter').fill('pay/');
    expect(await shownText()).toBe('2 of 7 shown');
    expect(await visibleAttr('data-severity')).toEqual(['critical', 'critical']);
    expect(await page.locator('section.rule:visible h2 code').allTextContents()).toEqual(['stripe.secret-key']);
    expect(await page.locator('.path-group:visible h3').allTextContents()).toEqual(['pay/config.js', 'pay/old.js']);
    // words all have to match, in any order and case
    await page.locator('#filter').fill('OLD pay');
    expect(await shownText()).toBe('1 of 7 shown');
    await page.locator('#filter').fill('');
    expect(await shownText()).toBe('7 of 7 shown');
  });

  it('hides the rows of an unticked severity', async () => {
    await setBox('severity', 'high', false);
    expect(await shownText()).toBe('4 of 7 shown');
    expect(await visibleAttr('data-severity')).toEqual(['critical', 'critical', 'medium', 'low']);
    expect(await page.locator('section.rule:visible h2 code').allTextContents()).toEqual(['stripe.secret-key', 'generic.password', 'custom.token']);
  });

  it('unticking invalid, unknown and not checked leaves only the live keys', async () => {
    for (const status of ['invalid', 'unknown', 'none']) await setBox('verification', status, false);
    expect(await shownText()).toBe('2 of 7 shown');
    expect(await visibleAttr('data-verification')).toEqual(['valid', 'valid']);
    expect(await page.locator('.path-group:visible h3').allTextContents()).toEqual(['pay/config.js', HOSTILE_PATH]);
    await setBox('verification', 'unknown', true);
    // document order: stripe, then aws by path (b.env, web/…), then the password
    expect(await visibleAttr('data-verification')).toEqual(['valid', 'unknown', 'valid', 'unknown']);
  });

  it('combines text, severity and verification', async () => {
    await setBox('verification', 'valid', false);
    await setBox('severity', 'critical', false);
    expect(await shownText()).toBe('4 of 7 shown');
    expect(await visibleAttr('data-verification')).toEqual(['invalid', 'unknown', 'unknown', 'none']);
    await page.locator('#filter').fill('.env');
    expect(await shownText()).toBe('2 of 7 shown');
    expect(await page.locator('.path-group:visible h3').allTextContents()).toEqual(['a.env', 'b.env']);
    await setBox('verification', 'invalid', false);
    expect(await page.locator('.path-group:visible h3').allTextContents()).toEqual(['b.env']);
    // the provider's words are searchable too
    await page.locator('#filter').fill('octocat');
    expect(await shownText()).toBe('0 of 7 shown');
    expect(await page.locator('section.rule:visible').count()).toBe(0);
    await setBox('verification', 'valid', true);
    expect(await visibleAttr('data-verification')).toEqual(['valid']);
  });

  it('shows hostile paths, authors, messages and identities as text and runs none of them', async () => {
    expect(await page.locator('.path-group h3').allTextContents()).toContain(HOSTILE_PATH);
    const row = page.locator('tr.finding', { hasText: 'octocat' });
    expect(await row.locator('td').nth(5).textContent()).toBe(`${HOSTILE.script} <ann@example.com>`);
    expect(await row.locator('td').nth(4).getAttribute('title')).toBe(HOSTILE.img);
    const verified = page.locator('tr.finding td.ver-valid');
    expect(await verified.allTextContents()).toEqual([`live (valid)login ${HOSTILE.img}, org ${HOSTILE.script}`, 'live (valid)login octocat, scopes repo']);
    expect(await page.locator('td.ver-invalid').allTextContents()).toContain(`invalid${HOSTILE.script}`);
    // the only element of these kinds is the report's own script; a javascript: reference stays text
    expect(await page.locator('img, iframe, object, embed').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['https://docs.aws.amazon.com/keys']);
    // the filter typed with the hostile text still finds its row, and nothing ran on the way
    await page.locator('#filter').fill('onerror');
    expect(await shownText()).toBe('2 of 7 shown');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(incidents).toEqual([]);
  });
});
