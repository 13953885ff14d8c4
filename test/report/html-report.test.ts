// HTML: self-contained (nothing from the network), every hostile value rendered as text, secrets only when findings carry them.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { htmlEscape, htmlReport } from '../../src/report/html-report.js';
import { CHECKED_AT, HOSTILE, NASTY_PATHS, RULES, SECRET, SECRET_2, finding, nastyReport, summary, verifiedReport } from '../helpers/report-fixture.js';

const html = htmlReport(nastyReport({ secrets: false }), { rules: RULES });

const inline = (tag: 'style' | 'script', page: string): string[] => [...page.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);

interface Tag {
  name: string;
  attributes: Map<string, string>;
}

/**
 * The page's real elements. Escaped text holds no `<` and escaped attribute values no `"`, so outside the
 * style and script bodies every `<…>` is a tag the report wrote, never one a path smuggled in.
 */
function tags(page: string): Tag[] {
  const markup = page.replace(/<(style|script)>[\s\S]*?<\/\1>/g, '<$1></$1>');
  return [...markup.matchAll(/<([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"<]*")?)*)\s*>/gi)].map((m) => ({
    name: m[1].toLowerCase(),
    attributes: new Map([...m[2].matchAll(/([a-z-]+)(?:="([^"]*)")?/gi)].map((a) => [a[1].toLowerCase(), a[2] ?? ''])),
  }));
}

describe('htmlReport', () => {
  it('renders hostile paths, authors and messages as text', () => {
    for (const raw of ['<img src=x onerror=alert(1)>', '<script>alert("author")</script>', '<b>logo</b>', '<b>', '\u0001', '\u001b', '\u0007']) {
      expect(html).not.toContain(raw);
    }
    expect(html).toContain(htmlEscape(NASTY_PATHS.markup));
    expect(html).toContain('web/&lt;img src=x onerror=alert(1)&gt;.html');
    expect(html).toContain('&lt;script&gt;alert(&quot;author&quot;)&lt;/script&gt;');
    expect(html).toContain(htmlEscape(NASTY_PATHS.unicode));
    expect(html).toContain('odd/ctrl\uFFFD\uFFFD[31mred\uFFFD.txt');
    // the only elements are the report's own: one style, one script, no images, frames or objects
    expect(inline('style', html)).toHaveLength(1);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<(?:img|iframe|object|embed|link|svg|math|base|form)\b/i);
  });

  it('loads nothing from the network: no asset URL, only documentation links', () => {
    const found = tags(html);
    // every `<` in the page opens one of these: a tag count that matches means no tag was missed
    expect(found.length).toBe(html.replace(/<(style|script)>[\s\S]*?<\/\1>/g, '<$1></$1>').match(/<(?!\/|!)/g)?.length);
    const allowed = ['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'p', 'dl', 'div', 'dt', 'dd', 'details', 'summary', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'code', 'br', 'input', 'label', 'main', 'section', 'a', 'script'];
    expect(found.map((t) => t.name).filter((name) => !allowed.includes(name))).toEqual([]);
    const attributes = new Set(found.flatMap((t) => [...t.attributes.keys()]));
    expect([...attributes].filter((name) => /^(?:on|src|srcset|style|action|formaction|poster|data$|xlink)/.test(name))).toEqual([]);
    // URLs appear only as link targets, and only https ones from the rules' references and revocation links
    const hrefs = found.filter((t) => t.attributes.has('href'));
    expect(hrefs.every((t) => t.name === 'a')).toBe(true);
    // each rule's revocation link first, then its references
    expect(hrefs.map((t) => t.attributes.get('href'))).toEqual([
      'https://dashboard.stripe.com/apikeys',
      'https://docs.stripe.com/keys',
      'https://console.aws.amazon.com/iam/home#/security_credentials',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    ]);
    expect(found.flatMap((t) => [...t.attributes].filter(([name, value]) => name !== 'href' && name !== 'data-search' && /https?:/i.test(value)))).toEqual([]);
    expect(inline('style', html)[0]).not.toMatch(/url\(|@import|@font-face|https?:/i);
    expect(inline('script', html)[0]).not.toMatch(/fetch|XMLHttpRequest|import\(|https?:|innerHTML/);
    // a rule file's javascript: reference never becomes a link
    expect(html).not.toContain('javascript:');
  });

  it('allows only its own inline style and script through a Content-Security-Policy', () => {
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.[1] ?? '';
    const hash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${hash(inline('style', html)[0])}`);
    expect(csp).toContain(`script-src ${hash(inline('script', html)[0])}`);
    expect(csp).not.toContain('unsafe-inline');
    // CSP hashes do not cover inline handlers or style attributes: the markup must not rely on them
    expect(tags(html).flatMap((t) => [...t.attributes.keys()]).filter((name) => name.startsWith('on') || name === 'style')).toEqual([]);
  });

  it('groups findings by rule (most severe first), then by path', () => {
    const headings = [...html.matchAll(/<section class="rule"><h2>.*?<code class="muted">([^<]*)<\/code>/g)].map((m) => m[1]);
    expect(headings).toEqual(['stripe.secret-key', 'aws.access-key-id', 'generic.password', 'custom.token']);
    const aws = html.slice(html.indexOf('<code class="muted">aws.access-key-id'), html.indexOf('<code class="muted">generic.password'));
    const paths = [...aws.matchAll(/<h3>([^<]*)<\/h3>/g)].map((m) => m[1]);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toHaveLength(4);
    expect(html).toContain('<td class="mono">12:7</td>');
    expect(html).toMatch(/<td>Eve &quot;the, quoter&quot; &lt;ann@example.com&gt;<\/td>/);
  });

  it('has the summary, a text filter and severity checkboxes', () => {
    for (const label of ['commits', 'blobs scanned', 'bytes scanned', 'duration', 'engine', 'skipped']) expect(html).toContain(`<dt>${label}</dt>`);
    expect(html).toContain('<dd>6413</dd>');
    expect(html).toContain('<dd>146.9 MiB</dd>');
    expect(html).toContain('id="filter"');
    for (const severity of ['critical', 'high', 'medium', 'low']) expect(html).toContain(`<input type="checkbox" data-severity="${severity}" checked>`);
    expect(html).not.toContain('Scan incomplete');
    const incomplete = htmlReport({ findings: [], summary: summary(0, { incomplete: true, blobsSkipped: { binary: 0, 'too-large': 0, missing: 1, failed: 0 } }) });
    expect(incomplete).toContain('Scan incomplete: 1 blob(s) could not be read or scanned');
    expect(incomplete).toContain('No secrets found.');
  });

  it('shows the lifecycle action of each finding when there is one', () => {
    const live = finding('a.env', { lifecycle: { presentAt: ['HEAD'], reachableFrom: ['refs/heads/main'], action: 'rotate' } });
    const gone = finding('b.env', { lifecycle: { presentAt: [], removedIn: 'c0ffee'.repeat(6) + 'abcd', reachableFrom: ['refs/tags/<v1>'], action: 'rotate-and-purge' } });
    const html = htmlReport({ findings: [live, gone], summary: summary(2) }, { color: false, rules: RULES });
    expect(html).toContain('<strong>rotate</strong><br><span class="mono">still at HEAD</span>');
    expect(html).toContain('rotate and purge history</strong><br><span class="mono">removed in c0ffeec0ffee, reachable from refs/tags/&lt;v1&gt;</span>');
  });

  it('with --verify: a verified column, a data-verification on every row, a status filter and the counts', () => {
    const page = htmlReport(verifiedReport({ secrets: false }), { rules: RULES });
    expect(tags(page).filter((t) => t.name === 'tr' && t.attributes.has('data-severity')).map((t) => t.attributes.get('data-verification'))).toEqual([
      // stripe (critical) first; aws by path: config dir, odd, two, web; then password and custom
      'valid', 'valid', 'invalid', 'unknown', 'valid', 'unknown', 'none',
    ]);
    expect(page.match(/<th class="col-verified">verified<\/th>/g)).toHaveLength(7);
    expect(page).toContain(`<td class="ver-valid" title="aws, checked ${CHECKED_AT}">live (valid)<br><span class="muted">account 123456789012, arn arn:aws:iam::123456789012:user/ci</span></td>`);
    expect(page).toContain('<td class="ver-invalid" title="aws, checked 2025-05-01T10:00:00Z">invalid<br><span class="muted">http 403</span></td>');
    expect(page).toContain('<td class="ver-none muted">not checked</td>');
    // a provider's identity is text like any path
    expect(page).not.toContain(HOSTILE.img);
    expect(page).not.toContain(HOSTILE.script);
    expect(page).toContain(htmlEscape(`user ${HOSTILE.img}, org ${HOSTILE.script}`));
    for (const [key, label, count] of [['valid', 'live (valid)', 3], ['invalid', 'invalid', 1], ['unknown', 'not verified', 2], ['none', 'not checked', 1]]) {
      expect(page).toContain(`<label><input type="checkbox" data-verification="${key}" checked> ${label} (${count})</label>`);
    }
    for (const [label, value] of [['live (valid)', '3'], ['invalid', '1'], ['not verified', '2 (1 unsupported)'], ['verification requests', '5 (1 cached)']]) {
      expect(page).toContain(`<div><dt>${label}</dt><dd>${value}</dd></div>`);
    }
    const csp = page.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.[1] ?? '';
    expect(csp).toContain(`script-src 'sha256-${createHash('sha256').update(inline('script', page)[0]).digest('base64')}'`);
    expect(tags(page).flatMap((t) => [...t.attributes.keys()]).filter((name) => name.startsWith('on') || name === 'style')).toEqual([]);
  });

  it('without --verify: no verified column and no status filter, but rows still say none', () => {
    expect(html).not.toContain('<th class="col-verified">');
    expect(html).not.toContain('<input type="checkbox" data-verification');
    expect(html).not.toContain('<dt>verification requests</dt>');
    expect(html.match(/data-verification="none"/g)).toHaveLength(7);
    // every finding verified: no box for the unchecked ones
    const all = verifiedReport({ secrets: false });
    all.findings = all.findings.slice(0, 6);
    expect(htmlReport(all)).not.toContain('data-verification="none"');
  });

  it('shows a plain secret only when the finding carries it', () => {
    for (const secret of [SECRET, SECRET_2, 'hunter2hunter2']) expect(html).not.toContain(secret);
    const shown = htmlReport(nastyReport({ secrets: true }), { rules: RULES });
    expect(shown).toContain(`<code class="secret">${SECRET}</code>`);
    expect(shown).toContain(`<code class="secret">${SECRET_2}</code>`);
  });
});
