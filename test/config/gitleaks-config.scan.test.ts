// A team's .gitleaks.toml and .gitleaksignore on a real repository: its rules find, its allowlists and ignore file drop, exactly.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/git-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { AWS_KEY, AWS_KEY_2 } from '../helpers/test-rules.js';

/** Invented acme_ tokens, one per place, so each expectation names the value it is about. */
const TOKEN = {
  live: 'acme_lbk6m3quigq9o0uc3mwfnmem',
  fixture: 'acme_8zgilfcm83drp5hu422gvy15',
  testValue: 'acme_test_w37hmt8z9uizvmgfrx',
  sandbox: 'acme_sandbox_68gsuf27szrh3n5',
  exampleLine: 'acme_vutsxm0065fvu28wnvdova2m',
  rotatedSeed: 'acme_rotated_fks1ardqp3pkphu',
  seed: 'acme_kdzd1169wikrtl3petkgozwu',
  rotatedElsewhere: 'acme_rotated_25prm6j2bsbuetomh',
  vectors: 'acme_0egoylljybsbe3o8eldt4ncj',
  legacy: 'acme_qbex8ce90qty0ed8gg50myj2',
};
const DB_PASSWORD = 'Zq8-vR2m!kLp4Ws7';
const CORP_KEY = 'CORPKEY-S45DLFS5RMC89MV0';

/** `allowlists: false` leaves every allowlist out, to show that each value they drop is otherwise found. */
function gitleaksToml(vectorsCommit: string, allowlists = true): string {
  const text = `title = "acme gitleaks config"

[extend]
useDefault = true

[allowlist]
description = "global: fixtures, test values, sandbox tokens"
paths = ['''^fixtures/''']
regexes = ['''^acme_test_''']
stopwords = ["sandbox"]

[[allowlists]]
description = "the commit that added the published test vectors"
targetRules = ["acme-api-token"]
commits = ["${vectorsCommit}"]

[[rules]]
id = "acme-api-token"
description = "Acme API token"
regex = '''\\b(acme_[a-z0-9_]{20,40})\\b'''
secretGroup = 1
entropy = 3.0
keywords = ["acme_"]
tags = ["acme", "token"]

  [[rules.allowlists]]
  description = "lines marked as examples"
  regexTarget = "line"
  regexes = ['''#\\s*gitleaks-example''']

  [[rules.allowlists]]
  description = "the rotated token of the seed script, and only there"
  condition = "AND"
  paths = ['''^scripts/seed\\.sh$''']
  stopwords = ["rotated"]

[[rules]]
id = "InternalDB_Password"
description = "Internal database password"
regex = '''(?i)db_pass(?:word)?\\s*=\\s*"([^"]{8,})"'''
path = '''\\.ini$'''
keywords = ["db_pass"]

[[rules]]
id = "corp-key"
description = "Corp vault key (the file says corp-vault somewhere)"
regex = '''\\b(CORPKEY-[A-Z0-9]{16})\\b'''
keywords = ["corp-vault"]
`;
  return allowlists ? text : text.replace(/\[allowlist\][^]*?(?=\[\[rules\]\])/, '').replace(/ {2}\[\[rules\.allowlists\]\][^]*?(?=\n\[\[rules\]\])/g, '');
}

