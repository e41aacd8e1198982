// The unit tree: browse (expand a unit to see the ones below), search without diacritics,
// and for the unit picked: correct its name, set its reporting rules (or inherit them),
// add a unit below it, open its users. Structural changes (merge, split, move, close) are
// reorganisation events (#/admin/reorg), not edits here.
import { useMemo, useState } from 'preact/hooks';
import { LEVEL_RANK, OrgLevel, ancestry, childrenIndex } from '../domain/org.ts';
import type { ReportingRule } from '../domain/calendar.ts';
import { matchesSearch, sortVi } from '../domain/text.ts';
import { m as c } from '../i18n/common.ts';
import type { AdminUnit } from './api.ts';
import { useAdmin } from './context.ts';
import { ActionStatus, Check, SelectField, TextField, useAction } from './ui.tsx';
import { m } from './messages.ts';

const MAX_MATCHES = 50;

export function UnitsScreen({ selected }: { selected: string | null }) {
  const { units, byId } = useAdmin();
  const [query, setQuery] = useState('');
  const children = useMemo(() => {
    const idx = childrenIndex(units);
    for (const [k, list] of idx) idx.set(k, sortVi(list, (u) => u.name));
    return idx;
  }, [units]);
  const roots = useMemo(() => sortVi(units.filter((u) => !u.parentId || !byId.has(u.parentId)), (u) => u.name), [units, byId]);
  const unit = selected ? byId.get(selected) : undefined;
  // The picked unit's ancestors start open, so a link to it shows where it sits.
  const [open, setOpen] = useState<Set<string>>(() => new Set([...roots.map((r) => r.id), ...(selected ? ancestry(selected, byId).map((u) => u.id) : [])]));
  const toggle = (id: string) => setOpen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  const matches = query.trim() ? units.filter((u) => matchesSearch(`${u.name} ${u.id}`, query)) : [];

  return (
    <div class="adm-split">
      <section class="card adm-tree" aria-label={m.unitTree}>
        <label class="search">
          {m.searchUnits}
          <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} placeholder={m.searchPlaceholder} />
        </label>
        {query.trim() ? (
          <>
            <p class="muted" role="status">
              {m.matches(matches.length)}
            </p>
            <ul class="list" data-testid="unit-matches">
              {sortVi(matches, (u) => u.name)
                .slice(0, MAX_MATCHES)
                .map((u) => (
                  <li>
                    <UnitLink unit={u} current={u.id === selected} />
                    <span class="muted" lang="vi">
                      {ancestry(u.id, byId)
                        .slice(1)
                        .map((a) => a.name)
                        .join(' ← ')}
                    </span>
                  </li>
                ))}
            </ul>
          </>
        ) : units.length === 0 ? (
          <p class="muted">{m.noUnits}</p>
        ) : (
          <ul class="adm-nodes" role="tree" aria-label={m.unitTree}>
            {roots.map((r) => (
              <Node unit={r} children={children} open={open} toggle={toggle} selected={selected} />
            ))}
          </ul>
        )}
      </section>
      <div class="adm-detail">
        {unit ? <UnitPanel key={unit.id} unit={unit} kids={children.get(unit.id) ?? []} /> : <p class="card muted">{m.pickUnit}</p>}
        {units.length === 0 && <CreateUnitForm parent={null} />}
      </div>
    </div>
  );
}

function UnitLink({ unit, current }: { unit: AdminUnit; current: boolean }) {
  return (
    <a href={`#/admin/units/${encodeURIComponent(unit.id)}`} aria-current={current ? 'page' : undefined} class="adm-unit-link">
      <span lang="vi">{unit.name}</span> <span class="chip">{c.level(unit.level)}</span>
      {unit.closedOn && <span class="chip">{m.closedOn(unit.closedOn)}</span>}
    </a>
  );
}

function Node({ unit, children, open, toggle, selected }: { unit: AdminUnit; children: Map<string, AdminUnit[]>; open: Set<string>; toggle: (id: string) => void; selected: string | null }) {
  const kids = children.get(unit.id) ?? [];
  const isOpen = open.has(unit.id);
  return (
    <li role="treeitem" aria-expanded={kids.length ? isOpen : undefined} aria-selected={unit.id === selected}>
      <div class="adm-node">
        {kids.length > 0 ? (
          <button type="button" class="adm-toggle" aria-label={isOpen ? m.collapse(unit.name) : m.expand(unit.name)} onClick={() => toggle(unit.id)}>
            {isOpen ? '▾' : '▸'}
          </button>
        ) : (
          <span class="adm-toggle" aria-hidden="true" />
        )}
        <UnitLink unit={unit} current={unit.id === selected} />
        {kids.length > 0 && <span class="muted">({kids.length})</span>}
      </div>
      {isOpen && kids.length > 0 && (
        <ul role="group">
          {kids.map((k) => (
            <Node unit={k} children={children} open={open} toggle={toggle} selected={selected} />
          ))}
        </ul>
      )}
    </li>
  );
}

