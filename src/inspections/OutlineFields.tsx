// The campaign form's outlines: which are used, their data period and, for the district
// outline, each department with the accounts that answer for it (empty: an officer of the
// campaign's unit types the department's paper report in).
import type { JSX } from 'preact';
import { useServices } from '../app/services.ts';
import type { OutlineDraft } from './campaign-draft.ts';
import { m } from './messages.ts';

export function OutlineFields({
  outlines,
  onChange,
  date,
}: {
  outlines: OutlineDraft[];
  onChange(outlines: OutlineDraft[]): void;
  date(label: string, value: string, set: (v: string) => void, testid: string): JSX.Element;
}) {
  const { seed } = useServices();
  return (
    <fieldset class="card">
      <legend>{m.outlinesHeading}</legend>
      {outlines.map((o, i) => {
        const template = seed.checklists.find((x) => x.id === o.templateId);
        const patch = (p: Partial<OutlineDraft>) => onChange(outlines.map((x, j) => (j === i ? { ...x, ...p } : x)));
        return (
          <div class="insp-outline" data-outline={o.level}>
            <label class="insp-check">
              <input type="checkbox" checked={o.use} onChange={(e) => patch({ use: e.currentTarget.checked })} />
              <span lang="vi">{template?.title ?? m.outlineUnknown}</span>
            </label>
            {date(m.dataFrom, o.dataFrom, (v) => patch({ dataFrom: v }), `data-from-${o.level}`)}
            {date(m.dataTo, o.dataTo, (v) => patch({ dataTo: v }), `data-to-${o.level}`)}
            {o.departments.length > 0 && (
              <details>
                <summary>{m.departments(o.departments.length)}</summary>
                <p class="muted">{m.departmentsNote}</p>
                {o.departments.map((d) => (
                  <label data-department={d.id}>
                    <span lang="vi">{d.name}</span> <span class="muted">· {m.ownSections(d.sections.length)}</span>
                    <input
                      value={o.people[d.id] ?? ''}
                      autoCapitalize="off"
                      spellcheck={false}
                      aria-label={m.departmentPeopleOf(d.name)}
                      placeholder={m.departmentPeople}
                      onInput={(e) => patch({ people: { ...o.people, [d.id]: e.currentTarget.value } })}
                    />
                  </label>
                ))}
              </details>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
