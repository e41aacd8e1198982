// `npm test`: type-check every runtime, build the app the browser tests load, run all tests.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensurePostgres } from './ensure-postgres.mjs';

ensureChromium();
// Found or installed: the PostgreSQL tests must then run, and fail (not skip) if the harness breaks.
if (ensurePostgres()) process.env.REQUIRE_POSTGRES = '1';
const run = (cmd) => {
  console.log(`\n$ ${cmd}`);
  execSync(cmd, { stdio: 'inherit' });
};
const results = 'test-results/vitest.json';
rmSync(results, { force: true }); // never report an earlier run's numbers
let failed = false;
try {
  run('npx tsc -p tsconfig.json');
  run('npx tsc -p tsconfig.node.json');
  run('npx tsc -p tsconfig.sw.json');
  run('npx vite build --logLevel warn');
  run(`npx vitest run --reporter=default --reporter=json --outputFile.json=${results} ${process.argv.slice(2).join(' ')}`);
} catch {
  failed = true;
}
// One plain closing line, whatever the reporter printed above.
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
}
process.exit(failed ? 1 : 0);
