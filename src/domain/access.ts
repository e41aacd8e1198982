// Who may WRITE which collection of which unit, written once: the server refuses a pushed
// change with these rules (sync-server/sync/authorize.ts) and the app decides with the same
// rules which forms it offers (src/auth/access.ts), so a screen never invites an edit the
// server will refuse. Pure: the caller hands in the tree and, for a village member's status
// or photo, the adoption the record belongs to. Roles are in people.ts.
import { ancestry, isWithin, type OrgLevel } from './org.ts';
import type { Role } from './people.ts';
import type { Collection } from './sync/collections.ts';
import { departmentOfItem } from './campaign.ts';

/** What the rules need of a unit. OrgUnit, UnitRecord and the server's tree all fit. */
export interface TreeUnit {
  readonly id: string;
  readonly parentId: string | null;
  readonly level: OrgLevel;
  /** Shown in refusals when known. */
  readonly name?: string;
  /** Set once the unit was merged away or dissolved (src/domain/reorg.ts). */
  readonly closedOn?: string | null;
}
export type UnitTree = ReadonlyMap<string, TreeUnit>;

export interface Writer {
  readonly role: Role;
  readonly unitId: string;
  /** Needed for inspection records: a campaign's teams name their people by username. */
  readonly username?: string;
}

/** The adoption a status or photo belongs to: its commune and the villages assigned to it. */
export interface AdoptionScope {
  readonly unit: string;
  readonly villageIds: readonly string[];
}

export interface WriteTarget {
  coll: Collection;
  /** The record's unit (the server has checked it against the record id). */
  unit: string;
  /** For status and photo: the adoption the record belongs to. */
  adoptionId?: string | null;
  /** That adoption as stored, when the rule needs it (needsAdoption) — null when unknown. */
  adoption?: AdoptionScope | null;
  /** For task progress: the units the task makes responsible (plans.ts responsibleUnits,
   * resolved by the caller against the plan) — null when no known plan has the task. */
  task?: TaskScope | null;
  /** For inspection records and campaign answers: the campaign as stored (needsCampaign) — null when unknown.
   * For the campaign record itself: the campaign as stored, absent or null when it is being created. */
  campaign?: CampaignScope | null;
  /** For those records: the team (a team's report) or department (its response) the id names, ids.ts campaignPartIdOf. */
  part?: string | null;
}

/** What the write rules need of a campaign (campaign.ts): who is in which team, whom it inspects. */
export interface CampaignScope {
  /** The unit running the campaign (the campaign id's unit). */
  readonly unit: string;
  readonly teams: readonly { readonly id: string; readonly name: string; readonly people: readonly string[]; readonly units: readonly string[] }[];
  /** It has a district outline, answered by the campaign's own unit. */
  readonly ownOutline: boolean;
  /** The district outline's departments: each answers the common sections and its own. */
  readonly departments: readonly CampaignDepartmentScope[];
  /** Everyone the campaign lists, in a team or for a department: the working group is the
   * campaign unit's other officers (isWorkingGroup). */
  readonly listed: readonly string[];
  /** The district outline's template section ids, when known: an item's section is found among them (departmentOfItem). */
  readonly sections?: readonly string[];
}

export interface CampaignDepartmentScope {
  readonly id: string;
  readonly name: string;
  /** Who answers for it; empty: officers of the campaign's unit type its paper report in. */
  readonly people: readonly string[];
  readonly sections: readonly string[];
}

/** A task's responsible org units: its lead and partner units, resolved in the tree. */
export interface TaskScope {
  readonly lead: readonly string[];
  readonly partner: readonly string[];
}

/** Collection names as people read them in messages. */
export const COLLECTION_LABEL: Record<Collection, string> = {
  adoption: 'mô hình của xã',
  status: 'tình trạng mô hình',
  checklist: 'phiếu kiểm tra',
  indicators: 'số liệu chỉ tiêu',
  photo: 'ảnh minh chứng',
  comment: 'ý kiến góp ý',
  report: 'báo cáo',
  reportVersion: 'bản báo cáo đã gửi',
  taskProgress: 'tiến độ nhiệm vụ',
  campaign: 'đợt kiểm tra',
  inspection: 'kết quả kiểm tra tại đơn vị',
  campaignAnswer: 'báo cáo của đơn vị được kiểm tra',
};

/** The open commune a unit belongs to: a commune merged away hangs, closed, under the one that took it over (reorg.ts);
 * null above commune level (or for an unknown unit). */
const openCommuneOf = (unitId: string, tree: UnitTree): string | null =>
  ancestry(unitId, tree).find((u) => u.level === 'commune' && !u.closedOn)?.id ?? null;

