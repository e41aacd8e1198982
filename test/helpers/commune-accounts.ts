// The real server over a seeded database with commune police accounts made by the admin CLI's
// own command (as an administrator would), and one Chromium, for a test file: started before
// its tests, stopped after. Read `env.server` / `env.browser` inside tests.
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from './server.ts';
import { launch } from './browser.ts';
import { openSqliteStore } from '../../sync-server/store/sqlite.ts';
import { seedStore } from '../../sync-server/seed.ts';
import { runAdmin } from '../../sync-server/admin/commands.ts';

export interface CommuneAccount {
  username: string;
  /** Shown as the account's name. */
  name: string;
  unitId: string;
}

export function communeAccountsServer(prefix: string, accounts: readonly CommuneAccount[], password: string, now: number): { server: RunningServer; browser: Browser } {
  const env = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), prefix));
    const store = openSqliteStore({ file: join(dataDir, 'so-tay.db') });
    await seedStore(store, { demo: true, now });
    const errors: string[] = [];
    for (const a of accounts) {
      const io = { store, out: () => undefined, err: (l: string) => errors.push(l), prompt: async () => password, now: Date.now };
      const code = await runAdmin(['create-user', '--username', a.username, '--name', a.name, '--role', 'communeStanding', '--unit', a.unitId, '--password', password], io);
      expect([code, errors]).toEqual([0, []]);
    }
    await store.close();
    env.server = await startServer({ dataDir });
    env.browser = await launch();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
