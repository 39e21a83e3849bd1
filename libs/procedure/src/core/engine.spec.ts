import { PROCEDURE_ERRORS as E, ProcedureError } from '../procedure.errors';
import type { CaseRecord, ProcedureActor } from '../procedure.types';
import type { ActionDefinition, Citation, ProcedureDefinition, WorkingCalendar } from './definition.types';
import { applyAction, availableActions, caseDeadlines, checkActionAvailable } from './engine';

/**
 * The engine on a two-step toy procedure with a toy calendar (every day a working day; 2029 and 2030 only
 * provisionally, with a safe bound two days after a provisional last day; nothing after 2030 is covered), so the
 * core's rules are tested apart from the CN definition and the holiday data.
 */

const DAY_MS = 86_400_000;
const toMs = (d: string): number => Date.parse(`${d}T00:00:00Z`);
const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const covered = (d: string): void => {
  if (d > '2030-12-31') throw new ProcedureError(E.CALENDAR_NOT_COVERED, `not covered: ${d}`, { date: d });
};

const calendar: WorkingCalendar = {
  id: 'toy',
  coverage: { from: '2000-01-01', until: '2030-12-31' },
  isWorkingDay: (d) => (covered(d), true),
  addWorkingDays: (d, n) => {
    const out = toDay(toMs(d) + n * DAY_MS);
    covered(out);
    return out;
  },
  addCalendarDays: (d, n) => toDay(toMs(d) + n * DAY_MS),
  calendarDaysBetween: (a, b) => Math.round((toMs(b) - toMs(a)) / DAY_MS),
  addYears: (d, n) => `${Number(d.slice(0, 4)) + n}${d.slice(4)}`,
  workingDaysBetween: (a, b) => {
    covered(a);
    covered(b);
    return Math.round((toMs(b) - toMs(a)) / DAY_MS);
  },
  sourceFor: () => 'toy',
  countStatus: (a, b) =>
    b > '2028-12-31' && b > a
      ? {
          provisional: true,
          missingNoticeYears: [2029, 2030].filter((y) => `${y}-12-31` > a && `${y}-01-01` <= b),
          reason: 'toy: no notice',
        }
      : { provisional: false },
  partyLastDay: (d, n) => {
    const due = toDay(toMs(d) + n * DAY_MS);
    covered(due);
    return due > '2028-12-31' ? toDay(toMs(due) + 2 * DAY_MS) : due;
  },
};

const basis: Citation = {
  instrument: 'toy',
  article: '1',
  label: { zh: '第一条', en: 'art. 1' },
  confidence: 'P',
};

function act(over: Partial<ActionDefinition> & Pick<ActionDefinition, 'name' | 'from'>): ActionDefinition {
  return {
    label: { zh: over.name, en: over.name },
    toStates: ['b'],
    to: () => 'b',
    permits: [{ role: 'head' }],
    parseInput: (raw) => ({ ...raw }),
    preconditions: [],
    effectiveDate: (ctx) => ctx.today,
    document: null,
    opens: [],
    meets: [],
    basis: [basis],
    ...over,
  };
}

const toy: ProcedureDefinition = {
  id: 'toy',
  version: '0',
  title: { zh: '玩具', en: 'toy' },
  inForceFrom: '2000-01-01',
  inForceUntil: null,
  sources: [],
  states: [
    { id: 'a', label: { zh: 'a', en: 'a' }, terminal: false },
    { id: 'b', label: { zh: 'b', en: 'b' }, terminal: true },
  ],
  initialState: 'a',
  actions: [
    act({
      name: 'go',
      from: ['a'],
      permits: [{ role: 'head' }, { role: 'inspector', handlerOnly: true }],
      parseInput: (raw) => {
        if (typeof raw.n !== 'number') throw new ProcedureError(E.INVALID_INPUT, 'n', { field: 'n' });
        return { n: raw.n };
      },
      preconditions: [
        {
          id: 'not-on-sunday-2026-03-01',
          description: { zh: '', en: '' },
          code: E.PRECONDITION_FAILED,
          basis,
          usesInput: false,
          check: ({ today }) => (today === '2026-03-01' ? { message: 'closed today' } : null),
        },
        {
          id: 'n-small',
          description: { zh: '', en: '' },
          code: E.PRECONDITION_FAILED,
          basis,
          usesInput: true,
          check: ({ input }) =>
            (input.n as number) > 3 ? { message: 'too big', details: { field: 'n' } } : null,
        },
      ],
      document: 'decision',
      meets: ['due'],
    }),
    act({
      name: 'far',
      from: ['a'],
      preconditions: [
        {
          id: 'needs-2031',
          description: { zh: '', en: '' },
          code: E.PRECONDITION_FAILED,
          basis,
          usesInput: false,
          check: ({ def, today }) => {
            def.calendar.addWorkingDays(today, 2_000);
            return null;
          },
        },
      ],
    }),
  ],
  deadlines: [
    {
      id: 'due',
      label: { zh: '期限', en: 'due' },
      counting: 'working-days',
      holder: 'authority',
      basis,
      metBy: 'go',
      compute: (def, record) => ({
        due: record.clueDate,
        metOn: record.steps.find((s) => s.action === 'go')?.date ?? null,
        countedFrom: def.calendar.addCalendarDays(record.clueDate, -1),
      }),
    },
    {
      // A party's window of 5 working days after the clue date (counted, so its provisional status is asked); in
      // the toy only an individual has one, so the other cases list the authority's deadline alone.
      id: 'party',
      label: { zh: '当事人期限', en: 'party window' },
      counting: 'working-days',
      holder: 'party',
      basis,
      metBy: null,
      compute: (def, record) =>
        record.partyKind !== 'individual'
          ? null
          : {
              due: def.calendar.addWorkingDays(record.clueDate, 5),
              metOn: null,
              countedFrom: record.clueDate,
              acceptedUntil: def.calendar.partyLastDay(record.clueDate, 5),
            },
    },
  ],
  parameters: [],
  calendar,
  nearWorkingDays: 3,
};

