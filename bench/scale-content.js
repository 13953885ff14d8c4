// What bench/scale.js's repositories hold: a long history of source-like text with a few invented secrets, or one
// huge text blob; written into a `git fast-import` stream (`fi`, see scale-repo.js), the same bytes for the same spec.
import { makeRng, fillerLine, ident } from './synthetic-text.js';
import { PLANT_KINDS } from './synthetic-plants.js';

// ---- text -----------------------------------------------------------------------------------------

const EXT_WEIGHTS = { js: 28, ts: 22, py: 20, md: 8, yaml: 8, json: 5, sh: 4, ini: 3, env: 2 };
const EXT_DIRS = { js: 'src/%m', ts: 'web/src/%m', py: 'services/%m', md: 'docs', yaml: 'deploy/%e', json: 'config', sh: 'scripts', ini: 'conf', env: 'env' };
const MODULES = ['billing', 'auth', 'ingest', 'search', 'notify', 'export', 'ledger', 'gateway', 'profile', 'reports'];
const ENVS = ['dev', 'staging', 'prod'];
const AUTHORS = ['Ada Byron', 'Grace Hopper', 'Linus Pauling', 'Edsger Wybe', 'Barbara Liskov', 'Ken Thompson', 'Radia Perlman', 'Alan Kay'];

/**
 * Lines that carry a keyword (password, secret, token, key …) but no secret: each sends the detectors
 * into a rule regex that must reject it, which is the expensive path of a real scan.
 */
const KEYWORD_LINES = [
  (r) => `  const ${ident(r)}Secret = vault.read('${r.pick(MODULES)}/${ident(r)}');`,
  (r) => `    password_min_length = ${r.range(8, 16)}`,
  (r) => `  "secret_ref": "projects/${r.pick(MODULES)}/secrets/${ident(r)}",`,
  (r) => `  auth: { user: ${ident(r)}, password: ${ident(r)}.password },`,
  (r) => `    api_key = os.getenv("${r.pick(MODULES).toUpperCase()}_API_KEY")`,
  (r) => `  token_ttl_seconds: ${r.range(60, 86400)}`,
  (r) => `  // rotate the ${r.pick(MODULES)} signing key before ${ident(r)} expires`,
  (r) => `export ${r.pick(MODULES).toUpperCase()}_TOKEN_FILE="/run/secrets/${ident(r)}"`,
  (r) => `  headers['Authorization'] = \`Bearer \${${ident(r)}.accessToken}\`;`,
];

function line(rng, ext) {
  return rng.chance(0.015) ? rng.pick(KEYWORD_LINES)(rng) : fillerLine(rng, ext);
}

function pickExt(rng) {
  let r = rng.int(100);
  for (const [ext, w] of Object.entries(EXT_WEIGHTS)) if ((r -= w) < 0) return ext;
  return 'js';
}

/** Log-uniform between 20 and 2,500 lines (~20 KB on average): many small files, a few large ones. */
function newFileLines(rng, ext) {
  const n = Math.round(Math.exp(Math.log(20) + rng.next() * Math.log(2500 / 20)));
  return Array.from({ length: n }, () => line(rng, ext));
}

function editLines(rng, lines, ext) {
  const out = lines.slice();
  for (let k = rng.range(1, 4); k > 0; k--) {
    const op = rng.int(10);
    const at = rng.int(out.length + 1);
    const fresh = (n) => Array.from({ length: n }, () => line(rng, ext));
    if (op < 5 && out.length < 4000) out.splice(at, 0, ...fresh(rng.range(1, 12)));
    else if (op < 8) out.splice(at, rng.range(1, 3), ...fresh(rng.range(1, 3)));
    else if (out.length > 10) out.splice(at, rng.range(1, 6));
  }
  return out;
}

// ---- the history ----------------------------------------------------------------------------------

/**
 * Commits until the blobs written reach spec.targetBytes: main gets 1–4 edited files per commit (hot files more
 * often), now and then a new or deleted file; feature branches (own directory plus edits to shared files) merge
 * back with a merge commit; a few stay unmerged; tags every 500 main commits; invented secrets planted on main.
 */
