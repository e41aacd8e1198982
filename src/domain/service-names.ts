// The essential-service rows an administrator names (001 Phụ lục III lost rows 14–21; the seed
// recovers two) and which of the server's catalogue versions a phone takes over its seed. Both
// ride on a catalogue version (Catalogue.serviceNames, .seedVersion): GET /api/catalogue brings
// them to every phone, the phone keeps the answer (src/catalogue/server-catalogue.ts), and
// Services.seed is the seed with them applied — so a named row is on every indicator form,
// dashboard and report, and its figures in every roll-up (which sum whatever rows are entered).
import type { Catalogue, ServiceName } from './catalogue.ts';
import type { EssentialService, IndicatorSheetTemplate } from './indicators.ts';

/**
 * The sheet with the named rows among its services, each where it stood among the 25, with
 * its name's source. Only rows the sheet holds as unnamed: a row the seed names keeps the
 * seed's name (and its document citation). A stored sheet without positions lists them last.
 */
export function withServiceNames(sheet: IndicatorSheetTemplate, names: readonly ServiceName[]): IndicatorSheetTemplate {
  const byId = new Map(names.map((n) => [n.id, n]));
  if (!sheet.unnamedServices.some((u) => byId.has(u.id))) return sheet;
  const named = (u: IndicatorSheetTemplate['unnamedServices'][number]): EssentialService => {
    const n = byId.get(u.id)!;
    return { no: u.no, id: u.id, name: n.name, citation: n.source, byAdmin: true };
  };
  const placed = sheet.unnamedServices.every((u) => u.position !== undefined);
  const services: EssentialService[] = [];
  if (placed) {
    const at = new Map(sheet.unnamedServices.map((u) => [u.position!, u]));
    let next = 0;
    for (let pos = 0; pos < sheet.services.length + sheet.unnamedServices.length; pos++) {
      const u = at.get(pos);
      if (!u) {
        const s = sheet.services[next++];
        if (s) services.push(s);
      } else if (byId.has(u.id)) services.push(named(u));
    }
    services.push(...sheet.services.slice(next));
  } else {
    services.push(...sheet.services, ...sheet.unnamedServices.filter((u) => byId.has(u.id)).map(named));
  }
  return { ...sheet, services, unnamedServices: sheet.unnamedServices.filter((u) => !byId.has(u.id)) };
}

const SEED_VERSION_GRAMMAR = /^(\d{4})\.(\d{2})\.(\d{2})(?:-(\d+))?$/;

/**
 * The seed version a catalogue's models are of: the one it was made from (a service named on
 * the seeded catalogue), or its own version when that is a seed version ("2026.11.25-4", what
 * sync-server/seed.ts stores). Undefined for an administrator's import of another name.
 */
export function seedVersionOf(c: Pick<Catalogue, 'version' | 'seedVersion'>): string | undefined {
  return c.seedVersion ?? (SEED_VERSION_GRAMMAR.test(c.version) ? c.version : undefined);
}

/** Seed versions in order (date, then counter); one that is not a seed version is never the newer. */
export function compareSeedVersions(a: string, b: string): number {
  const key = (v: string) => {
    const m = SEED_VERSION_GRAMMAR.exec(v);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0)] : null;
  };
  const [x, y] = [key(a), key(b)];
  if (!x || !y) return a === b ? 0 : x ? 1 : -1;
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/**
 * Whether the server's catalogue models and title replace those of a phone's seed: an import is
 * (imported over seeded, as plans are); the server's seeded catalogue, or a version made from it,
 * only when its seed is newer than the phone's.
 */
export function catalogueModelsNewer(server: Pick<Catalogue, 'version' | 'seedVersion'>, seedVersion: string): boolean {
  const of = seedVersionOf(server);
  return of === undefined || compareSeedVersions(of, seedVersion) > 0;
}
