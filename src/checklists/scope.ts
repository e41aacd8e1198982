// Who fills which checklist, and for which unit. Pure, so the list screen, the form and
// the tests agree; the server will enforce the same rules on what it accepts.
import type { Adoption } from '../domain/status.ts';
import type { ChecklistTemplate } from '../domain/checklist.ts';
import type { OrgUnit } from '../domain/org.ts';
import type { Role, User } from '../domain/people.ts';
import { communeOf } from '../auth/access.ts';
import { checklistIdOf } from '../domain/sync/ids.ts';

/**
 * The unit a user's answers are recorded against: their commune (a village member
 * answers for the commune the village belongs to), or their own unit above commune level.
 */
export const fillingUnit = (user: User, units: readonly OrgUnit[]): string => communeOf(user, units);

/** The inspection outline a role reports on: UBND xã for commune staff, the district's for district officers. */
export function inspectionLevel(role: Role): ChecklistTemplate['level'] | null {
  switch (role) {
    case 'communeStanding':
    case 'communeLeader':
      return 'commune';
    case 'districtOfficer':
      return 'district';
    default:
      return null;
  }
}

/**
 * The checklists a user fills for `unitId`: the inspection outline of their level, then
 * one task checklist per model adopted by that unit among the adoptions they see.
 * (A district officer sees communes' adoptions but does not answer their task lists.)
 */
export function checklistsFor(
  user: User,
  templates: readonly ChecklistTemplate[],
  visibleAdoptions: readonly Adoption[],
  unitId: string,
): ChecklistTemplate[] {
  const level = inspectionLevel(user.role);
  const inspection = level ? templates.filter((t) => t.kind === 'inspection' && t.level === level) : [];
  const adopted = new Set(visibleAdoptions.filter((a) => a.unitId === unitId).map((a) => a.modelId));
  const tasks = templates.filter((t) => t.kind === 'modelTasks' && t.modelId !== undefined && adopted.has(t.modelId));
  return [...inspection, ...tasks];
}

/** Village teams read the commune's figures; entering them is the commune's job. */
export const canFillIndicators = (role: Role): boolean => role !== 'villageMember';

/** Record id of a unit's answers to a template (see the `checklist` collection). */
export const checklistRecordId = (templateId: string, unitId: string): string => checklistIdOf(templateId, unitId);
