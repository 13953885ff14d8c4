// Builds the synthetic corpus: generated code/config history with invented secrets planted (and some removed), via git fast-import.
import fs from 'node:fs';
import path from 'node:path';
import { run, git, withScratchDir, copyInto } from './exec.js';
import { makeRng, fillerLine, ident, FILE_TYPES } from './synthetic-text.js';
import { PLANT_KINDS } from './synthetic-plants.js';

export const SYNTHETIC_SPEC = {
  name: 'synthetic',
  format: 1, // bump when the generator changes, so cached repos are rebuilt
  seed: 20240611,
  commits: 3000,
  initialFiles: 260,
  startDate: '2019-03-01T09:00:00Z',
  plants: { aws: 20, github: 25, slack: 20, stripe: 20, pem: 10, password: 30 },
  removeFraction: 0.35,
};

const EXT_WEIGHTS = { js: 25, ts: 15, py: 20, yaml: 10, ini: 5, env: 5, md: 10, sh: 5, json: 5 };
const EXT_DIRS = { js: 'src/%m', ts: 'web/src', py: 'services/%m', yaml: 'deploy/%e', ini: 'conf', env: 'env', md: 'docs', sh: 'scripts', json: 'settings' };
const MODULES = ['billing', 'auth', 'ingest', 'search', 'notify', 'export'];
const ENVS = ['dev', 'staging', 'prod'];
const AUTHORS = ['Ada Byron', 'Grace Hopper', 'Linus Pauling', 'Edsger Wybe', 'Barbara Liskov', 'Ken Thompson'].map((n) => ({
  name: n,
  email: `${n.toLowerCase().replace(/ /g, '.')}@example.invalid`,
}));

function pickExt(rng) {
  let r = rng.int(100);
  for (const [ext, w] of Object.entries(EXT_WEIGHTS)) if ((r -= w) < 0) return ext;
  return 'js';
}

