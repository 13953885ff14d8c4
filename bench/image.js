// Scans a generated container image of over 1 GB with `leaksweep image` and prints time, MB/s and peak RSS.
// The image (docker save layout, uncompressed layers like `docker save` writes) is seeded and cached in
// ~/.cache/leaksweep-bench/. Usage: node bench/image.js [--jobs N] [--force]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, RSS_WRAPPER, benchContext, measured } from './measure.js';

const SPEC = { version: 2, seed: 20261205, layers: 12, textFilesPerLayer: 2600, textBytes: 21_000, binariesPerLayer: 4, binaryBytes: 5 << 20, hugeBytes: 24 << 20 };
const CACHE = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'leaksweep-bench');
const IMAGE = path.join(CACHE, `image-v${SPEC.version}.tar`);
const args = process.argv.slice(2);
const jobs = args.includes('--jobs') ? args[args.indexOf('--jobs') + 1] : String(os.availableParallelism());

/** Invented, shape-valid tokens: what the scan must find. */
const PLANTS = { aws: 'AKIAQ7ZK2NBXMPL3RTEW', github: 'ghp_Vb7Qm2Lx9RtK4wN8pZ3sY6cF1dJ5hG0aTuE2' };

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'config server client request response handler module export import default value option cache token index route user order item build deploy service logger error retry timeout session render parse format stream buffer queue worker'.split(' ');
/** Lines shaped like code, config and logs; made once, drawn from for every file. */
function vocabulary(random) {
  const word = () => WORDS[Math.floor(random() * WORDS.length)];
  const shapes = [
    () => `const ${word()}${word()} = require('${word()}-${word()}');`,
    () => `  ${word()}: ${word()}_${Math.floor(random() * 1e4)}`,
    () => `// ${word()} the ${word()} before the ${word()} ${word()}s`,
    () => `export function ${word()}${word()}(${word()}, ${word()}) { return ${word()}.${word()}(${word()}); }`,
    () => `2025-03-0${1 + Math.floor(random() * 9)}T12:00:00Z INFO ${word()} ${word()} took ${Math.floor(random() * 900)}ms`,
    () => `${word().toUpperCase()}_${word().toUpperCase()}=${word()}`,
  ];
  return Array.from({ length: 4000 }, () => shapes[Math.floor(random() * shapes.length)]());
}

function tarHeader(name, size, flag = '0') {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100);
  block.write('0000644\0', 100);
  block.write('0000000\0', 108);
  block.write('0000000\0', 116);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write('14000000000\0', 136);
  block.write(flag, 156);
  block.write('ustar\0', 257);
  block.write('00', 263);
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}
const pad = (size) => Buffer.alloc((512 - (size % 512)) % 512);
const tarSize = (files) => files.reduce((total, file) => total + 512 + file.size + pad(file.size).length, 1024);

/** Each layer's files as (name, size, make): sizes are known before any byte is made, so tar headers can be written first. */
function layerPlan(index, lines) {
  const random = prng(SPEC.seed + index);
  const files = [];
  for (let i = 0; i < SPEC.textFilesPerLayer; i += 1) {
    const size = Math.floor(SPEC.textBytes * (0.3 + 1.4 * random()));
    const start = Math.floor(random() * lines.length);
    files.push({
      name: `usr/share/app${index}/${WORDS[i % WORDS.length]}/${i}.${['js', 'yaml', 'log', 'conf'][i % 4]}`,
      size,
      make: () => {
        const parts = [];
        let length = 0;
        for (let at = start; length <= size; at = (at + 7) % lines.length) {
          parts.push(lines[at]);
          length += lines[at].length + 1;
        }
        return Buffer.from(parts.join('\n')).subarray(0, size);
      },
    });
  }
  for (let i = 0; i < SPEC.binariesPerLayer; i += 1) {
    const seed = SPEC.seed * 31 + index * 7 + i;
    files.push({ name: `usr/lib/app${index}/lib${i}.so`, size: SPEC.binaryBytes, make: () => randomBytes(seed, SPEC.binaryBytes) });
  }
  files.push({ name: `opt/models/model${index}.bin`, size: SPEC.hugeBytes, make: () => randomBytes(SPEC.seed + index, SPEC.hugeBytes) });
  const plant = (name, text) => files.push({ name, size: Buffer.byteLength(text), make: () => Buffer.from(text) });
  if (index === 2) plant('app/.env', `NODE_ENV=production\nAWS_ACCESS_KEY_ID=${PLANTS.aws}\n`);
  if (index === 5) plant('app/.wh..env', '');
  if (index === 8) plant('app/config/deploy.yaml', `registry:\n  token: ${PLANTS.github}\n`);
  return files;
}