const REPORTING = new Set<Collection>(['report', 'reportVersion', 'comment']);
const OWN_UNIT_AS_OFFICER = new Set<Collection>(['report', 'reportVersion', 'checklist', 'indicators']);

/** Whether writeRefusal needs the target's adoption (looked up by the caller). */
export const needsAdoption = (writer: Writer, coll: Collection): boolean =>
  writer.role === 'villageMember' && (coll === 'status' || coll === 'photo');

/** Whether writeRefusal needs the task a record belongs to (resolved by the caller). */
export const needsTask = (coll: Collection): boolean => coll === 'taskProgress';

/**
 * Task progress: a unit the task names (lead or partner) records its own progress — the
 * commune's standing body for the commune, an officer for their own unit, never for a unit
 * below (a district does not fill in its communes' progress; it reads it).
 */
function taskProgressRefusal(writer: Writer, t: WriteTarget, unitName: string): string | null {
  if (writer.role === 'communeLeader' || writer.role === 'villageMember') {
    return 'Tiến độ nhiệm vụ của xã do cơ quan thường trực (Công an xã) ghi';
  }
  if (t.unit !== writer.unitId) return `Chỉ được ghi tiến độ nhiệm vụ của chính đơn vị mình, không được ghi của ${unitName}`;
  const task = t.task;
  if (!task) return 'Nhiệm vụ này không có trong kế hoạch nào mà máy chủ biết';
  if (!task.lead.includes(t.unit) && !task.partner.includes(t.unit)) return `${unitName} không được giao chủ trì hay phối hợp nhiệm vụ này`;
  return null;
}

/** Whether writeRefusal needs the campaign a record belongs to (looked up by the caller; for the campaign record: the stored campaign, if any). */
export const needsCampaign = (coll: Collection): boolean => coll === 'inspection' || coll === 'campaignAnswer';

/** A campaign refusal: the unit or role is wrong (auth/forbidden-unit), or the person's place in the campaign is (campaign/not-member). */
export interface CampaignRefusal {
  readonly code: 'auth/forbidden-unit' | 'campaign/not-member';
  readonly message: string;
}
const forbidden = (message: string): CampaignRefusal => ({ code: 'auth/forbidden-unit', message });
const notMember = (message: string): CampaignRefusal => ({ code: 'campaign/not-member', message });

const isOfficer = (w: Writer) => w.role === 'districtOfficer' || w.role === 'provinceOfficer';

/**
 * Whether the writer is one of `people` as the campaign means it: a campaign names its people
 * by username, and only an officer account of the campaign's own unit answers to such a name
 * (003: the teams and departments are the district's). A village or commune account given a
 * listed name — made by whoever may create accounts — or a listed officer moved to another unit
 * is not that person.
 */
const listedIn = (writer: Writer, people: readonly string[], campaign: CampaignScope): boolean =>
  isOfficer(writer) && writer.unitId === campaign.unit && writer.username !== undefined && people.includes(writer.username);

/**
 * The working group (003: "Tổ công tác") of a campaign: the admin, and the officers of the
 * campaign's unit whom the campaign does not list in a team or for a department. It edits the
 * campaign, writes the district's synthesis and types in the paper report of a department that
 * has no accounts. A listed person writes only what they are listed for — so a team member
 * cannot add themself to another team, or write the synthesis. (Writer carries no admin right
 * besides the admin role; an officer's unit-administration right does not count here.)
 */
export function isWorkingGroup(writer: Writer, campaign: CampaignScope): boolean {
  if (writer.role === 'admin') return true;
  if (!isOfficer(writer) || writer.unitId !== campaign.unit) return false;
  // Without a username the writer cannot be told from a listed person: not the group then.
  return writer.username === undefined ? campaign.listed.length === 0 : !campaign.listed.includes(writer.username);
}

/**
 * Campaigns (003): an officer of a district or province creates its own; afterwards its working
 * group edits it; the team that inspects a unit — its people as the campaign lists them — records
 * the visit, findings and conclusion; the inspected unit answers its outline (a commune's
 * standing body, or the working group for the campaign's own unit when it has a district outline).
 */
