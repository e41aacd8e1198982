// The review inbox of a district or province officer (and the admin), pure: the latest
// submitted version of every report of the units below, with where it stands, oldest first by
// when the server first received that version — the order the units above owe an answer in.
//
// Accepting a version is recorded as the workflow records a return: an add-only `comment` on
// that version, with `accepts: true` (and `returns: false`). So no new collection, no change to
// `report` (officers do not pull the communes' `report` records anyway), and the commune's
// phone learns it with the comments it already pulls.
import type { Role, User } from '../domain/people.ts';
import type { OrgUnit } from '../domain/org.ts';
import type { FieldValue } from '../domain/sync/merge.ts';
import type { RecordEdit } from '../db/store.ts';
import { canReturn } from './scope.ts';
import { commentEdit, type CommentRecord, type VersionRecord } from './workflow.ts';
import { m } from './messages.ts';

export type InboxState = 'submitted' | 'resubmitted' | 'returned' | 'accepted';

/** Read when shown, so it follows the interface language. */
export const INBOX_STATE_LABEL: Readonly<Record<InboxState, string>> = {
  get submitted() { return m.stateSubmitted; },
  get resubmitted() { return m.stateResubmitted; },
  get returned() { return m.stateReturned; },
  get accepted() { return m.stateAccepted; },
};

/** A comment as the inbox reads it: the workflow's record and whether it accepts its version. */
export interface ReviewComment extends CommentRecord {
  accepts: boolean;
}

export const acceptsOf = (values: Readonly<Record<string, FieldValue>>): boolean => values.accepts === true && values.returns !== true;

export interface InboxItem {
  reportId: string;
  unitId: string;
  unitName: string;
  period: string;
  title: string;
  /** The latest submitted version. */
  version: number;
  state: InboxState;
  /** When the server first received the latest version (null: not yet known on this phone). */
  receivedAt: number | null;
  /** When the unit's phone recorded it (shown, never trusted). */
  submittedAt: number;
  /** The return or acceptance that decided the latest version, if any. */
  decision: ReviewComment | null;
}

/** Who has the inbox: the officers above commune level and the admin. */
export const reviewsReports = (role: Role): boolean => role === 'districtOfficer' || role === 'provinceOfficer' || role === 'admin';

/**
 * The inbox of `viewer`: one item per report of a unit it may return (strictly below it),
 * from the versions and comments on this phone. The latest decision on the latest version wins
 * (a return after an acceptance returns it). Oldest receipt first; not yet received last.
 */
export function inboxItems(
  viewer: Pick<User, 'role' | 'unitId'>,
  units: readonly OrgUnit[],
  versions: readonly VersionRecord[],
  comments: readonly ReviewComment[],
): InboxItem[] {
  const names = new Map(units.map((u) => [u.id, u.name]));
  const latest = new Map<string, VersionRecord>();
  for (const v of versions) {
    const known = latest.get(v.reportId);
    if (!known || v.version > known.version) latest.set(v.reportId, v);
  }
  const items: InboxItem[] = [];
  for (const v of latest.values()) {
    const unitId = v.reportId.slice(0, v.reportId.indexOf('@'));
    if (!canReturn(viewer, unitId, units)) continue;
    const decision =
      comments
        .filter((c) => c.reportId === v.reportId && c.reportVersion === v.version && (c.returns || c.accepts))
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))[0] ?? null;
    const state: InboxState = decision ? (decision.returns ? 'returned' : 'accepted') : v.version > 1 ? 'resubmitted' : 'submitted';
    items.push({
      reportId: v.reportId,
      unitId,
      unitName: names.get(unitId) ?? unitId,
      period: v.reportId.slice(v.reportId.indexOf('@') + 1),
      title: v.snapshot?.title ?? '',
      version: v.version,
      state,
      receivedAt: v.receivedAt,
      submittedAt: v.submittedAt,
      decision,
    });
  }
  return items.sort(
    (a, b) => (a.receivedAt ?? Infinity) - (b.receivedAt ?? Infinity) || a.submittedAt - b.submittedAt || (a.reportId < b.reportId ? -1 : a.reportId > b.reportId ? 1 : 0),
  );
}

// Stored as the comment's text, which the commune reads: data, Vietnamese in both languages.
export const ACCEPT_BODY = 'Đã tiếp nhận báo cáo.';

/** The comment that accepts version `version`: a note if the officer wrote one, else ACCEPT_BODY. */
export function acceptEdit(reportId: string, version: number, note: string, createdAt: number, stamp: string): RecordEdit {
  const edit = commentEdit(reportId, version, note.trim() || ACCEPT_BODY, false, createdAt, stamp);
  return { ...edit, values: { ...edit.values, accepts: true } };
}

/** Where "←" on a report leads: the inbox for a report the viewer reviews, else the viewer's own list. */
export function backTarget(viewer: Pick<User, 'role' | 'unitId'>, reportUnit: string, units: readonly OrgUnit[]): { href: string; label: string } {
  return reviewsReports(viewer.role) && canReturn(viewer, reportUnit, units)
    ? { href: '#/reports/inbox', label: m.backToInbox }
    : { href: '#/reports', label: m.backToList };
}
