// Who fills which checklist, and for which unit. Pure, so the list screen, the form and
// the tests agree; the server will enforce the same rules on what it accepts.
import type { Adoption } from '../domain/status.ts';
import type { ChecklistTemplate } from '../domain/checklist.ts';
import type { OrgUnit } from '../domain/org.ts';
import type { Role, User } from '../domain/people.ts';
import { checklistIdOf } from '../domain/sync/ids.ts';

/**
 * The unit a user's answers and figures are recorded against: their own unit. A village
 * team keeps its own task lists and figures (the commune's report adds the villages' figures
 * in); its phone neither receives nor may write the commune's (src/domain/subscriptions.ts,
 * src/domain/access.ts).
 */
export const fillingUnit = (user: User, _units: readonly OrgUnit[]): string => user.unitId;

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
  // A village answers the task lists of the models assigned to it.
  const adopted = new Set(visibleAdoptions.filter((a) => a.unitId === unitId || a.villageIds.includes(unitId)).map((a) => a.modelId));
  const tasks = templates.filter((t) => t.kind === 'modelTasks' && t.modelId !== undefined && adopted.has(t.modelId));
  return [...inspection, ...tasks];
}


/** Record id of a unit's answers to a template (see the `checklist` collection). */
export const checklistRecordId = (templateId: string, unitId: string): string => checklistIdOf(templateId, unitId);
