// A unit's steps in a campaign as one block of lines: done / to do, what is late, what is next.
import { STEPS, type LateStep, type UnitState } from '../domain/campaign.ts';
import { m } from './messages.ts';

/** The first step still to do and its due day, for a unit with nothing late. */
function nextDue(st: UnitState): { step: LateStep; due: string } | null {
  const order: [LateStep, boolean, string | null][] = [
    ['register', st.steps.scheduled, st.due.register],
    ['notice', st.steps.notified, st.due.notice],
    ['answers', st.steps.answered, st.due.answers],
    ['visit', st.steps.inspected, st.due.visit],
    ['conclusion', st.steps.concluded, st.due.conclusion],
  ];
  const next = order.find(([, done, due]) => !done && due !== null);
  return next ? { step: next[0], due: next[2]! } : null;
}

export function StateLines({ st, scheduledOn }: { st: UnitState; scheduledOn: string | null }) {
  const next = st.late.length === 0 ? nextDue(st) : null;
  return (
    <>
      <ol class="insp-steps" aria-label={st.stage ? m.step(st.stage) : m.notScheduled}>
        {STEPS.map((s) => (
          <li class={st.steps[s] ? 'insp-done' : 'insp-todo'} data-step={s} data-done={st.steps[s] ? 'yes' : 'no'} title={m.step(s)}>
            {st.steps[s] ? '✓ ' : '○ '}
            {m.stepShort(s)}
          </li>
        ))}
      </ol>
      {scheduledOn && <p class="muted">{m.scheduledOn(scheduledOn)}</p>}
      {st.late.map((l) => (
        <p class="late" data-testid="late">
          {l.doneOn ? m.lateDone(l.step, l.due, l.doneOn) : m.late(l.step, l.due)}
        </p>
      ))}
      {st.outsideWindow && <p class="late">{m.outsideWindow}</p>}
      {next && <p class="muted">{m.next(next.step, next.due)}</p>}
    </>
  );
}
