// Which text a report screen starts from: what is being typed (the draft on the device),
// else the saved record, else the prefill from the unit's data.
import type { OrgUnit } from '../domain/org.ts';
import { defaultMeta, defaultTitle, fromSections, type ReportForm } from './sections.ts';
import type { Prefill } from './use-reports.ts';
import type { ReportRecord } from './workflow.ts';

export const draftKeyOfReport = (reportId: string): string => `report:${reportId}`;
export const draftKeyOfComment = (reportId: string): string => `comment:${reportId}`;

export function prefilledForm(prefill: Prefill, unit: OrgUnit, parent: OrgUnit | undefined, period: string): ReportForm {
  return { title: defaultTitle(unit.name, period), fields: { ...prefill.narrative, ...defaultMeta(unit, parent) } };
}

/** A draft as stored by saveDraft, if it has the form's shape. */
export function draftForm(value: Record<string, unknown> | undefined): ReportForm | null {
  if (!value || typeof value.title !== 'string' || !value.fields || typeof value.fields !== 'object') return null;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(value.fields as Record<string, unknown>)) if (typeof v === 'string') fields[k] = v;
  return { title: value.title, fields };
}

export function startingForm(
  draft: ReportForm | null,
  report: ReportRecord | null,
  prefill: Prefill,
  unit: OrgUnit,
  parent: OrgUnit | undefined,
  period: string,
): { form: ReportForm; source: 'draft' | 'record' | 'prefill' } {
  if (draft) return { form: draft, source: 'draft' };
  if (report && report.sections.length > 0) {
    const saved = fromSections(report.title, report.sections);
    // Layout lines missing from an older record take their defaults.
    return { form: { title: saved.title, fields: { ...defaultMeta(unit, parent), ...saved.fields } }, source: 'record' };
  }
  return { form: prefilledForm(prefill, unit, parent, period), source: 'prefill' };
}