/** Generates the history as a fast-import stream; returns { stream, plants, markOf } with plants pointing at marks. */
export function generateHistory(spec) {
  const rng = makeRng(spec.seed);
  const chunks = [];
  const emit = (s) => chunks.push(Buffer.from(s, 'utf8'));
  const data = (s) => emit(`data ${Buffer.byteLength(s)}\n${s}\n`);
  let nameCounter = 0;
  const newPath = (ext, dir = '') => {
    const d = EXT_DIRS[ext].replace('%m', rng.pick(MODULES)).replace('%e', rng.pick(ENVS));
    return `${dir}${d}/${ident(rng).toLowerCase()}-${++nameCounter}.${ext}`;
  };
  const newFile = (ext) => Array.from({ length: rng.range(20, 180) }, () => fillerLine(rng, ext));

  // Branch states: files is a Map of path -> array of lines (arrays are replaced, never mutated, once committed).
  const main = { name: 'main', ref: 'refs/heads/main', files: new Map(), dir: null, tip: null, remaining: Infinity };
  const side = []; // active feature and wip branches
  let mark = 0;
  let time = Date.parse(spec.startDate) / 1000;
  let mainCommits = 0;
  let featureCount = 0;
  const owns = (b, p) => (b.dir ? p.startsWith(b.dir) : !side.some((s) => s.dir && p.startsWith(s.dir)));

  function commit(branch, message, changes, { from = null, merge = null } = {}) {
    const author = rng.pick(AUTHORS);
    time += rng.range(600, 30000);
    const who = `${author.name} <${author.email}> ${time} +0000`;
    emit(`commit ${branch.ref}\nmark :${++mark}\nauthor ${who}\ncommitter ${who}\n`);
    data(message);
    if (from) emit(`from :${from}\n`);
    if (merge) emit(`merge :${merge}\n`);
    for (const [p, lines] of changes) {
      if (lines === null) emit(`D ${p}\n`);
      else {
        emit(`M 100644 inline ${p}\n`);
        data(lines.join('\n') + '\n');
      }
    }
    emit('\n');
    branch.tip = mark;
    return mark;
  }

  // Plant schedule: every plant gets its own commit index, spread over the history.
  const plantQueue = [];
  for (const [kind, count] of Object.entries(spec.plants)) for (let i = 0; i < count; i++) plantQueue.push(kind);
  const plantAt = new Map();
  const slots = new Set();
  for (const kind of plantQueue) {
    let c;
    do c = rng.range(40, spec.commits - 20);
    while (slots.has(c));
    slots.add(c);
    plantAt.set(c, kind);
  }
  const plants = [];
  const pendingRemovals = [];

  function plantInto(branch, kind, changes, c) {
    const spec0 = PLANT_KINDS[kind];
    const ext = rng.pick(spec0.exts);
    const base = branch.dir ?? '';
    let p;
    let lines;
    if (ext === 'pem') {
      p = `${base}keys/deploy-${++nameCounter}.pem`;
      lines = [];
    } else {
      const candidates = [...branch.files.keys()].filter((k) => k.endsWith(`.${ext}`) && owns(branch, k));
      p = candidates.length ? rng.pick(candidates) : newPath(ext, base);
      lines = changes.get(p) ?? branch.files.get(p) ?? newFile(ext);
    }
    const w = spec0.write(rng, ext);
    const at = rng.int(lines.length + 1);
    lines = [...lines.slice(0, at), ...w.lines, ...lines.slice(at)];
    changes.set(p, lines);
    const plant = { id: `P${String(plants.length + 1).padStart(3, '0')}`, group: kind, path: p, branch: branch.name, commitIndex: c, lines: w.lines, secrets: w.secrets.map((s) => ({ ...s, line: at + s.offset + 1 })) };
    plants.push(plant);
    if (rng.chance(spec.removeFraction)) pendingRemovals.push({ plant, due: c + rng.range(5, 400) });
    return plant;
  }

  function applyRemovals(branch, changes, c, removedNow) {
    for (let i = pendingRemovals.length - 1; i >= 0; i--) {
      const { plant, due } = pendingRemovals[i];
      if (due > c || plant.branchOwner !== branch || !owns(branch, plant.path)) continue;
      const current = changes.get(plant.path) ?? branch.files.get(plant.path);
      if (!current) continue;
      const drop = new Set(plant.lines);
      changes.set(plant.path, current.filter((l) => !drop.has(l)));
      removedNow.push(plant);
      pendingRemovals.splice(i, 1);
    }
  }

  function editFile(lines, ext) {
    const out = lines.slice();
    for (let k = rng.range(1, 3); k > 0; k--) {
      const op = rng.int(10);
      const at = rng.int(out.length + 1);
      if (op < 5) out.splice(at, 0, ...Array.from({ length: rng.range(1, 8) }, () => fillerLine(rng, ext)));
      else if (op < 8) out.splice(at, rng.range(1, 3), ...Array.from({ length: rng.range(1, 3) }, () => fillerLine(rng, ext)));
      else if (out.length > 10) out.splice(at, rng.range(1, 4));
    }
    return out;
  }

  const extOf = (p) => p.slice(p.lastIndexOf('.') + 1);

  // Initial import.
  const init = new Map();
  for (let i = 0; i < spec.initialFiles; i++) {
    const ext = pickExt(rng);
    init.set(newPath(ext), newFile(ext));
  }
  for (const [p, l] of init) main.files.set(p, l);
  commit(main, 'Initial import', init);
  mainCommits++;

  for (let c = 1; c < spec.commits; c++) {
    const finished = side.find((s) => s.remaining <= 0 && s.kind === 'feature');
    let branch;
    let merge = null;
    const changes = new Map();
    if (finished) {
      branch = main;
      merge = finished;
      side.splice(side.indexOf(finished), 1);
      for (const [p, l] of finished.files) if (p.startsWith(finished.dir) && main.files.get(p) !== l) changes.set(p, l);
    } else {
      const startWip = c === Math.floor(spec.commits * 0.3) || c === Math.floor(spec.commits * 0.7);
      if (startWip || (side.filter((s) => s.kind === 'feature').length < 2 && rng.chance(1 / 60))) {
        const slug = startWip ? `wip-spike-${++featureCount}` : `${rng.pick(['add', 'fix', 'rework'])}-${ident(rng).toLowerCase()}-${++featureCount}`;
        const kind = startWip ? 'wip' : 'feature';
        const b = { name: `${kind}/${slug}`, ref: `refs/heads/${kind}/${slug}`, kind, files: new Map(main.files), dir: `features/${slug}/`, tip: null, remaining: rng.range(8, 40), fromMark: main.tip };
        side.push(b);
        for (let k = rng.range(2, 6); k > 0; k--) {
          const ext = pickExt(rng);
          changes.set(newPath(ext, b.dir), newFile(ext));
        }
        branch = b;
      } else {
        const active = side.filter((s) => s.remaining > 0);
        branch = active.length && rng.chance(0.35) ? rng.pick(active) : main;
      }
      const owned = [...branch.files.keys()].filter((p) => owns(branch, p));
      for (let k = rng.range(1, 3); k > 0 && owned.length; k--) {
        const p = branch === main ? owned[Math.floor(owned.length * rng.next() ** 2)] : rng.pick(owned);
        changes.set(p, editFile(changes.get(p) ?? branch.files.get(p), extOf(p)));
      }
      if (branch === main && rng.chance(0.02)) {
        const ext = pickExt(rng);
        changes.set(newPath(ext), newFile(ext));
      }
    }
    // Removals first: they may shift lines, and a new plant's recorded line must be final.
    const removedNow = [];
    applyRemovals(branch, changes, c, removedNow);
    const newPlants = [];
    if (plantAt.has(c)) newPlants.push(plantInto(branch, plantAt.get(c), changes, c));
    const msg = merge ? `Merge branch '${merge.name}'` : `${rng.pick(['Fix', 'Add', 'Update', 'Refactor', 'Tidy', 'Handle'])} ${ident(rng)} in ${[...changes.keys()][0]?.split('/').pop() ?? 'tree'}`;
    const m = commit(branch, msg, changes, { from: branch !== main && branch.tip === null ? branch.fromMark : null, merge: merge?.tip });
    for (const [p, l] of changes) branch.files.set(p, l);
    if (branch !== main) branch.remaining--;
    for (const p of newPlants) {
      p.mark = m;
      p.branchOwner = branch;
    }
    for (const p of removedNow) p.removedMark = m;
    if (merge) for (const p of plants) if (p.branchOwner === merge) p.branchOwner = main;
    if (branch === main && ++mainCommits % 250 === 0) emit(`reset refs/tags/v1.${mainCommits / 250}.0\nfrom :${m}\n\n`);
  }
  emit('done\n');
  return { stream: Buffer.concat(chunks), plants, commits: mark };
}

