// Setup for the `component` vitest project (happy-dom): a real IndexedDB in memory for
// Dexie, and DOM cleanup plus database teardown after every test.
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/preact';
import { closeTestDatabases } from './render-with-services.tsx';

afterEach(async () => {
  cleanup();
  await closeTestDatabases();
});
