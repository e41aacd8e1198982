// Entry point of `npm run admin -- <lệnh>`; the commands live in admin/commands.ts.
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { runAdmin } from './admin/commands.ts';
import { lazyPostgresStore } from './store/postgres-lazy.ts';
import { openSqliteStore } from './store/sqlite.ts';
import type { SyncStore } from './store/types.ts';

/** Reads a line without echoing it (passwords); falls back to plain reading when piped. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
    const output = process.stdout;
    output.write(question);
    // While the question is open, swallow readline's echo of each key (keep the final newline).
    const write = output.write.bind(output);
    if (process.stdin.isTTY) output.write = ((chunk: string | Uint8Array) => (String(chunk).includes('\n') ? write('\n') : true)) as typeof output.write;
    rl.question('', (answer) => {
      output.write = write;
      rl.close();
      resolve(answer);
    });
  });
}

// Opened on first use, so `help` or a typo does not create a database. The same choice as the
// server (main.ts): PostgreSQL when DATABASE_URL is set, else the SQLite file.
const databaseUrl = process.env.DATABASE_URL?.trim() || null;
let store: SyncStore | undefined;
try {
  process.exitCode = await runAdmin(process.argv.slice(2), {
    get store() {
      return (store ??= databaseUrl
        ? lazyPostgresStore({ url: databaseUrl })
        : openSqliteStore({ file: join(process.env.DATA_DIR ?? './data', 'so-tay.db') }));
    },
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    prompt: promptHidden,
    now: Date.now,
    dataDir: process.env.DATA_DIR ?? './data',
    postgres: databaseUrl !== null,
  });
} catch (e) {
  console.error('Lỗi không mong đợi:', e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await store?.close();
}
