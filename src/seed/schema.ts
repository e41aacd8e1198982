import * as z from 'zod/mini';
import { Id, Source, Text } from '../domain/common.ts';
import { Catalogue } from '../domain/catalogue.ts';
import { ChecklistTemplate } from '../domain/checklist.ts';
import { IndicatorSheetTemplate } from '../domain/indicators.ts';
import { OrgUnit, checkTree } from '../domain/org.ts';
import { ReportingRule } from '../domain/calendar.ts';
import { Adoption } from '../domain/status.ts';
import { DocumentTitle } from '../domain/citation.ts';

export const UnitRules = z.object({ unitId: Id, rules: z.array(ReportingRule).check(z.minLength(1)), source: Source });
export type UnitRules = z.infer<typeof UnitRules>;

export const InspectionTeam = z.object({
  id: Id,
  name: Text,
  leader: z.nullable(Text),
  members: z.array(Text),
  communeIds: z.array(Id).check(z.minLength(1)),
  schedule: z.nullable(Text),
});

/**
 * Everything a fresh install starts from. `version` changes whenever any seed file
 * changes, so a device can merge a newer seed without touching the user's records.
 */
export const SeedBundle = z
  .object({
    version: z.string().check(z.minLength(1)),
    /** The title each source file is cited by on screen (src/domain/citation.ts). */
    documents: z._default(z.array(DocumentTitle), []),
    catalogue: Catalogue,
    units: z.array(OrgUnit).check(z.minLength(1)),
    reportingRules: z.array(UnitRules),
    inspectionTeams: z.array(InspectionTeam),
    adoptions: z.array(Adoption),
    checklists: z.array(ChecklistTemplate).check(z.minLength(1)),
    indicatorSheet: IndicatorSheetTemplate,
  })
  .check(z.superRefine((b, ctx) => {
    for (const problem of checkTree(b.units)) ctx.addIssue({ code: 'custom', path: ['units'], message: problem });
    const unitIds = new Set(b.units.map((u) => u.id));
    const modelIds = new Set(b.catalogue.models.map((m) => m.id));
    b.adoptions.forEach((a, i) => {
      if (!unitIds.has(a.unitId)) ctx.addIssue({ code: 'custom', path: ['adoptions', i, 'unitId'], message: `Không có đơn vị ${a.unitId}` });
      if (!modelIds.has(a.modelId)) ctx.addIssue({ code: 'custom', path: ['adoptions', i, 'modelId'], message: `Không có mô hình ${a.modelId}` });
    });
    b.reportingRules.forEach((r, i) => {
      if (!unitIds.has(r.unitId)) ctx.addIssue({ code: 'custom', path: ['reportingRules', i, 'unitId'], message: `Không có đơn vị ${r.unitId}` });
    });
    b.inspectionTeams.forEach((t, i) =>
      t.communeIds.forEach((c, j) => {
        if (!unitIds.has(c)) ctx.addIssue({ code: 'custom', path: ['inspectionTeams', i, 'communeIds', j], message: `Không có xã ${c}` });
      }),
    );
  }));
export type SeedBundle = z.infer<typeof SeedBundle>;
