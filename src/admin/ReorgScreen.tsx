// #/admin/reorg: record a reorganisation — merge, move, rename, dissolve — with the day it takes
// effect, and read the ones recorded with their mapping (old unit → new unit). The server
// checks and applies it (sync-server/admin-api/reorg.ts, the rule in src/domain/reorg.ts); a
// split, which must say which villages go where, is recorded from the command line
// (`npm run admin -- reorganise <tệp.json>`).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { LEVEL_RANK, childrenIndex } from '../domain/org.ts';
import { formatDay, vnDate, type ReorgSpec } from '../domain/reorg.ts';
import { sortVi } from '../domain/text.ts';
import { m as c } from '../i18n/common.ts';
import type { AdminUnit } from './api.ts';
import { useAdmin } from './context.ts';
import { ActionStatus, SelectField, TextField, useAction } from './ui.tsx';
import { m as admin } from './messages.ts';
import { m } from './reorg-messages.ts';

type Kind = 'merge' | 'move' | 'rename' | 'close';
type ReorgEventView = Awaited<ReturnType<ReturnType<typeof useAdmin>['api']['reorgEvents']>>[number];

export default function ReorgScreen() {
  const { api, units, byId, reloadUnits } = useAdmin();
  const [events, setEvents] = useState<ReorgEventView[] | null>(null);
  const loadEvents = () => void api.reorgEvents().then(setEvents, () => setEvents([]));
  useEffect(loadEvents, [api]);

  const open = useMemo(() => sortVi(units.filter((u) => !u.closedOn), (u) => u.name), [units]);
  const children = useMemo(() => childrenIndex(open), [open]);
  /** Units that have open units below them: where a merge or a move starts. */
  const parents = open.filter((u) => (children.get(u.id) ?? []).length > 0);

  const [kind, setKind] = useState<Kind>('merge');
  const [effective, setEffective] = useState(() => vnDate(Date.now()));
  const [parentId, setParentId] = useState(parents[0]?.id ?? '');
  const [picked, setPicked] = useState<string[]>([]);
  const [into, setInto] = useState('');
  const [newId, setNewId] = useState('');
  const [newName, setNewName] = useState('');
  const [chosenUnit, setUnitId] = useState(open[0]?.id ?? '');
  // A unit just closed by the event recorded is no longer offered: fall back to the first open one.
  const unitId = open.some((u) => u.id === chosenUnit) ? chosenUnit : (open[0]?.id ?? '');
  const [target, setTarget] = useState('');
  const [name, setName] = useState('');
  const action = useAction();

  const below = sortVi(children.get(parentId) ?? [], (u) => u.name);
  const pickedUnits = picked.map((id) => byId.get(id)).filter((u): u is AdminUnit => !!u);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  /** Units a unit of this level may hang under: any open unit of a higher level. */
  const above = (level: AdminUnit['level']) => open.filter((u) => LEVEL_RANK[u.level] < LEVEL_RANK[level]);
  const option = (u: AdminUnit): [string, string] => [u.id, u.name];

  const spec = (): ReorgSpec => {
    switch (kind) {
      case 'merge':
        return into ? { kind, effective, from: picked, into } : { kind, effective, from: picked, into: newId.trim(), name: newName.trim(), parentId };
      case 'move':
        return { kind, effective, units: picked, parentId: target };
      case 'rename':
        return { kind, effective, unit: unitId, name: name.trim() };
      case 'close':
        return target ? { kind, effective, unit: unitId, childrenTo: target } : { kind, effective, unit: unitId };
    }
  };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    void action.run(async () => {
      if (kind === 'merge' && picked.length + (into && !picked.includes(into) ? 1 : 0) < 2) throw new Error(m.pickAtLeast);
      const event = await api.recordReorg(spec());
      setPicked([]);
      await reloadUnits();
      loadEvents();
      return m.recorded(event.seq, Object.keys(event.movedUsers ?? {}).length);
    });
  };

  const unitChoice = (
    <fieldset class="adm-pick">
      <legend>{m.pickUnits}</legend>
      {below.length === 0 && <p class="muted">{m.noneBelow}</p>}
      {below.map((u) => (
        <label class="check">
          <input type="checkbox" checked={picked.includes(u.id)} onChange={() => toggle(u.id)} />
          <span lang="vi">{u.name}</span> <span class="muted">({u.id})</span>
        </label>
      ))}
    </fieldset>
  );

  return (
    <div data-testid="reorg">
      <section class="card">
        <h2>{m.title}</h2>
        <p class="muted">{m.intro}</p>
        <form onSubmit={submit}>
          <SelectField
            label={m.kind}
            field="kind"
            value={kind}
            onValue={(v) => (setKind(v as Kind), setPicked([]), setTarget(''), action.clear())}
            error={action.error}
            options={[
              ['merge', m.kindMerge],
              ['move', m.kindMove],
              ['rename', m.kindRename],
              ['close', m.kindClose],
            ]}
          />
          <label>
            {m.effective}
            <input type="date" name="effective" value={effective} onInput={(e) => setEffective(e.currentTarget.value)} required />
          </label>
          {(kind === 'merge' || kind === 'move') && (
            <>
              <SelectField label={m.parent} field="parent" value={parentId} onValue={(v) => (setParentId(v), setPicked([]))} error={null} options={parents.map(option)} />
              {unitChoice}
            </>
          )}
          {kind === 'merge' && (
            <>
              <SelectField label={m.into} field="into" value={into} onValue={setInto} error={action.error} options={[['', m.intoNew], ...pickedUnits.map((u): [string, string] => [u.id, m.intoOne(u.name)])]} />
              {!into && (
                <>
                  <TextField label={m.newId} field="into" value={newId} onValue={setNewId} error={action.error} autocapitalize="none" spellcheck={false} />
                  <TextField label={m.newName} field="name" value={newName} onValue={setNewName} error={action.error} lang="vi" />
                </>
              )}
            </>
          )}
          {kind === 'move' && (
            <SelectField label={m.newParent} field="parentId" value={target} onValue={setTarget} error={action.error} options={[['', '—'], ...(pickedUnits[0] ? above(pickedUnits[0].level) : []).map(option)]} />
          )}
          {(kind === 'rename' || kind === 'close') && <SelectField label={m.unit} field="unit" value={unitId} onValue={setUnitId} error={action.error} options={open.map(option)} />}
          {kind === 'rename' && <TextField label={m.name} field="name" value={name} onValue={setName} error={action.error} lang="vi" />}
          {kind === 'close' && (
            <SelectField
              label={m.childrenTo}
              field="childrenTo"
              value={target}
              onValue={setTarget}
              error={action.error}
              options={[['', '—'], ...(byId.get(unitId) ? above(byId.get(unitId)!.level).filter((u) => u.id !== unitId) : []).map(option)]}
            />
          )}
          <button type="submit" class="btn" disabled={action.busy}>
            {action.busy ? m.recording : m.record}
          </button>
          <ActionStatus action={action} shown={['kind', 'effective', 'into', 'name', 'unit', 'parentId', 'childrenTo', 'from', 'units']} />
        </form>
      </section>

      <section class="card" data-testid="reorg-history">
        <h2>{m.history}</h2>
        {events === null ? (
          <p class="muted">{c.loading}</p>
        ) : events.length === 0 ? (
          <p class="muted">{m.noEvents}</p>
        ) : (
          <ul class="list">
            {[...events].reverse().map((e) => {
              const nameOf = (id: string) => byId.get(id)?.name ?? id;
              const mapping = Object.entries(e.successor).map(([from, to]) => `${nameOf(from)} → ${nameOf(to)}`);
              return (
                <li data-testid={`reorg-event-${e.seq}`}>
                  <strong>{admin.action(`reorg.${e.spec.kind}`)}</strong> <span class="muted">{m.from(formatDay(e.spec.effective))}</span>
                  <br />
                  <span lang="vi">{mapping.length ? mapping.join('; ') : describe(e.spec, nameOf)}</span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

/** An event without a mapping (move, rename, close), in the units' own words. */
function describe(spec: ReorgSpec, nameOf: (id: string) => string): string {
  switch (spec.kind) {
    case 'move':
      return `${spec.units.map(nameOf).join(', ')} → ${nameOf(spec.parentId)}`;
    case 'rename':
      return `→ ${spec.name}`;
    case 'close':
      return spec.childrenTo ? `${nameOf(spec.unit)} (→ ${nameOf(spec.childrenTo)})` : nameOf(spec.unit);
    default:
      return '';
  }
}
