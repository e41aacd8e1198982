// `npm test`: type-check every runtime, build the app the browser tests load, run all tests.
//
// The three type-checks need neither Chromium nor PostgreSQL, so they run in the background
// while those are found or installed (mostly waiting on the package manager). The tests then
// run in ONE Vitest, one file at a time on 2 cores: running the unit files beside the browser
// files would save a few minutes but lets timing-sensitive browser checks (a screen at rest,
// a slowed CPU) compete for the CPU — a flaky suite costs more than a slow one.
import { execSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensurePostgres } from './ensure-postgres.mjs';

const results = 'test-results/vitest.json';
rmSync(results, { force: true }); // never report an earlier run's numbers
mkdirSync('test-results', { recursive: true });
const started = Date.now();
const since = () => `${Math.round((Date.now() - started) / 1000)} s`;

/** Runs a command in the background, its output into a file (no pipe to drain while this script blocks). */
function background(cmd) {
  const log = `test-results/${cmd.replace(/[^\w.-]+/g, '_').slice(0, 80)}.log`;
  const fd = openSync(log, 'w');
  const child = spawn('sh', ['-c', cmd], { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const done = new Promise((resolve) => child.on('error', () => resolve(1)).on('close', (code) => resolve(code ?? 1)));
  return done.then((code) => ({ cmd, log, code }));
}
const show = ({ cmd, log, code }) => {
  console.log(`\n$ ${cmd}${code ? `   (exit ${code})` : ''}`);
  process.stdout.write(readFileSync(log, 'utf8'));
  rmSync(log, { force: true });
  return code === 0;
};
const run = (cmd) => {
  console.log(`\n$ ${cmd}`);
  execSync(cmd, { stdio: 'inherit' });
};

const typechecks = ['npx tsc -p tsconfig.json', 'npx tsc -p tsconfig.node.json', 'npx tsc -p tsconfig.sw.json'].map(background);
ensureChromium();
// Found or installed: the PostgreSQL tests must then run, and fail (not skip) if the harness breaks.
if (ensurePostgres()) process.env.REQUIRE_POSTGRES = '1';

let failed = false;
for (const t of await Promise.all(typechecks)) failed = !show(t) || failed;
if (!failed) {
  try {
    run('npx vite build --logLevel warn');
    run(`npx vitest run --reporter=default --reporter=json --outputFile.json=${results} ${process.argv.slice(2).join(' ')}`);
  } catch {
    failed = true;
  }
}
// One plain closing line, whatever the reporter printed above.
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped (${since()})`);
}
process.exit(failed ? 1 : 0);
