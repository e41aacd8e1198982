// Assembles the seed files in ../../seeds into one SeedBundle. Pure data shaping:
// the app imports it lazily on first run, the server at start-up; a test parses it.
import thieuVanModels from '../../seeds/catalogue/thieu-van-models.json';
import otherModels from '../../seeds/catalogue/other-models.json';
import orgThanhHoa from '../../seeds/org/thanh-hoa.json';
import orgQuangXuong from '../../seeds/org/quang-xuong.json';
import inspectionCommune from '../../seeds/checklists/inspection-commune.json';
import inspectionDistrict from '../../seeds/checklists/inspection-district.json';
import essentialServices from '../../seeds/indicators/essential-services.json';
import decision422 from '../../seeds/indicators/qd422-services.json';
import counterSeed from '../../seeds/indicators/counters.json';
import documentTitles from '../../seeds/documents/titles.json';
// Only the rules: the cadences' quotes and notes stay out of the app (Vite drops unused JSON keys).
import { reportingRules as cadenceRules } from '../../seeds/plans/cadences.json';
import type { Model } from '../domain/catalogue.ts';
import type { ChecklistTemplate } from '../domain/checklist.ts';
import { searchKey } from '../domain/text.ts';
import { adoptionIdOf } from '../domain/sync/ids.ts';
import { citeSource } from '../domain/citation.ts';
import { AggregateCounter } from '../domain/indicators.ts';

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

/** The documents' titles as people cite them (never the file names: issue 11). */
const documents = documentTitles.documents.map(({ file, title }) => ({ file, title }));
/** A seed citation names a document the table has, or the seed is wrong. */
function citationOf(source: { file: string; section: string }): string {
  if (!documents.some((d) => d.file === source.file)) throw new Error(`Chưa có tên tài liệu cho ${source.file}`);
  return citeSource(source, documents);
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
    // No document says when the ward adopted it, so no date (issue 11).
    ...others
      .filter((m) => m.id === 'mot-cua')
      .map((m) => ({ id: adoptionIdOf('dh', m.id), unitId: 'dh', modelId: m.id, adoptedOn: null, villageIds: [] })),
  ];
  return {
    version: SEED_VERSION,
    documents,
    catalogue: {
      version: SEED_VERSION,
      // Not the Thiệu Vân appendix's "30 MÔ HÌNH" (its table lists 11): what this list holds.
      title: `Danh mục tổng hợp: ${tv.length} mô hình trong Kế hoạch của UBND xã Thiệu Vân (tháng 02/2024) và ${others.length} mô hình, tiện ích nêu trong các văn bản khác (kế hoạch của phường Đông Hải, báo cáo của tỉnh Thanh Hóa, kế hoạch của thành phố Huế, kế hoạch kiểm tra của huyện Quảng Xương); nguồn ghi ở từng mô hình`,
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
      title: 'Chỉ tiêu 25 dịch vụ công thiết yếu, dịch vụ công theo Quyết định 422/QĐ-TTg, CCCD gắn chíp, định danh điện tử và chữ ký số',
      version: 2,
      source: [essentialServices.source, decision422.source],
      // A row the source lost stays out of the form until it is named: in the seed, or by an
      // admin in the browser (src/domain/service-names.ts). A name recovered from outside the
      // table carries where it was found, as title and section (issue 11).
      services: essentialServices.services.flatMap((s) =>
        s.name === null ? [] : [{ no: s.no, id: s.id, name: s.name, ...('nameSource' in s && s.nameSource ? { citation: citationOf(s.nameSource) } : {}) }],
      ),
      unnamedServices: essentialServices.services.flatMap((s, position) => (s.name === null ? [{ id: s.id, no: s.no, position }] : [])),
      decision422: decision422.services.map((s) => ({ no: s.no, id: s.id, name: s.name, group: s.group, parent: s.parent, issue: s.issue })),
      counters: counterSeed.counters.map(({ baseline, ...c }) => ({ ...c, ...(baseline ? { baseline: { ...baseline, citation: citationOf(baseline.source) } } : {}) })),
      targets: counterSeed.targets.map((t) => ({ ...t, citation: citationOf(t.source) })),
      // Parsed here: the JSON's level and measure are plain strings to TypeScript.
      aggregates: counterSeed.aggregates.map(({ baseline, shareBaseline, ...c }) =>
        AggregateCounter.parse({
          ...c,
          ...(baseline ? { baseline: { ...baseline, citation: citationOf(baseline.source) } } : {}),
          ...(shareBaseline ? { shareBaseline: { ...shareBaseline, citation: citationOf(shareBaseline.source) } } : {}),
        }),
      ),
    },
  };
}