/** Builds the repo at `dest` and writes synthetic-planted.json beside it. */
export async function buildSyntheticRepo({ cacheDir, dest, spec = SYNTHETIC_SPEC, log }) {
  const { stream, plants, commits } = generateHistory(spec);
  log(`generated ${commits} commits, ${plants.length} plants, ${(stream.length / 1e6).toFixed(1)} MB stream`);
  const shaOf = await withScratchDir(cacheDir, async (scratch) => {
    const tmp = path.join(scratch, 'repo');
    await run('git', ['init', '-q', '-b', 'main', tmp]);
    await git(tmp, ['config', 'gc.auto', '0']);
    const marksFile = path.join(scratch, 'marks');
    await run('git', ['-C', tmp, 'fast-import', '--quiet', '--done', `--export-marks=${marksFile}`], { input: stream });
    const marks = new Map(
      fs.readFileSync(marksFile, 'utf8').trim().split('\n').map((l) => {
        const [m, sha] = l.split(' ');
        return [Number(m.slice(1)), sha];
      }),
    );
    await git(tmp, ['reset', '-q', '--hard']);
    await git(tmp, ['gc', '--quiet']);
    copyInto(tmp, dest);
    return marks;
  });

  const secrets = plants.flatMap((p) =>
    p.secrets.map((s) => ({
      plant: p.id,
      kind: s.kind,
      secret: s.secret,
      path: p.path,
      line: s.line,
      lineCount: s.lineCount,
      branch: p.branch,
      commit: shaOf.get(p.mark),
      removedIn: p.removedMark ? shaOf.get(p.removedMark) : null,
    })),
  );
  const byKind = {};
  for (const s of secrets) byKind[s.kind] = (byKind[s.kind] ?? 0) + 1;
  const plantedFile = path.join(cacheDir, 'synthetic-planted.json');
  fs.writeFileSync(
    plantedFile,
    JSON.stringify({ note: 'Invented, shape-valid test secrets; none is real.', total: secrets.length, byKind, secrets }, null, 2),
  );
  return { commits, plantedFile, plantedTotal: secrets.length, plantedByKind: byKind, removed: secrets.filter((s) => s.removedIn).length };
}
