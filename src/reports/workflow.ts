// The reporting workflow, pure:
//
//   new ──Lưu──▶ draft ──Gửi──▶ submitted (version n, immutable snapshot)
//                                  │ the unit above comments with returns:true on version n
//                                  ▼
//                               returned ──(edit, Lưu)──Gửi──▶ submitted (version n+1)
//
// A submission is ONE LocalStore.writeMany: the add-only `reportVersion` "<id>#<n>" and the
// report's state/version, so the phone never holds one without the other. A version is
// never rewritten: the next submission always takes the next number, and the server
// refuses (409) any change to an add-only record that differs from what it holds.
import type { PeriodType } from '../domain/calendar.ts';
import { PeriodKey, periodTypeOf } from '../domain/calendar.ts';
import type { ReportState } from '../domain/report.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import type { RecordEdit } from '../db/store.ts';
import type { ReportData } from './data.ts';
import { parseSnapshot, toFieldValue, type Snapshot } from './data.ts';
import { commentIdOf, parseReportId, parseVersionId, versionIdOf } from './ids.ts';
import { MAX_BODY, MAX_TITLE, toSections, type ReportForm, type SectionRow } from './sections.ts';
import { m } from './messages.ts';
import { m as c } from '../i18n/common.ts';

type Values = Readonly<Record<string, FieldValue>>;

export interface ReportRecord {
  id: string;
  unitId: string;
  periodType: PeriodType;
  period: string;
  title: string;
  sections: SectionRow[];
  state: ReportState;
  version: number;
}

export interface VersionRecord {
  id: string;
  reportId: string;
  version: number;
  /** When the phone recorded the submission, by its own clock: shown, never trusted for timeliness. */
  submittedAt: number;
  /** When the server first received it; null while it is only on this phone. On time / late goes by this. */
  receivedAt: number | null;
  snapshot: Snapshot | null;
}

export interface CommentRecord {
  id: string;
  reportId: string;
  reportVersion: number;
  body: string;
  returns: boolean;
  /** The unit above accepted this version (review inbox). */
  accepts: boolean;
  createdAt: number;
  /** The user who wrote it (set by the server; the local user before the first push). */
  author: string;
}