export async function writeHistory(spec, fi, log) {
  const rng = makeRng(spec.seed);
  let nameCounter = 0;
  const newPath = (ext, base = '') => {
    const dir = EXT_DIRS[ext].replace('%m', rng.pick(MODULES)).replace('%e', rng.pick(ENVS));
    return `${base}${dir}/${ident(rng).toLowerCase()}-${++nameCounter}.${ext}`;
  };
  const extOf = (p) => p.slice(p.lastIndexOf('.') + 1);
  const main = { ref: 'refs/heads/main', files: new Map(), order: [], tip: null };
  const features = [];
  let mark = 0;
  let time = Date.parse('2014-01-06T09:00:00Z') / 1000;
  let bytes = 0;
  let mainCommits = 0;
  let branchCount = 0;
  // plant k goes into the first main commit after k/(plants+1) of the target bytes: spread evenly, all of them
  const plantDue = () => (spec.targetBytes * (planted + 1)) / (spec.plants + 1);
  let planted = 0;

  async function commit(branch, message, changes, { from = null, merge = null, counts = true } = {}) {
    const author = AUTHORS[rng.int(AUTHORS.length)];
    time += rng.range(300, 20000);
    const who = `${author} <${author.toLowerCase().replace(/ /g, '.')}@example.invalid> ${time} +0000`;
    await fi.emit(`commit ${branch.ref}\nmark :${++mark}\nauthor ${who}\ncommitter ${who}\n`);
    await fi.data(message);
    if (from) await fi.emit(`from :${from}\n`);
    if (merge) await fi.emit(`merge :${merge}\n`);
    for (const [p, lines] of changes) {
      if (lines === null) {
        await fi.emit(`D ${p}\n`);
        continue;
      }
      const text = lines.join('\n') + '\n';
      if (counts) bytes += text.length;
      await fi.emit(`M 100644 inline ${p}\n`);
      await fi.data(text);
    }
    await fi.emit('\n');
    for (const [p, lines] of changes) {
      if (lines === null) branch.files.delete(p);
      else {
        if (!branch.files.has(p)) branch.order.push(p);
        branch.files.set(p, lines);
      }
    }
    branch.tip = mark;
    return mark;
  }

  const init = new Map();
  for (let i = 0; i < spec.initialFiles; i++) {
    const ext = pickExt(rng);
    init.set(newPath(ext), newFileLines(rng, ext));
  }
  await commit(main, 'Initial import', init);
  mainCommits++;

  // Hot files first: the square biases picks towards the start of the list (older files change more).
  const pickLive = (branch, filter = () => true) => {
    const live = branch.order.filter((p) => branch.files.has(p) && filter(p));
    return live.length ? live[Math.floor(live.length * rng.next() ** 2)] : null;
  };

  while (bytes < spec.targetBytes) {
    const changes = new Map();
    const done = features.find((f) => f.remaining <= 0 && !f.wip);
    if (done) {
      features.splice(features.indexOf(done), 1);
      for (const p of done.touched) changes.set(p, done.files.get(p) ?? null);
      await commit(main, `Merge branch '${done.name}'`, changes, { merge: done.tip, counts: false });
      mainCommits++;
      continue;
    }
    const active = features.filter((f) => f.remaining > 0);
    if (active.length < 3 && rng.chance(1 / 50)) {
      const wip = rng.chance(0.1);
      const name = `${wip ? 'wip' : 'feature'}/${rng.pick(['add', 'fix', 'rework'])}-${ident(rng).toLowerCase()}-${++branchCount}`;
      const f = { name, ref: `refs/heads/${name}`, wip, files: new Map(main.files), order: main.order.slice(), tip: null, from: main.tip, dir: `features/${name.split('/')[1]}/`, remaining: rng.range(5, 30), touched: new Set() };
      for (let k = rng.range(1, 4); k > 0; k--) {
        const ext = pickExt(rng);
        changes.set(newPath(ext, f.dir), newFileLines(rng, ext));
      }
      features.push(f);
      for (const p of changes.keys()) f.touched.add(p);
      await commit(f, `Start ${name}`, changes, { from: f.from });
      continue;
    }
    // a wip branch whose count has run out is abandoned: never merged, never committed to again
    const onFeature = active.length > 0 && rng.chance(0.3);
    const branch = onFeature ? rng.pick(active) : main;
    const edits = [1, 1, 1, 1, 2, 2, 2, 3, 3, 4][rng.int(10)];
    for (let k = 0; k < edits; k++) {
      const p = onFeature && rng.chance(0.7) ? pickLive(branch, (q) => q.startsWith(branch.dir)) : pickLive(branch);
      if (p) changes.set(p, editLines(rng, changes.get(p) ?? branch.files.get(p), extOf(p)));
    }
    if (!onFeature && rng.chance(0.03)) {
      const ext = pickExt(rng);
      changes.set(newPath(ext), newFileLines(rng, ext));
    }
    if (!onFeature && rng.chance(0.005)) {
      const p = pickLive(main);
      if (p && !changes.has(p)) changes.set(p, null);
    }
    if (!onFeature && planted < spec.plants && bytes >= plantDue()) {
      const kinds = Object.keys(PLANT_KINDS);
      const kind = PLANT_KINDS[kinds[planted % kinds.length]];
      const ext = rng.pick(kind.exts);
      const p = ext === 'pem' ? `keys/deploy-${++nameCounter}.pem` : pickLive(main, (q) => q.endsWith(`.${ext}`) && !changes.has(q)) ?? newPath(ext);
      const lines = ext === 'pem' ? [] : changes.get(p) ?? main.files.get(p) ?? [];
      const at = rng.int(lines.length + 1);
      changes.set(p, [...lines.slice(0, at), ...kind.write(rng, ext).lines, ...lines.slice(at)]);
      planted++;
    }
    if (changes.size === 0) continue;
    const first = [...changes.keys()][0].split('/').pop();
    await commit(branch, `${rng.pick(['Fix', 'Add', 'Update', 'Refactor', 'Tidy', 'Handle'])} ${ident(rng)} in ${first}`, changes);
    if (onFeature) {
      branch.remaining--;
      for (const p of changes.keys()) branch.touched.add(p);
    } else if (++mainCommits % 500 === 0) {
      await fi.emit(`reset refs/tags/v${mainCommits / 500}.0.0\nfrom :${main.tip}\n\n`);
    }
    if (mark % 2000 === 0) log(`${mark} commits, ${(bytes / 1e6).toFixed(0)} MB of blobs`);
  }
  return { commitsWritten: mark, blobBytesWritten: bytes, planted };
}

