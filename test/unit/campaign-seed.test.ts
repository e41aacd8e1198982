// The 2023 Quảng Xương inspection campaign is seeded as document 003 writes it: every value
// is checked against the line its citation names, in the source file itself.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import raw from '../../seeds/plans/campaign-qx-2023.json';
import qx from '../../seeds/org/quang-xuong.json';
import commune from '../../seeds/checklists/inspection-commune.json';
import district from '../../seeds/checklists/inspection-district.json';
import { CampaignPlanSeed } from '../../src/seed/campaign-schema.ts';
import { searchKey } from '../../src/domain/text.ts';

/** Letters and digits only, without marks: the row's hyphens and line breaks do not count. */
const words = (s: string) => squash(searchKey(s).replace(/[^a-z0-9]+/g, ' '));

// The extraction wrote ư/Ư as U+01A3/U+01A2 (seeds/checklists/inspection.NOTES.md).
const lines = readFileSync(new URL('../../seeds/documents/003_2093410f4141bf08.txt', import.meta.url), 'utf8')
  .replaceAll('\u01A3', 'ư')
  .replaceAll('\u01A2', 'Ư')
  .split('\n');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** The text from a line (1-based) up to, not including, another: blank lines between rows collapse. */
const span = (from: number, to = from + 12) => squash(lines.slice(from - 1, to - 1).join(' '));
const plan = CampaignPlanSeed.parse(raw);
const cite = (key: string) => {
  const c = plan.cite[key];
  if (!c) throw new Error(`no citation for ${key}`);
  return c;
};

describe('the 2023 Quảng Xương campaign (003)', () => {
  it('parses, and every quote stands at the line it cites', () => {
    expect(Object.keys(plan.cite).length).toBeGreaterThan(40);
    for (const [key, c] of Object.entries(plan.cite)) {
      const text = span(c.line);
      expect(text, key).toContain(squash(c.quote));
      // The quote starts on the cited line, not somewhere further down the span.
      expect(span(c.line + 1), key).not.toContain(squash(c.quote));
    }
  });

  it('has its window and working-day rules as written in §IV.2 and §V.2', () => {
    expect(plan.window).toEqual({ from: '2023-08-03', before: '2023-08-25' });
    expect(span(cite('window.from').line)).toContain('từ ngày 03/8/2023 và kết thúc trước ngày 25/8/2023');
    expect(plan.rules).toEqual({ registerBefore: '2023-08-01', noticeWorkingDays: 2, conclusionWorkingDays: 5, reportBefore: '2023-08-30' });
    expect(span(cite('rules.registerBefore').line)).toContain('trước ngày 01/8/2023');
    expect(span(cite('rules.noticeWorkingDays').line)).toContain('trước ít nhất 02 ngày làm việc');
    expect(span(cite('rules.conclusionWorkingDays').line)).toContain('sau 05 ngày làm việc');
    expect(span(cite('rules.reportBefore').line)).toContain('trước ngày 30/8/2023');
  });

  it('has 5 teams over 26 communes, each team with its lead, members, bodies and communes from Phụ lục 1', () => {
    expect(span(cite('teams.count').line)).toContain('Thành lập 05 Đoàn kiểm tra');
    expect(plan.teams).toHaveLength(5);
    const units = plan.teams.flatMap((t) => t.units);
    expect(units).toHaveLength(26);
    expect(new Set(units).size).toBe(26);
    expect([...units].sort()).toEqual(qx.communes.map((c) => c.id).sort());
    expect(plan.teams.map((t) => t.units.length)).toEqual([6, 5, 5, 5, 5]);
    const names = new Map(qx.communes.map((c) => [c.id, c.name]));
    plan.teams.forEach((team, i) => {
      const c = (k: string) => cite(`teams.${i}.${k}`).line;
      expect(span(cite(`teams.${i}`).line)).toContain(`Đoàn kiểm tra số 0${i + 1}`);
      expect(team.name).toBe(`Đoàn kiểm tra số 0${i + 1}`);
      // The lead, then the members, up to the bodies inspected; then the bodies; then the communes.
      // The members follow the lead in the same cell.
      const members = words(span(c('lead'), c('bodies')));
      expect(words(span(c('lead'), c('bodies')))).toMatch(new RegExp(`^${words(team.lead)} truong doan`));
      for (const m of team.members) expect(members, m).toContain(words(m));
      const bodies = words(span(c('bodies'), c('units')));
      for (const b of team.bodies) expect(bodies, b).toContain(words(b));
      const communes = words(span(c('units'), c('units') + 8));
      for (const u of team.units) expect(communes, u).toContain(words(names.get(u)!.replace(/^(xã|thị trấn) /, '')));
      // What a team's row lists, the seed lists: one commune per "xã …"/"Thị trấn …".
      expect(team.units.length).toBe(communes.replace(/^ubnd cap xa /, '').split(/\b(?:xa|thi tran) /).length - 1);
      // The document names no people: accounts are added when the campaign is created.
      expect(team.people).toEqual([]);
    });
  });

  it('has the two outlines with their data periods, and the district departments’ own sections', () => {
    const [communeOutline, districtOutline] = plan.outlines;
    expect(communeOutline).toMatchObject({ templateId: commune.id, level: 'commune', dataFrom: '2022-01-01', dataTo: '2023-05-31' });
    expect(span(cite('outlines.0.data').line)).toContain('từ năm 2022 đến hết tháng 5/2023');
    expect(districtOutline).toMatchObject({ templateId: district.id, level: 'district', dataFrom: '2022-01-01', dataTo: '2023-06-30' });
    expect(span(cite('outlines.1.data').line)).toContain('từ năm 2022 đến hết tháng 6/2023');
    const sections = new Set(district.sections.map((s) => s.id));
    const departments = districtOutline!.departments;
    expect(departments).toHaveLength(9);
    departments.forEach((d, i) => {
      expect(words(span(cite(`outlines.1.departments.${i}`).line, cite(`outlines.1.departments.${i}`).line + 1))).toContain(words(d.name.split(',')[0]!));
      for (const s of d.sections) expect(sections.has(s), s).toBe(true);
    });
    // Every department section of the outline (after A.11) belongs to exactly one department.
    const owned = departments.flatMap((d) => d.sections).sort();
    expect(owned).toEqual(district.sections.map((s) => s.id).filter((id) => !/^A\.\d+$/.test(id)).sort());
  });
});
