import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SeedBundle } from '../../src/seed/schema.ts';
import { buildSeedBundle } from '../../src/seed/bundle.ts';
import { scanForDamage } from '../../src/domain/text-quality.ts';
import { deadlineEnd } from '../../src/domain/catalogue.ts';
import { subtree } from '../../src/domain/org.ts';

const seedsDir = join(import.meta.dirname, '../../seeds');
function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

describe('seed data', () => {
  const bundle = SeedBundle.safeParse(buildSeedBundle());

  it('parses against the domain schemas', () => {
    if (!bundle.success) throw new Error(JSON.stringify(bundle.error.issues.slice(0, 5), null, 2));
    expect(bundle.success).toBe(true);
  });

  it.each(jsonFiles(seedsDir).map((p) => [p.slice(seedsDir.length + 1), p]))('%s carries no PDF damage', (_name, path) => {
    const problems = scanForDamage(JSON.parse(readFileSync(path, 'utf8')));
    expect(problems.slice(0, 5)).toEqual([]);
  });

  const data = bundle.success ? bundle.data : (undefined as never);

  it('ships the 11 models Thiệu Vân adopted and a 30-model catalogue', () => {
    const numbers = data.adoptions.filter((a) => a.unitId === 'tv').map((a) => data.catalogue.models.find((m) => m.id === a.modelId)?.number);
    expect(numbers).toEqual([1, 3, 5, 8, 24, 28, 29, 31, 34, 35, 42]);
    expect(data.catalogue.models).toHaveLength(30);
    for (const m of data.catalogue.models) expect(m.source.length).toBeGreaterThan(0);
    const m24 = data.catalogue.models.find((m) => m.number === 24)!;
    expect(m24.name).toBe('Đảm bảo điều kiện công dân số');
    expect(m24.group).toBe('digitalCitizen');
  });

  it('keeps the appendix value where the body disagrees, with a note', () => {
    const withNotes = data.catalogue.models.filter((m) => m.number !== null && m.notes.some((n) => /Phụ lục/.test(n)));
    expect(withNotes.length).toBeGreaterThanOrEqual(3);
  });

  it('words the source notes a model shows for a reader: no field names, kinds or file names', () => {
    // ModelInfo lists model.notes under "Ghi chú đối chiếu tài liệu".
    const internal = /\b(deadline|quarter|parts|kind|leadUnit|partnerUnits|unitId|null|seeds?)\b|Trường [a-z]|\.(json|txt|md)\b/;
    for (const m of data.catalogue.models) for (const n of m.notes) expect(n, m.id).not.toMatch(internal);
  });

  it('has structured deadlines that the app can count down to', () => {
    const kinds = new Set(data.catalogue.models.flatMap((m) => (m.deadline ? [m.deadline.kind] : [])));
    expect(kinds.size).toBeGreaterThanOrEqual(2);
    for (const m of data.catalogue.models) if (m.deadline && ['date', 'month', 'quarter', 'year'].includes(m.deadline.kind)) {
      expect(deadlineEnd(m.deadline)).toBeTypeOf('number');
    }
  });

  it('builds the org tree of the documents: Thanh Hóa, Thiệu Vân with 6 placeholder villages, Đông Hải, Quảng Xương with 26 communes', () => {
    const byId = new Map(data.units.map((u) => [u.id, u]));
    expect(byId.get('tv')?.parentId).toBe('th-tp');
    const villages = data.units.filter((u) => u.parentId === 'tv');
    expect(villages.map((v) => v.name)).toEqual(['Thôn 1', 'Thôn 2', 'Thôn 3', 'Thôn 4', 'Thôn 5', 'Thôn 6']);
    expect(villages.every((v) => v.placeholder)).toBe(true);
    expect(data.units.filter((u) => u.parentId === 'qx' && u.level === 'commune')).toHaveLength(26);
    expect(subtree('th', data.units)).toHaveLength(data.units.length);
    // The five inspection teams cover every commune exactly once.
    expect(data.inspectionTeams).toHaveLength(5);
    const covered = data.inspectionTeams.flatMap((t) => t.communeIds).sort();
    expect(covered).toEqual(data.units.filter((u) => u.parentId === 'qx').map((u) => u.id).sort());
  });

  it('sets the reporting rules the documents set', () => {
    const rules = Object.fromEntries(data.reportingRules.map((r) => [r.unitId, r.rules]));
    expect(rules.tv).toEqual([
      { periodType: 'weekly', dueWeekday: 1 },
      { periodType: 'monthly', dueBeforeDay: 20, monthOffset: 0 },
    ]);
    // 000 III.3 "trước ngày 12 hằng tháng"; III.4 "Định kỳ hằng tháng, 06 tháng, 01 năm".
    expect(rules.dh).toEqual([
      { periodType: 'monthly', dueBeforeDay: 12, monthOffset: 0 },
      { periodType: 'sixMonth', dueBeforeDay: 1, monthOffset: 1 },
      { periodType: 'annual', dueBeforeDay: 1, monthOffset: 1 },
    ]);
    // Every Quảng Xương commune reports monthly, 6-monthly and yearly (003, B, I.1.3).
    const qx = data.units.filter((u) => u.parentId === 'qx');
    for (const c of qx) expect(rules[c.id]?.map((r) => r.periodType), c.id).toEqual(['monthly', 'sixMonth', 'annual']);
  });

  it('has the inspection outlines and a task checklist per adopted model', () => {
    const commune = data.checklists.find((c) => c.id === 'inspection-commune')!;
    expect(commune.sections.map((s) => s.id)).toEqual(['I.1', 'I.2', 'I.3', 'I.4', 'I.5', 'I.6', 'I.7', 'I.8', 'I.9', 'I.10', 'II', 'III']);
    expect(data.checklists.find((c) => c.id === 'inspection-district')?.sections.length).toBeGreaterThan(11);
    const taskLists = data.checklists.filter((c) => c.kind === 'modelTasks');
    expect(taskLists).toHaveLength(11);
    for (const t of taskLists) expect(t.sections.find((s) => s.id === 'PCNV')?.items.length).toBeGreaterThan(0);
  });

  it('lists the 25 essential public services and the e-ID counters', () => {
    // 25 in all; the 6 rows whose names 001 Phụ lục III lost are kept apart (test/unit/seed-fidelity.test.ts).
    expect(data.indicatorSheet.services.length + data.indicatorSheet.unnamedServices.length).toBe(25);
    // The three counters records already hold come first, unchanged (test/unit/indicator-targets.test.ts checks the rest).
    expect(data.indicatorSheet.counters.map((c) => c.id)).toEqual(['cccd-ho-so', 'dddt-muc-1', 'dddt-muc-2', 'cccd-the', 'dddt-ho-so-muc-1', 'dddt-ho-so-muc-2', 'chu-ky-so']);
  });
});