// ---- one huge blob --------------------------------------------------------------------------------

/**
 * One commit: a README and `data/export.txt`, exactly spec.blobBytes of text: lines of source-ish text
 * with invented secrets at evenly spaced places. Returns the planted lines (1-based) for the recall check.
 */
export async function writeBigBlob(spec, fi) {
  const rng = makeRng(spec.seed);
  const kinds = ['aws', 'github', 'slack', 'stripe', 'password'];
  const step = Math.floor(spec.blobBytes / (spec.plants + 1));
  const parts = [];
  const plants = [];
  let size = 0;
  let lineNo = 0;
  let nextPlant = step;
  let writes = 0;
  while (size < spec.blobBytes) {
    let lines;
    if (size >= nextPlant && writes < spec.plants) {
      const kind = kinds[writes++ % kinds.length];
      const w = PLANT_KINDS[kind].write(rng, PLANT_KINDS[kind].exts.includes('py') ? 'py' : PLANT_KINDS[kind].exts[0]);
      for (const s of w.secrets) plants.push({ kind: s.kind, line: lineNo + s.offset + 1 });
      lines = w.lines;
      nextPlant += step;
    } else {
      const ext = ['js', 'py', 'yaml', 'sh'][Math.floor(lineNo / 400) % 4];
      lines = [line(rng, ext)];
    }
    for (const l of lines) {
      parts.push(l, '\n');
      size += l.length + 1;
      lineNo++;
    }
  }
  const text = parts.join('');
  const blob = text.length > spec.blobBytes ? text.slice(0, spec.blobBytes - 1) + '\n' : text;
  const readme = '# export\n\nA nightly export, committed by mistake.\n';
  const who = `Ada Byron <ada.byron@example.invalid> ${Date.parse('2021-05-04T10:00:00Z') / 1000} +0000`;
  await fi.emit(`commit refs/heads/main\nmark :1\nauthor ${who}\ncommitter ${who}\n`);
  await fi.data('Add nightly export');
  await fi.emit('M 100644 inline README.md\n');
  await fi.data(readme);
  await fi.emit('M 100644 inline data/export.txt\n');
  await fi.data(blob);
  await fi.emit('\n');
  return { commitsWritten: 1, blobBytesWritten: blob.length + readme.length, bigBlobBytes: blob.length, bigBlobPath: 'data/export.txt', plants };
}
