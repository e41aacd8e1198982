// Assembles the seed files in ../../seeds into one SeedBundle. Pure data shaping:
// the app imports it lazily on first run, the server at start-up; a test parses it.
import thieuVanModels from '../../seeds/catalogue/thieu-van-models.json';
import otherModels from '../../seeds/catalogue/other-models.json';
import orgThanhHoa from '../../seeds/org/thanh-hoa.json';
import orgQuangXuong from '../../seeds/org/quang-xuong.json';
import inspectionCommune from '../../seeds/checklists/inspection-commune.json';
import inspectionDistrict from '../../seeds/checklists/inspection-district.json';
import essentialServices from '../../seeds/indicators/essential-services.json';
// Only the rules: the cadences' quotes and notes stay out of the app (Vite drops unused JSON keys).
import { reportingRules as cadenceRules } from '../../seeds/plans/cadences.json';
import type { Model } from '../domain/catalogue.ts';
import type { ChecklistTemplate } from '../domain/checklist.ts';
import { searchKey } from '../domain/text.ts';
import { adoptionIdOf } from '../domain/sync/ids.ts';

export { SEED_VERSION } from './version.ts';
import { SEED_VERSION } from './version.ts';

type RawModel = Omit<Model, 'number'> & { number: number | null };

const TASK_PROGRESS = ['Chưa thực hiện', 'Đang thực hiện', 'Đã hoàn thành', 'Thực hiện thường xuyên'];

/** A checklist per adopted model, from its "Phân công nhiệm vụ" and "Đơn vị thực hiện". */
export function modelTaskChecklist(model: RawModel, sourceFile: string): ChecklistTemplate {
  const units = [
    ...(model.leadUnit ? [{ name: model.leadUnit, role: 'chủ trì', required: true }] : []),
    ...model.partnerUnits.map((name) => ({ name, role: 'phối hợp', required: false })),
    ...model.supportUnits.map((name) => ({ name, role: 'hỗ trợ', required: false })),
  ];
  return {
    id: `tasks-${model.id}`,
    kind: 'modelTasks',
    level: 'commune',
    title: `Nhiệm vụ ${model.number === null ? model.name : `Mô hình ${model.number}: ${model.name}`}`,
    version: 1,
    modelId: model.id,
    source: model.source.length ? model.source : [{ file: sourceFile, section: 'II' }],
    sections: [
      {
        id: 'PCNV',
        title: 'Phân công nhiệm vụ',
        items: model.tasks.flatMap((task, i) => [
          { id: `nv-${i + 1}`, label: task.text, type: 'choice' as const, required: true, options: TASK_PROGRESS },
          { id: `nv-${i + 1}-ketqua`, label: 'Kết quả, khó khăn khi thực hiện nhiệm vụ trên', type: 'text' as const, required: false },
        ]),
      },
      {
        id: 'DVTH',
        title: 'Đơn vị thực hiện',
        items: units.map((u, i) => ({
          id: `dv-${i + 1}`,
          label: `${u.name} (${u.role}) đã tham gia triển khai`,
          type: 'yesno' as const,
          required: u.required,
        })),
      },
    ].filter((s) => s.items.length > 0),
  };
}

/** The documents give village teams a part in a model when its tasks or units name them. */
function involvesVillages(model: RawModel): boolean {
  const text = searchKey(
    [...model.tasks.flatMap((t) => [t.text, t.lead ?? '', ...t.partners]), ...model.partnerUnits, ...model.supportUnits].join(' '),
  );
  return /\bthon\b|cong nghe so cong dong/.test(text);
}

export function buildSeedBundle() {
  const tv = thieuVanModels as RawModel[];
  const others = otherModels as RawModel[];
  const villages = orgThanhHoa.units.filter((u) => u.parentId === 'tv').map((u) => u.id);
  const qx = orgQuangXuong;
  const units = [
    ...orgThanhHoa.units.map((u) => ({ placeholder: false, ...u })),
    ...qx.communes.map((c) => ({ id: c.id, name: c.name, level: 'commune' as const, parentId: qx.district.id, placeholder: false })),
  ];
  const adoptions = [
    ...tv.map((m) => ({
      id: adoptionIdOf('tv', m.id),
      unitId: 'tv',
      modelId: m.id,
      adoptedOn: '2024-02-01',
      villageIds: involvesVillages(m) ? villages : [],
    })),
    // Ward Đông Hải's plan names the one-stop desk model (000, II: "Triển khai mô hình mẫu về Bộ phận một cửa").
    ...others
      .filter((m) => m.id === 'mot-cua')
      .map((m) => ({ id: adoptionIdOf('dh', m.id), unitId: 'dh', modelId: m.id, adoptedOn: '2024-01-01', villageIds: [] })),
  ];
  return {
    version: SEED_VERSION,
    catalogue: {
      version: SEED_VERSION,
      title: 'Danh mục mô hình Đề án 06 (30 mô hình: 11 mô hình xã Thiệu Vân và các mô hình, tiện ích nêu trong tài liệu)',
      models: [...tv, ...others],
    },
    units,
    // Every cadence the documents give, per unit with its quote (seeds/plans/cadences.json,
    // seeds/plans/NOTES.md): the 26 Quảng Xương communes, Đông Hải, Thiệu Vân.
    reportingRules: cadenceRules.map((r) => ({ unitId: r.unitId, rules: r.rules, source: r.source })),
    inspectionTeams: qx.inspectionTeams,
    adoptions,
    checklists: [
      inspectionCommune,
      inspectionDistrict,
      ...tv.map((m) => modelTaskChecklist(m, '004_630b8fca6c728e9f.txt')),
    ],
    indicatorSheet: {
      id: 'chi-tieu-25-dvc',
      title: 'Chỉ tiêu 25 dịch vụ công thiết yếu, CCCD gắn chíp và định danh điện tử',
      version: 1,
      source: [essentialServices.source],
      services: essentialServices.services.map((s) => ({ no: s.no, id: s.id, name: s.name, placeholder: 'placeholder' in s && s.placeholder === true })),
      counters: [
        { id: 'cccd-ho-so', label: 'Hồ sơ đề nghị cấp thẻ CCCD gắn chíp', unit: 'hồ sơ' },
        { id: 'dddt-muc-1', label: 'Tài khoản định danh điện tử mức 1 đã kích hoạt', unit: 'tài khoản' },
        { id: 'dddt-muc-2', label: 'Tài khoản định danh điện tử mức 2 đã kích hoạt', unit: 'tài khoản' },
      ],
    },
  };
}