const str = (v: FieldValue | undefined, fallback = '') => (typeof v === 'string' ? v : fallback);
const num = (v: FieldValue | undefined, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

function sectionsOf(v: FieldValue | undefined): SectionRow[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((s) =>
    s && typeof s === 'object' && !Array.isArray(s) && typeof (s as Values).key === 'string'
      ? [{ key: str((s as Values).key), title: str((s as Values).title), body: str((s as Values).body) }]
      : [],
  );
}

export function reportFromValues(id: string, values: Values): ReportRecord | null {
  const parsed = parseReportId(id);
  if (!parsed) return null;
  const state = values.state === 'submitted' || values.state === 'returned' ? values.state : 'draft';
  return {
    id,
    unitId: parsed.unit,
    periodType: periodTypeOf(parsed.period),
    period: parsed.period,
    title: str(values.title),
    sections: sectionsOf(values.sections),
    state,
    version: num(values.version),
  };
}

/** `receivedAt`: when the server first received the version (from the pulled log); null while only on this phone. */
export function versionFromValues(id: string, values: Values, receivedAt: number | null = null): VersionRecord | null {
  const ref = parseVersionId(id);
  if (!ref || values.reportId !== ref.reportId || values.version !== ref.version) return null;
  return { id, reportId: ref.reportId, version: ref.version, submittedAt: num(values.submittedAt), receivedAt, snapshot: parseSnapshot(values.snapshot) };
}

export function commentFromValues(id: string, values: Values, author: string): CommentRecord | null {
  const reportId = str(values.reportId);
  const body = str(values.body);
  if (!reportId || !body) return null;
  return { id, reportId, reportVersion: num(values.reportVersion), body, returns: values.returns === true, accepts: values.accepts === true, createdAt: num(values.createdAt), author };
}

export type Phase = 'new' | 'draft' | 'submitted' | 'returned' | 'accepted';
/**
 * Read when shown, so it follows the interface language (common.ts `phase`) even where a
 * module kept the object from before English was installed.
 */
export const PHASE_LABEL: Readonly<Record<Phase, string>> = {
  get new() { return c.phase('new'); },
  get draft() { return c.phase('draft'); },
  get submitted() { return c.phase('submitted'); },
  get returned() { return c.phase('returned'); },
  get accepted() { return c.phase('accepted'); },
};

export interface ReportStatus {
  phase: Phase;
  /** The latest submitted version (0 when never submitted). */
  version: number;
  /** The comment that returned the latest version, if it was returned. */
  returnedBy: CommentRecord | null;
}

/** Where a report stands, from its record, its versions and the comments on them. */
export function reportStatus(report: ReportRecord | null, versions: readonly VersionRecord[], comments: readonly CommentRecord[]): ReportStatus {
  const version = Math.max(report?.version ?? 0, 0, ...versions.map((v) => v.version));
  if (version === 0) return { phase: report ? 'draft' : 'new', version, returnedBy: null };
  // The unit above decides on the latest version: return it or accept it; the newest decision wins.
  const decision = [...comments].filter((c) => (c.returns || c.accepts) && c.reportVersion === version).sort((a, b) => b.createdAt - a.createdAt)[0] ?? null;
  if (decision?.returns) return { phase: 'returned', version, returnedBy: decision };
  return { phase: decision?.accepts ? 'accepted' : 'submitted', version, returnedBy: null };
}

/** The unit may change the text: before the first submission, or after a return. */
export const canRevise = (phase: Phase): boolean => phase === 'new' || phase === 'draft' || phase === 'returned';

/** Errors by field, in the interface language ("title", a section key, or "form"), for a save or a submission. */
export function validateForm(form: ReportForm, { final }: { final: boolean }): Record<string, string> {
  const errors: Record<string, string> = {};
  const title = form.title.trim();
  if (title === '') errors.title = m.titleRequired;
  else if (title.length > MAX_TITLE) errors.title = m.titleTooLong(MAX_TITLE);
  for (const [key, body] of Object.entries(form.fields)) {
    if (body.length > MAX_BODY) errors[key] = m.bodyTooLong(MAX_BODY);
  }
  if (final && (form.fields.results ?? '').trim() === '') errors.results = m.sectionRequired(c.section('results'));
  return errors;
}

export interface ReportTarget {
  reportId: string;
  unitId: string;
  period: string;
}

export function targetOf(reportId: string): ReportTarget {
  const parsed = parseReportId(reportId);
  if (!parsed) throw new Error(m.badReportId(reportId));
  return { reportId, unitId: parsed.unit, period: parsed.period };
}

/** The edit that saves the text without submitting (state stays draft, or returned while revising). */
export function saveEdit(target: ReportTarget, form: ReportForm, status: ReportStatus): RecordEdit {
  if (!canRevise(status.phase)) throw new Error(m.saveAfterSubmit(status.version));
  PeriodKey.parse(target.period);
  return {
    coll: 'report',
    id: target.reportId,
    unit: target.unitId,
    values: {
      periodType: periodTypeOf(target.period),
      period: target.period,
      title: form.title.trim(),
      sections: toFieldValue(toSections(form)),
      state: status.phase === 'returned' ? 'returned' : 'draft',
      version: status.version,
    },
  };
}

/**
 * The edits of a submission, for ONE writeMany: the immutable version n+1 with the
 * snapshot (text and the figures as they are now) and the report's new state.
 */
export function submissionEdits(
  target: ReportTarget,
  form: ReportForm,
  data: ReportData,
  status: ReportStatus,
  existing: readonly VersionRecord[],
  submittedAt: number,
  submittedBy: string,
): RecordEdit[] {
  if (!canRevise(status.phase)) throw new Error(m.submitAfterSubmit(status.version));
  const errors = validateForm(form, { final: true });
  const first = Object.values(errors)[0];
  if (first) throw new Error(first);
  const version = Math.max(status.version, 0, ...existing.map((v) => v.version)) + 1;
  const periodType = periodTypeOf(target.period);
  const title = form.title.trim();
  const sections = toSections(form);
  const snapshot: Snapshot = { title, sections, data, submittedBy };
  return [
    {
      coll: 'reportVersion',
      id: versionIdOf(target.reportId, version),
      unit: target.unitId,
      values: { reportId: target.reportId, version, periodType, period: target.period, snapshot: toFieldValue(snapshot), submittedAt },
    },
    {
      coll: 'report',
      id: target.reportId,
      unit: target.unitId,
      values: { periodType, period: target.period, title, sections: toFieldValue(sections), state: 'submitted', version },
    },
  ];
}

/** A comment on a submitted version; `returns` sends the report back to its unit for changes. */
export function commentEdit(reportId: string, version: number, body: string, returns: boolean, createdAt: number, stamp: string): RecordEdit {
  const target = targetOf(reportId);
  const text = body.trim();
  if (text === '') throw new Error(returns ? m.returnReasonRequired : m.commentRequired);
  if (version < 1) throw new Error(m.commentNeedsVersion);
  return {
    coll: 'comment',
    // The comment belongs to the report's unit: that is who pulls it, and the server checks it.
    id: commentIdOf(reportId, version, stamp),
    unit: target.unitId,
    values: { reportId, reportVersion: version, body: text, returns, createdAt },
  };
}
