// `npm test`: type-check every runtime, build the app the browser tests load, run all tests.
import { execSync } from 'node:child_process';
import { ensureChromium } from './ensure-chromium.mjs';

ensureChromium();
const run = (cmd) => {
  console.log(`\n$ ${cmd}`);
  execSync(cmd, { stdio: 'inherit' });
};
try {
  run('npx tsc -p tsconfig.json');
  run('npx tsc -p tsconfig.node.json');
  run('npx tsc -p tsconfig.sw.json');
  run('npx vite build --logLevel warn');
  run(`npx vitest run ${process.argv.slice(2).join(' ')}`);
} catch {
  process.exit(1);
}