export function campaignWriteRefusal(writer: Writer, t: WriteTarget, tree: UnitTree): CampaignRefusal | null {
  if (writer.role === 'admin') return null;
  const unitName = tree.get(t.unit)?.name ?? t.unit;
  if (!tree.has(t.unit)) return forbidden(`Tài khoản không được ghi dữ liệu của ${unitName}`);
  if (t.coll === 'campaign') {
    if (!isOfficer(writer)) return forbidden('Chỉ Tổ công tác cấp huyện, tỉnh lập đợt kiểm tra');
    if (t.unit !== writer.unitId) return forbidden(`Chỉ được lập đợt kiểm tra của chính đơn vị mình, không được lập cho ${unitName}`);
    if (t.campaign && !isWorkingGroup(writer, t.campaign)) return notMember('Người có tên trong đoàn kiểm tra hay phòng, ban của đợt này không sửa được đợt kiểm tra; Tổ công tác sửa');
    return null;
  }
  const campaign = t.campaign;
  if (!campaign) return forbidden('Đợt kiểm tra này không có trên máy chủ');
  if (t.part) return campaignPartRefusal(writer, t.coll, t.part, t.unit, campaign, unitName);
  if (t.coll === 'inspection') {
    const team = campaign.teams.find((x) => x.units.includes(t.unit));
    if (!team) return forbidden(`${unitName} không thuộc đoàn kiểm tra nào của đợt này`);
    return listedIn(writer, team.people, campaign) ? null : notMember(`Chỉ thành viên đoàn kiểm tra ${unitName} ghi kết quả kiểm tra tại đơn vị này`);
  }
  const inspected = campaign.teams.some((x) => x.units.includes(t.unit)) || (campaign.ownOutline && t.unit === campaign.unit);
  if (!inspected) return forbidden(`${unitName} không được kiểm tra trong đợt này`);
  const answers = writer.role === 'communeStanding' || isOfficer(writer);
  if (!answers) return forbidden('Báo cáo phục vụ kiểm tra của xã do cơ quan thường trực (Công an xã) ghi');
  if (t.unit !== writer.unitId) return forbidden(`Chỉ được trả lời đề cương của chính đơn vị mình, không được trả lời cho ${unitName}`);
  // The district's synthesis of the district outline is the working group's.
  if (t.unit === campaign.unit && campaign.ownOutline && !isWorkingGroup(writer, campaign)) {
    return notMember('Bản tổng hợp của huyện do Tổ công tác ghi; người có tên trong đoàn hay phòng, ban chỉ ghi phần được giao');
  }
  return null;
}

/**
 * The units a campaign's teams inspect: units below the campaign's own — its communes (a
 * province's campaign may also visit districts) — never the unit itself, one above it or
 * beside it, nor a village (003 inspects "các xã, thị trấn"). A campaign naming another
 * district's commune would write conclusions under a unit its officers have no say over.
 * Field paths as the push reports them ("teams.1.units.0"); empty when all is well.
 */
export function campaignUnitsRefusal(campaignUnit: string, teams: readonly { readonly units: readonly string[] }[], tree: UnitTree): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const owner = tree.get(campaignUnit)?.name ?? campaignUnit;
  teams.forEach((team, i) =>
    team.units.forEach((u, j) => {
      const unit = tree.get(u);
      const field = `teams.${i}.units.${j}`;
      if (!unit) out.push({ field, message: `Không có đơn vị ${u}` });
      else if (u === campaignUnit || !isWithin(u, campaignUnit, tree)) out.push({ field, message: `${unit.name ?? u} không thuộc địa bàn của ${owner}` });
      else if (unit.level === 'village') out.push({ field, message: `${unit.name ?? u} là thôn: đợt kiểm tra kiểm tra các xã, thị trấn` });
    }),
  );
  return out;
}

/**
 * A part's record, filed under the campaign's own unit: a team's report, written by that team's
 * people (003 §V.2(4)); a district department's response, written by the accounts the campaign
 * gives the department or, when it gives none, by the working group typing the department's
 * paper report in.
 */
function campaignPartRefusal(writer: Writer, coll: Collection, part: string, unit: string, campaign: CampaignScope, unitName: string): CampaignRefusal | null {
  if (unit !== campaign.unit) return forbidden(`Báo cáo của đoàn và của phòng, ban được lưu dưới đơn vị lập đợt kiểm tra, không dưới ${unitName}`);
  if (coll === 'inspection') {
    const team = campaign.teams.find((x) => x.id === part);
    if (!team) return forbidden('Đợt kiểm tra này không có đoàn đó');
    return listedIn(writer, team.people, campaign) ? null : notMember(`Chỉ thành viên ${team.name} ghi báo cáo kết quả của đoàn`);
  }
  const department = campaign.departments.find((d) => d.id === part);
  if (!campaign.ownOutline || !department) return forbidden('Đề cương cấp huyện của đợt này không có phòng, ban đó');
  if (department.people.length > 0) {
    return listedIn(writer, department.people, campaign) ? null : notMember(`Chỉ tài khoản được giao của ${department.name} trả lời phần của phòng, ban này`);
  }
  if (isWorkingGroup(writer, campaign)) return null;
  const message = `${department.name} chưa được giao tài khoản: Tổ công tác của ${unitName} nhập báo cáo giấy của phòng, ban này`;
  return isOfficer(writer) && writer.unitId === campaign.unit ? notMember(message) : forbidden(message);
}