const head: ProcedureActor = { id: 'h', roles: ['head'], certificateNumber: null, firmCreditCode: null };
const inspector: ProcedureActor = {
  id: 'i',
  roles: ['inspector'],
  certificateNumber: 'C',
  firmCreditCode: null,
};

function record(over: Partial<CaseRecord> = {}): CaseRecord {
  return {
    procedureId: 'toy',
    state: 'a',
    clueDate: '2026-03-10',
    discoveryDate: null,
    conductEndDate: null,
    regionCode: '',
    firmCreditCode: 'F',
    steps: [],
    handlers: [],
    assessment: null,
    ...over,
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

describe('the procedure engine (core)', () => {
  it('returns the step to store, with the actor, the dates, the parsed input and the document', () => {
    const t = applyAction(toy, record(), head, 'go', { n: 2, ignored: undefined }, '2026-03-02');
    expect(t).toEqual({
      toState: 'b',
      document: 'decision',
      step: {
        action: 'go',
        actorId: 'h',
        actorRoles: ['head'],
        date: '2026-03-02',
        input: { n: 2 },
        fromState: 'a',
        toState: 'b',
        document: 'decision',
      },
    });
  });

  it('checks in order: action, state, role, actor-only preconditions, input, input preconditions', () => {
    expect(codeOf(() => applyAction(toy, record(), head, 'nope', {}, '2026-03-02'))).toBe(E.UNKNOWN_ACTION);
    expect(codeOf(() => applyAction(toy, record({ state: 'b' }), inspector, 'go', {}, '2026-03-02'))).toBe(
      E.NOT_ALLOWED_IN_STATE,
    );
    expect(codeOf(() => applyAction(toy, record(), inspector, 'go', {}, '2026-03-01'))).toBe(
      E.ROLE_NOT_PERMITTED,
    );
    // Closed today wins over the missing input.
    expect(codeOf(() => applyAction(toy, record(), head, 'go', {}, '2026-03-01'))).toBe(
      E.PRECONDITION_FAILED,
    );
    expect(codeOf(() => applyAction(toy, record(), head, 'go', {}, '2026-03-02'))).toBe(E.INVALID_INPUT);
    expect(codeOf(() => applyAction(toy, record(), head, 'go', { n: 4 }, '2026-03-02'))).toBe(
      E.PRECONDITION_FAILED,
    );
  });

  it('checks an action before its input as applyAction does: state, role, actor-only preconditions', () => {
    const check = (r: Parameters<typeof record>[0], who: typeof head, today: string) =>
      codeOf(() => checkActionAvailable(toy, record(r), who, 'go', today));
    expect(codeOf(() => checkActionAvailable(toy, record(), head, 'nope', '2026-03-02'))).toBe(
      E.UNKNOWN_ACTION,
    );
    expect(check({ state: 'b' }, inspector, '2026-03-02')).toBe(E.NOT_ALLOWED_IN_STATE);
    expect(check({}, inspector, '2026-03-02')).toBe(E.ROLE_NOT_PERMITTED);
    expect(check({}, head, '2026-03-01')).toBe(E.PRECONDITION_FAILED);
    // The input is not asked for: the same call that applyAction refuses for its missing input passes here.
    expect(check({}, head, '2026-03-02')).toBeUndefined();
  });

  it('names the precondition and its article in the refusal', () => {
    try {
      applyAction(toy, record(), head, 'go', { n: 4 }, '2026-03-02');
      throw new Error('not refused');
    } catch (e) {
      expect((e as ProcedureError).details).toEqual({
        field: 'n',
        precondition: 'n-small',
        basis: 'art. 1',
        basisZh: '第一条',
      });
    }
  });

  it('an inspector acts only as a handler where the permit says so', () => {
    expect(availableActions(toy, record(), inspector, '2026-03-02')).toEqual([]);
    const withHandler = record({ handlers: [{ actorId: 'i', certificateNumber: 'C' }] });
    expect(availableActions(toy, withHandler, inspector, '2026-03-02')).toEqual(['go']);
  });

  it('lists only what the actor-only preconditions allow today; a calendar gap leaves an action out', () => {
    expect(availableActions(toy, record(), head, '2026-03-02')).toEqual(['go']);
    expect(availableActions(toy, record(), head, '2026-03-01')).toEqual([]);
    expect(codeOf(() => applyAction(toy, record(), head, 'far', {}, '2026-03-02'))).toBe(
      E.CALENDAR_NOT_COVERED,
    );
  });

  it('deadline status: open, near (≤ 3 working days), overdue, met', () => {
    const status = (today: string, r = record()): string => caseDeadlines(toy, r, today)[0].status;
    expect(status('2026-03-06')).toBe('open');
    expect(status('2026-03-07')).toBe('near');
    expect(status('2026-03-10')).toBe('near');
    expect(status('2026-03-11')).toBe('overdue');
    const done = applyAction(toy, record(), head, 'go', { n: 1 }, '2026-03-12');
    const met = record({ state: 'b', steps: [{ ...done.step, seq: 1, at: '2026-03-12T01:00:00Z' }] });
    expect(caseDeadlines(toy, met, '2026-03-20')[0]).toMatchObject({
      status: 'met',
      metOn: '2026-03-12',
      holder: 'authority',
    });
  });

  it('a due day far beyond the covered years is open without asking the holiday table', () => {
    expect(caseDeadlines(toy, record({ clueDate: '2031-06-01' }), '2030-12-01')[0].status).toBe('open');
    expect(codeOf(() => caseDeadlines(toy, record({ clueDate: '2031-01-05' }), '2030-12-31'))).toBe(
      E.CALENDAR_NOT_COVERED,
    );
  });

  it('a count over a year without a notice is provisional with its reason; a confirmed one is not', () => {
    const [own, party] = caseDeadlines(toy, record({ partyKind: 'individual' }), '2026-03-02');
    expect(own).toMatchObject({ provisional: false, provisionalReason: null, missingNoticeYears: [] });
    expect(party).toMatchObject({ due: '2026-03-15', acceptedUntil: '2026-03-15', provisional: false });
    expect(own.acceptedUntil).toBeUndefined();
    const late = caseDeadlines(
      toy,
      record({ clueDate: '2028-12-28', partyKind: 'individual' }),
      '2028-12-28',
    )[1];
    expect(late).toMatchObject({
      due: '2029-01-02',
      acceptedUntil: '2029-01-04',
      provisional: true,
      provisionalReason: 'toy: no notice',
      missingNoticeYears: [2029],
    });
  });

  it('a provisional party window is not overdue before its accepted-until day; a confirmed one lapses on due', () => {
    const party = (clueDate: string, today: string): string =>
      caseDeadlines(toy, record({ clueDate, partyKind: 'individual' }), today)[1].status;
    expect(party('2028-12-28', '2029-01-02')).toBe('near');
    expect(party('2028-12-28', '2029-01-03')).toBe('near');
    expect(party('2028-12-28', '2029-01-04')).toBe('near');
    expect(party('2028-12-28', '2029-01-05')).toBe('overdue');
    expect(party('2026-03-10', '2026-03-15')).toBe('near');
    expect(party('2026-03-10', '2026-03-16')).toBe('overdue');
  });

  it("the authority's own provisional deadline lapses on its due day (a warning, nothing is refused)", () => {
    const own = caseDeadlines(toy, record({ clueDate: '2029-02-01' }), '2029-02-02')[0];
    expect(own).toMatchObject({ status: 'overdue', provisional: true, missingNoticeYears: [2029] });
    expect(own.acceptedUntil).toBeUndefined();
    expect(
      applyAction(toy, record({ clueDate: '2029-02-01' }), head, 'go', { n: 1 }, '2029-02-02').toState,
    ).toBe('b');
  });

  it('refuses a malformed today', () => {
    expect(codeOf(() => caseDeadlines(toy, record(), '2026/03/02'))).toBe(E.INVALID_INPUT);
  });
});