function UnitPanel({ unit, kids }: { unit: AdminUnit; kids: AdminUnit[] }) {
  const { me, byId } = useAdmin();
  const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
  return (
    <>
      <section class="card" data-testid="unit-panel">
        <h2 lang="vi">{unit.name}</h2>
        <p class="muted">
          {m.unitFacts(unit.id, c.level(unit.level))}
          {parent && (
            <>
              {' · '}
              {m.under} <a href={`#/admin/units/${encodeURIComponent(parent.id)}`} lang="vi">{parent.name}</a>
            </>
          )}
          {unit.placeholder && ` · ${m.placeholderName}`}
        </p>
        <a class="btn-secondary" href={`#/admin/users/${encodeURIComponent(unit.id)}`}>
          {m.usersOfUnit}
        </a>
      </section>
      {me.canAdminUnits && <RenameForm unit={unit} />}
      {me.canAdminUnits && <RulesForm unit={unit} />}
      {kids.length > 0 && (
        <section class="card">
          <h2>{m.unitsBelow}</h2>
          <ul class="list">
            {kids.map((k) => (
              <li>
                <UnitLink unit={k} current={false} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {me.canAdminUnits && unit.level !== 'village' && <CreateUnitForm parent={unit} />}
    </>
  );
}

function RenameForm({ unit }: { unit: AdminUnit }) {
  const { api, reloadUnits } = useAdmin();
  const [name, setName] = useState(unit.name);
  const [placeholder, setPlaceholder] = useState(unit.placeholder);
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api.patchUnit(unit.id, { name: name.normalize('NFC').trim(), placeholder });
      await reloadUnits();
      return m.saved;
    });
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-label={m.correctName}>
      <h2>{m.correctName}</h2>
      <TextField label={m.unitName} field="name" value={name} onValue={setName} error={action.error} lang="vi" />
      <Check label={m.placeholderLabel} checked={placeholder} onValue={setPlaceholder} />
      <button type="submit" class="btn-primary" disabled={action.busy}>
        {action.busy ? m.saving : m.save}
      </button>
      <ActionStatus action={action} shown={['name']} />
    </form>
  );
}

interface RuleDraft {
  periodType: ReportingRule['periodType'];
  dueWeekday: string;
  dueBeforeDay: string;
  monthOffset: string;
}
const PERIODS = ['weekly', 'monthly', 'sixMonth', 'annual'] as const;
const draftOf = (r: ReportingRule): RuleDraft =>
  r.periodType === 'weekly'
    ? { periodType: 'weekly', dueWeekday: String(r.dueWeekday), dueBeforeDay: '20', monthOffset: '0' }
    : { periodType: r.periodType, dueWeekday: '1', dueBeforeDay: String(r.dueBeforeDay), monthOffset: String(r.monthOffset) };
const ruleOf = (d: RuleDraft): ReportingRule =>
  d.periodType === 'weekly'
    ? { periodType: 'weekly', dueWeekday: Number(d.dueWeekday) }
    : { periodType: d.periodType as 'monthly', dueBeforeDay: Number(d.dueBeforeDay), monthOffset: Number(d.monthOffset || '0') };

/** A rule in words: "Báo cáo tháng: trước ngày 20". */
export function ruleText(r: ReportingRule): string {
  if (r.periodType === 'weekly') return `${c.periodType('weekly')}: ${m.weekday(r.dueWeekday)}`;
  return `${c.periodType(r.periodType)}: ${m.dueBefore(r.dueBeforeDay, r.monthOffset)}`;
}

function RulesForm({ unit }: { unit: AdminUnit }) {
  const { api, byId, reloadUnits } = useAdmin();
  const [own, setOwn] = useState(unit.rules !== null);
  const [drafts, setDrafts] = useState<RuleDraft[]>((unit.rules ?? []).map(draftOf));
  const action = useAction();
  const from = ancestry(unit.id, byId)
    .slice(1)
    .find((u) => u.rules !== null);
  const set = (i: number, patch: Partial<RuleDraft>) => setDrafts((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api.setRules(unit.id, own ? drafts.map(ruleOf) : null);
      await reloadUnits();
      return m.saved;
    });
  };
  const shown = drafts.flatMap((_, i) => [`rules.${i}.dueWeekday`, `rules.${i}.dueBeforeDay`, `rules.${i}.monthOffset`, `rules.${i}.periodType`]);
  return (
    <form class="card" onSubmit={submit} noValidate aria-label={m.rulesTitle} data-testid="rules-form">
      <h2>{m.rulesTitle}</h2>
      <fieldset class="adm-radios">
        <legend class="sr-only">{m.rulesTitle}</legend>
        <label class="adm-check">
          <input type="radio" name="rules-mode" checked={!own} onChange={() => setOwn(false)} />
          {m.inherit}
        </label>
        <label class="adm-check">
          <input
            type="radio"
            name="rules-mode"
            checked={own}
            onChange={() => {
              setOwn(true);
              if (drafts.length === 0) setDrafts((from?.rules ?? []).map(draftOf));
            }}
          />
          {m.ownRules}
        </label>
      </fieldset>
      {!own && (
        <p class="muted" data-testid="inherited-rules">
          {from ? m.inheritedFrom(from.name) : m.noInheritedRules}
          {from?.rules?.map((r) => (
            <>
              <br />
              {ruleText(r)}
            </>
          ))}
        </p>
      )}
      {own && (
        <>
          {drafts.map((d, i) => (
            <fieldset class="adm-rule">
              <legend>{m.ruleN(i + 1)}</legend>
              <SelectField
                label={m.periodType}
                field={`rules.${i}.periodType`}
                value={d.periodType}
                onValue={(v) => set(i, { periodType: v as RuleDraft['periodType'] })}
                error={action.error}
                options={PERIODS.map((p) => [p, c.periodType(p)])}
              />
              {d.periodType === 'weekly' ? (
                <SelectField
                  label={m.dueWeekday}
                  field={`rules.${i}.dueWeekday`}
                  value={d.dueWeekday}
                  onValue={(v) => set(i, { dueWeekday: v })}
                  error={action.error}
                  options={[1, 2, 3, 4, 5, 6, 7].map((n) => [String(n), m.weekdayName(n)])}
                />
              ) : (
                <div class="adm-row">
                  <TextField label={m.dueBeforeDay} field={`rules.${i}.dueBeforeDay`} value={d.dueBeforeDay} onValue={(v) => set(i, { dueBeforeDay: v })} error={action.error} inputMode="numeric" />
                  <TextField label={m.monthOffset} field={`rules.${i}.monthOffset`} value={d.monthOffset} onValue={(v) => set(i, { monthOffset: v })} error={action.error} inputMode="numeric" />
                </div>
              )}
              <button type="button" class="btn-small" onClick={() => setDrafts((ds) => ds.filter((_, j) => j !== i))}>
                {m.removeRule}
              </button>
            </fieldset>
          ))}
          <button type="button" class="btn-small" onClick={() => setDrafts((ds) => [...ds, { periodType: 'monthly', dueWeekday: '1', dueBeforeDay: '20', monthOffset: '0' }])}>
            {m.addRule}
          </button>
        </>
      )}
      <button type="submit" class="btn-primary" disabled={action.busy}>
        {action.busy ? m.saving : m.saveRules}
      </button>
      <ActionStatus action={action} shown={shown} />
    </form>
  );
}

export function CreateUnitForm({ parent }: { parent: AdminUnit | null }) {
  const { api, reloadUnits } = useAdmin();
  const levels = OrgLevel.options.filter((l) => !parent || LEVEL_RANK[l] > LEVEL_RANK[parent.level]);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [level, setLevel] = useState<string>(levels[0] ?? 'village');
  const [placeholder, setPlaceholder] = useState(false);
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const unit = await api.createUnit({ id: id.trim(), name: name.normalize('NFC').trim(), level, parentId: parent?.id ?? null, placeholder });
      await reloadUnits();
      setId('');
      setName('');
      return m.unitCreated(unit.name);
    });
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-label={parent ? m.addBelow : m.addRoot} data-testid="create-unit">
      <h2>{parent ? m.addBelow : m.addRoot}</h2>
      <TextField label={m.unitId} field="id" value={id} onValue={setId} error={action.error} autocapitalize="none" spellcheck={false} />
      <TextField label={m.unitName} field="name" value={name} onValue={setName} error={action.error} lang="vi" />
      <SelectField label={m.level} field="level" value={level} onValue={setLevel} error={action.error} options={levels.map((l) => [l, c.level(l)])} />
      <Check label={m.placeholderLabel} checked={placeholder} onValue={setPlaceholder} />
      <button type="submit" class="btn-primary" disabled={action.busy}>
        {action.busy ? m.saving : m.create}
      </button>
      <ActionStatus action={action} shown={['id', 'name', 'level']} />
    </form>
  );
}