describe('a .gitleaks.toml at the scanned repository', () => {
  const filler = Array.from({ length: 80 }, (_, i) => `line ${i} of unrelated text, long enough to push the key away`).join('\n');
  const repo = makeRepo([
    {
      message: 'app',
      files: {
        'app/config.py': `ACME_TOKEN = "${TOKEN.live}"\n`,
        'fixtures/client.py': `token = "${TOKEN.fixture}"\n`,
        'fixtures/aws.ini': `aws_access_key_id = ${AWS_KEY}\n`,
        'app/aws.ini': `aws_access_key_id = ${AWS_KEY_2}\n`,
        'app/values.py': `token = "${TOKEN.testValue}"\n`,
        'app/sandbox.py': `token = "${TOKEN.sandbox}"\n`,
        'docs/setup.md': `export ACME=${TOKEN.exampleLine}  # gitleaks-example\n`,
        'scripts/seed.sh': `OLD=${TOKEN.rotatedSeed}\nNEW=${TOKEN.seed}\n`,
        'app/other.py': `old = "${TOKEN.rotatedElsewhere}"\n`,
        'config/db.ini': `db_password = "${DB_PASSWORD}"\n`,
        'app/db.txt': `db_password = "${DB_PASSWORD}"\n`,
        'deploy/keys.txt': `# corp-vault export\n${filler}\nkey ${CORP_KEY}\n`,
        'deploy/other.txt': `${filler}\nkey ${CORP_KEY}\n`,
      },
    },
    { message: 'add test vectors', files: { 'vectors/v.txt': `vector ${TOKEN.vectors}\n` } },
    { message: 'legacy client', files: { 'app/legacy.py': `LEGACY = "${TOKEN.legacy}"\n` } },
  ]);
  const [, vectors, legacy] = repo.git('rev-list', '--reverse', 'HEAD').trim().split('\n');
  writeFileSync(join(repo.dir, '.gitleaks.toml'), gitleaksToml(vectors));
  writeFileSync(join(repo.dir, '.gitleaksignore'), `# rotated in 2023\n\n${legacy}:app/legacy.py:acme-api-token:1\n`);
  afterAll(() => repo.cleanup());

  it('finds what its rules find and drops what its allowlists and .gitleaksignore drop', async () => {
    const result = await runCli('scan', repo.dir, '--format', 'json', '--jobs', '1', '--show-secrets', '--confidence', 'low');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    const imported = report.findings
      .filter((f: { ruleId: string }) => f.ruleId.startsWith('gitleaks.'))
      .map((f: { ruleId: string; path: string; line: number; secret: string }) => `${f.ruleId} ${f.path}:${f.line} ${f.secret}`)
      .sort();
    expect(imported).toEqual([
      `gitleaks.acme-api-token app/config.py:1 ${TOKEN.live}`,
      `gitleaks.acme-api-token app/other.py:1 ${TOKEN.rotatedElsewhere}`,
      `gitleaks.acme-api-token scripts/seed.sh:2 ${TOKEN.seed}`,
      // the keyword is 80 lines above the key: gitleaks keywords gate the whole file
      `gitleaks.corp-key deploy/keys.txt:82 ${CORP_KEY}`,
      `gitleaks.internaldb-password config/db.ini:1 ${DB_PASSWORD}`,
    ]);
    // the global allowlist holds for leaksweep's own rules too
    const aws = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'aws.access-key-id').map((f: { path: string }) => f.path);
    expect(aws).toEqual(['app/aws.ini']);
    // the .gitleaksignore entry is counted as a baseline suppression
    expect(report.summary.baseline).toMatchObject({ suppressed: 1, stale: [] });
    const rule = report.findings.find((f: { ruleId: string }) => f.ruleId === 'gitleaks.acme-api-token');
    expect(rule).toMatchObject({ ruleName: 'Acme API token', severity: 'high' });
  });

  it('finds every dropped value without the allowlists and the ignore file (the fixture tests what it says)', async () => {
    const stripped = gitleaksToml(vectors, false);
    expect(stripped).not.toMatch(/allowlist/);
    writeFileSync(join(repo.dir, '.gitleaks.toml'), stripped);
    try {
      const result = await runCli('scan', repo.dir, '--format', 'json', '--jobs', '1', '--show-secrets', '--ignore-baseline', '--confidence', 'low');
      const secrets = JSON.parse(result.stdout)
        .findings.filter((f: { ruleId: string }) => f.ruleId === 'gitleaks.acme-api-token')
        .map((f: { secret: string }) => f.secret);
      expect(secrets.sort()).toEqual(Object.values(TOKEN).sort());
    } finally {
      writeFileSync(join(repo.dir, '.gitleaks.toml'), gitleaksToml(vectors));
    }
  });
});

describe('.gitleaksignore in a --no-git scan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leaksweep-gitleaksignore-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('drops a finding named by path:rule-id:line', async () => {
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app/legacy.py'), `LEGACY = "${TOKEN.legacy}"\n`);
    writeFileSync(join(dir, 'app/live.py'), `LIVE = "${TOKEN.live}"\n`);
    writeFileSync(join(dir, '.gitleaks.toml'), gitleaksToml('0'.repeat(40)));
    writeFileSync(join(dir, '.gitleaksignore'), 'app/legacy.py:acme-api-token:1\n');
    const result = await runCli('scan', dir, '--no-git', '--format', 'json', '--jobs', '1', '--show-secrets');
    const report = JSON.parse(result.stdout);
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('gitleaks.')).map((f: { path: string }) => f.path)).toEqual(['app/live.py']);
    expect(report.summary.baseline.suppressed).toBe(1);
  });
});
