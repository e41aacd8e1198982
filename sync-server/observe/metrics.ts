// What an operator graphs and alerts on, in Prometheus text format (GET /metrics).
// One registry per app, not prom-client's global one: tests run several apps in one process,
// and each server process is scraped on its own (label them by instance in Prometheus).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  pushes: Counter<'outcome'>;
  changes: Counter<'outcome'>;
  refusals: Counter<'code'>;
  http: Histogram<'method' | 'route' | 'status'>;
  /** Seconds since the roll-ups were last brought up to date (set by the flusher). */
  rollupLag: Gauge;
  databaseBytes: Gauge;
  /** Call when roll-ups were recomputed (or found clean). */
  rollupsFresh: (at: number) => void;
}

export interface MetricsOptions {
  now: () => number;
  /** Size of the database in bytes, read at scrape time; absent = not reported. */
  databaseSize?: () => Promise<number>;
  /** Node's process metrics (memory, event-loop lag); off in tests to keep scrapes small. */
  processMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'sotay_' });
  let freshAt = options.now();
  const rollupLag = new Gauge({
    name: 'sotay_rollup_lag_seconds',
    help: 'Seconds since roll-ups were last brought up to date',
    registers: [registry],
    collect() {
      this.set(Math.max(0, (options.now() - freshAt) / 1000));
    },
  });
  const { databaseSize } = options;
  const databaseBytes = new Gauge({
    name: 'sotay_database_bytes',
    help: 'Size of the database on disk',
    registers: [registry],
    async collect() {
      if (databaseSize) this.set(await databaseSize());
    },
  });
  return {
    registry,
    pushes: new Counter({ name: 'sotay_pushes_total', help: 'Sync requests that carried changes, by outcome', labelNames: ['outcome'], registers: [registry] }),
    changes: new Counter({ name: 'sotay_changes_total', help: 'Pushed changes, by outcome (accepted, refused)', labelNames: ['outcome'], registers: [registry] }),
    refusals: new Counter({ name: 'sotay_refusals_total', help: 'Pushed changes refused, by refusal code', labelNames: ['code'], registers: [registry] }),
    http: new Histogram({
      name: 'sotay_http_request_duration_seconds',
      help: 'API request latency',
      labelNames: ['method', 'route', 'status'],
      // From a fast local push to a slow 2G-sized page.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    rollupLag,
    databaseBytes,
    rollupsFresh: (at) => {
      freshAt = Math.max(freshAt, at);
    },
  };
}