function randomBytes(seed, size) {
  const random = prng(seed);
  const out = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i += 4) out.writeUInt32LE((random() * 4294967296) >>> 0, Math.min(i, size - 4));
  return out;
}

async function write(stream, chunk, hash) {
  hash?.update(chunk);
  if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
}

async function buildImage() {
  fs.mkdirSync(CACHE, { recursive: true });
  const temporary = `${IMAGE}.${process.pid}.tmp`;
  const out = fs.createWriteStream(temporary);
  const lines = vocabulary(prng(SPEC.seed));
  const diffIds = [];
  const layerNames = [];
  for (let index = 0; index < SPEC.layers; index += 1) {
    const files = layerPlan(index, lines);
    const name = `layers/${index}/layer.tar`;
    layerNames.push(name);
    await write(out, tarHeader(name, tarSize(files)));
    const hash = createHash('sha256');
    for (const file of files) {
      await write(out, tarHeader(file.name, file.size), hash);
      await write(out, file.make(), hash);
      await write(out, pad(file.size), hash);
    }
    await write(out, Buffer.alloc(1024), hash);
    await write(out, pad(tarSize(files)));
    diffIds.push(`sha256:${hash.digest('hex')}`);
    process.stderr.write(`bench/image: layer ${index + 1}/${SPEC.layers} written\n`);
  }
  const history = [
    ...diffIds.slice(0, 3).map((_, i) => ({ created_by: `COPY layer${i} /` })),
    { created_by: 'ARG NPM_TOKEN', empty_layer: true },
    ...diffIds.slice(3).map((_, i) => ({ created_by: i === 0 ? `|1 NPM_TOKEN=${PLANTS.github} /bin/sh -c npm ci` : `COPY layer${i + 3} /` })),
  ];
  const config = Buffer.from(JSON.stringify({ config: { Env: [`AWS_ACCESS_KEY_ID=${PLANTS.aws}`], Cmd: ['node', 'app'] }, rootfs: { type: 'layers', diff_ids: diffIds }, history }));
  const manifest = Buffer.from(JSON.stringify([{ Config: 'config.json', RepoTags: ['bench/big:1'], Layers: layerNames }]));
  for (const [name, data] of [['config.json', config], ['manifest.json', manifest]]) {
    await write(out, tarHeader(name, data.length));
    await write(out, data);
    await write(out, pad(data.length));
  }
  await write(out, Buffer.alloc(1024));
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  fs.writeFileSync(`${IMAGE}.spec.json`, JSON.stringify(SPEC));
  fs.renameSync(temporary, IMAGE);
}

const cached = fs.existsSync(IMAGE) && fs.existsSync(`${IMAGE}.spec.json`) && fs.readFileSync(`${IMAGE}.spec.json`, 'utf8') === JSON.stringify(SPEC);
if (!cached || args.includes('--force')) await buildImage();
const bytes = fs.statSync(IMAGE).size;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leaksweep-bench-image-'));
const report = path.join(tmp, 'report.json');
const cliArgs = ['image', IMAGE, '--format', 'json', '--output', report, '--quiet', '--jobs', jobs];
const run = await measured(process.execPath, [CLI, ...cliArgs], { fallback: { cmd: process.execPath, args: [RSS_WRAPPER, ...cliArgs] } });
const summary = JSON.parse(fs.readFileSync(report, 'utf8'));
fs.rmSync(tmp, { recursive: true, force: true });
const result = {
  ...(await benchContext()),
  image: { file: IMAGE, bytes, layers: summary.summary.images.layers },
  exitCode: run.code,
  seconds: +run.seconds.toFixed(2),
  mbPerSecond: +(bytes / 1e6 / run.seconds).toFixed(1),
  peakRssMB: run.peakRssMB === null ? null : +run.peakRssMB.toFixed(1),
  cpuSeconds: run.cpuSeconds,
  blobsScanned: summary.summary.blobsScanned,
  bytesScanned: summary.summary.bytesScanned,
  blobsSkipped: summary.summary.blobsSkipped,
  findings: summary.findings.map((f) => `${f.ruleId} ${f.path}${f.image?.deletedIn ? ' (deleted in a later layer)' : ''}`),
};
console.log(JSON.stringify(result, null, 2));
if (run.code !== 1) process.exitCode = 1;