/**
 * Which record of a campaign may hold a field, once the writer may write the record: a visit's
 * fields on a unit's inspection, the report's on a team's; a department answers the common
 * sections and its own, not another department's. null when the field belongs, else why not.
 */
export function campaignFieldRefusal(coll: Collection, part: string | null | undefined, field: string, campaign: CampaignScope | null | undefined): string | null {
  if (!campaign) return null;
  if (coll === 'inspection') {
    const teamField = field === 'report' || field === 'reportSentOn';
    if (part && !teamField) return `Trường ${field} ghi cho từng đơn vị được kiểm tra, không ghi vào báo cáo của đoàn`;
    if (!part && teamField) return `Trường ${field} thuộc báo cáo của đoàn, không ghi vào kết quả kiểm tra tại đơn vị`;
    return null;
  }
  if (coll !== 'campaignAnswer' || !part || !field.startsWith('a.')) return null;
  const department = campaign.departments.find((d) => d.id === part);
  if (!department) return null; // the record itself is refused
  // Items of no department's section are the common ones, which every department answers.
  const owner = departmentOfItem(field.slice(2), campaign.departments, campaign.sections);
  if (owner && owner.id !== department.id) return `Trường ${field} thuộc phần riêng của ${owner.name}; ${department.name} chỉ trả lời phần chung và phần riêng của mình`;
  return null;
}

/** null when `writer` may write the target, else the Vietnamese reason a refusal carries. */
export function writeRefusal(writer: Writer, t: WriteTarget, tree: UnitTree): string | null {
  const unitName = tree.get(t.unit)?.name ?? t.unit;
  const outside = `Tài khoản không được ghi dữ liệu của ${unitName}`;
  if (t.coll === 'taskProgress' && writer.role !== 'admin') return tree.has(t.unit) ? taskProgressRefusal(writer, t, unitName) : outside;
  if ((t.coll === 'campaign' || t.coll === 'inspection' || t.coll === 'campaignAnswer') && writer.role !== 'admin') return campaignWriteRefusal(writer, t, tree)?.message ?? null;
  // An unknown unit is nobody's (the server refuses it earlier; the app must not offer it).
  const within = tree.has(t.unit) && isWithin(t.unit, writer.unitId, tree);

  switch (writer.role) {
    case 'admin':
      return null;
    case 'communeStanding':
      return within ? null : outside;
    case 'communeLeader':
      if (!REPORTING.has(t.coll)) return 'Lãnh đạo UBND xã chỉ ghi báo cáo và ý kiến chỉ đạo';
      return within ? null : outside;
    case 'districtOfficer':
    case 'provinceOfficer':
      if (t.coll === 'comment') return within ? null : outside;
      if (OWN_UNIT_AS_OFFICER.has(t.coll)) {
        return t.unit === writer.unitId ? null : `Chỉ được ghi ${COLLECTION_LABEL[t.coll]} của chính đơn vị mình, không được ghi của ${unitName}`;
      }
      return 'Cán bộ cấp huyện, tỉnh không được sửa mô hình, tình trạng hay ảnh của xã; chỉ được góp ý';
    case 'villageMember': {
      if (t.coll === 'checklist' || t.coll === 'indicators') return t.unit === writer.unitId && tree.has(t.unit) ? null : outside;
      if (t.coll !== 'status' && t.coll !== 'photo') {
        return 'Thành viên tổ công nghệ số thôn chỉ cập nhật tình trạng, ảnh của mô hình được phân công và số liệu của thôn';
      }
      if (!t.adoptionId) return `${COLLECTION_LABEL[t.coll]} chưa cho biết thuộc mô hình nào`;
      const adoption = t.adoption;
      if (!adoption) return `Xã chưa có mô hình ${t.adoptionId} mà bản ghi này thuộc về`;
      const commune = openCommuneOf(writer.unitId, tree);
      // Its own commune's adoption (or one of a commune merged into it: a status queued before the
      // merge still lands), the record filed under the adoption's commune, and its village assigned.
      if (commune === null || openCommuneOf(adoption.unit, tree) !== commune || t.unit !== adoption.unit || !adoption.villageIds.includes(writer.unitId)) {
        return `Thôn của bạn không được phân công mô hình ${t.adoptionId}`;
      }
      return null;
    }
  }
}

export const mayWrite = (writer: Writer, t: WriteTarget, tree: UnitTree): boolean => writeRefusal(writer, t, tree) === null;
