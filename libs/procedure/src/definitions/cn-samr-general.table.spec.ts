import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyAction } from '../core/engine';
import { describeProcedure } from '../core/describe';
import { parameterAt } from '../core/parameters';
import type { ProcedureDefinition } from '../core/definition.types';
import { PROCEDURE_ERRORS as E } from '../procedure.errors';
import { procedureDefinition } from '../procedure-registry';
import {
  CN_ACTIONS,
  PROCEDURE_DOCUMENT_KINDS,
  type CaseRecord,
  type ProcedureRole,
} from '../procedure.types';
import { PRC_WORKING_CALENDAR } from '../calendar/working-days';
import { CN_PARAMETER_IDS } from './cn-parameters';
import { CN_SAMR_GENERAL as DEF } from './cn-samr-general';
import { actor, clueCase } from '../fixtures/cn-case.fixture';

/** The agreed table (notes/actions.md, with the law's differences documented in docs/procedure.md). */
const EXPECTED: Record<string, { roles: string[]; from: string[] }> = {
  file: { roles: ['head'], from: ['clue'] },
  assign: { roles: ['head', 'inspector'], from: ['filed', 'investigating'] },
  propose: { roles: ['inspector*'], from: ['investigating'] },
  review: { roles: ['legal_reviewer'], from: ['proposed', 'heard'] },
  notify: { roles: ['head'], from: ['reviewed', 'proposed'] },
  defend: { roles: ['firm'], from: ['notified', 'hearing_requested', 'hearing_scheduled'] },
  'request-hearing': { roles: ['firm'], from: ['notified'] },
  'schedule-hearing': { roles: ['head', 'inspector*'], from: ['hearing_requested'] },
  'record-hearing': { roles: ['head', 'inspector', 'legal_reviewer'], from: ['hearing_scheduled'] },
  decide: { roles: ['head'], from: ['notified', 'heard'] },
  serve: { roles: ['head', 'inspector*'], from: ['decided'] },
  publish: { roles: ['head', 'inspector*'], from: ['decided', 'served'] },
  'record-payment': { roles: ['head', 'inspector*'], from: ['served'] },
  close: { roles: ['head'], from: ['served'] },
  'no-penalty': {
    roles: ['head'],
    from: ['filed', 'investigating', 'proposed', 'reviewed', 'notified', 'heard'],
  },
  withdraw: { roles: ['head'], from: ['filed', 'investigating'] },
  transfer: { roles: ['head'], from: ['filed', 'investigating'] },
  extend: {
    roles: ['head'],
    from: [
      'clue',
      'filed',
      'investigating',
      'proposed',
      'reviewed',
      'notified',
      'hearing_requested',
      'hearing_scheduled',
      'heard',
    ],
  },
};

const ALL_ROLES: ProcedureRole[] = ['inspector', 'legal_reviewer', 'head', 'admin', 'observer', 'firm'];
const STATES = DEF.states.map((s) => s.id);

function thrownCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

function codeOf(
  record: CaseRecord,
  roles: ProcedureRole[],
  action: string,
  id = 'someone',
): string | undefined {
  try {
    applyAction(DEF, record, actor(id, roles), action, {}, '2026-06-01');
  } catch (e) {
    return (e as { code: string }).code;
  }
  return undefined;
}

describe('cn-samr-general: the definition matches the agreed action table', () => {
  it('defines every CN action plus extend, in order', () => {
    expect(DEF.actions.map((a) => a.name)).toEqual([...CN_ACTIONS, 'extend']);
  });

  it.each(Object.entries(EXPECTED))('%s: roles and from-states', (name, exp) => {
    const a = DEF.actions.find((x) => x.name === name)!;
    expect(a.permits.map((p) => (p.handlerOnly ? `${p.role}*` : p.role))).toEqual(exp.roles);
    expect([...a.from]).toEqual(exp.from);
  });

  it.each(Object.entries(EXPECTED))(
    '%s: refused in every other state with NOT_ALLOWED_IN_STATE',
    (name, exp) => {
      for (const state of STATES.filter((s) => !exp.from.includes(s))) {
        expect([state, codeOf(clueCase({ state }), ALL_ROLES, name)]).toEqual([
          state,
          E.NOT_ALLOWED_IN_STATE,
        ]);
      }
    },
  );

  it.each(Object.entries(EXPECTED))(
    '%s: refused to every other role with ROLE_NOT_PERMITTED',
    (name, exp) => {
      const record = clueCase({ state: exp.from[0] });
      const permitted = exp.roles.map((r) => r.replace('*', ''));
      for (const role of ALL_ROLES.filter((r) => !permitted.includes(r))) {
        expect([role, codeOf(record, [role], name)]).toEqual([role, E.ROLE_NOT_PERMITTED]);
      }
      if (exp.roles.includes('inspector*')) {
        // An inspector who is not among the handlers.
        expect(codeOf(record, ['inspector'], name, 'not-a-handler')).toBe(E.ROLE_NOT_PERMITTED);
      }
    },
  );

  it('every state named by an action exists, and every terminal state has no way out', () => {
    for (const a of DEF.actions) for (const s of [...a.from, ...a.toStates]) expect(STATES).toContain(s);
    const terminal = DEF.states.filter((s) => s.terminal).map((s) => s.id);
    expect(terminal).toEqual(['closed', 'no_penalty', 'withdrawn', 'transferred']);
    for (const a of DEF.actions) for (const t of terminal) expect(a.from).not.toContain(t);
  });

  it('issues each document kind from exactly one action', () => {
    const docs = DEF.actions.map((a) => a.document).filter((d) => d !== null);
    expect([...docs].sort()).toEqual([...PROCEDURE_DOCUMENT_KINDS].sort());
  });

  it('cites only its own sources; deadlines are met by actions that exist and that say so', () => {
    const sources = new Set(DEF.sources.map((s) => s.id));
    const ids = new Set(DEF.deadlines.map((d) => d.id));
    for (const a of DEF.actions) {
      for (const c of [...a.basis, ...a.preconditions.map((p) => p.basis)])
        expect(sources).toContain(c.instrument);
      for (const d of [...a.opens, ...a.meets]) expect(ids).toContain(d);
    }
    for (const d of DEF.deadlines) {
      expect(sources).toContain(d.basis.instrument);
      if (d.metBy) expect(DEF.actions.find((a) => a.name === d.metBy)?.meets).toContain(d.id);
    }
    for (const p of DEF.parameters)
      for (const v of p.values) expect(sources).toContain(v.citation.instrument);
  });

  it('marks unconfirmed article numbers U and says so in the label', () => {
    const all = DEF.actions.flatMap((a) => [...a.basis, ...a.preconditions.map((p) => p.basis)]);
    const unconfirmed = all.filter((c) => c.article === '?');
    expect(unconfirmed.length).toBeGreaterThan(0);
    for (const c of unconfirmed) {
      expect(c.confidence).toBe('U');
      expect(c.label.en).toContain('article number unconfirmed');
    }
    expect(all.find((c) => c.article === '64(2) + 85')?.label.zh).toBe(
      '《行政处罚法》第六十四条第（二）项、第八十五条',
    );
  });

  it("gives every deadline's basis in Chinese from its citation, an unconfirmed article marked as such", () => {
    // Pinned whole: an article number here is printed on the Chinese case page; a change must be deliberate.
    expect(
      Object.fromEntries(DEF.deadlines.map((d) => [d.id, [d.basis.label.zh, d.basis.confidence]])),
    ).toEqual({
      filing: ['《市场监督管理行政处罚程序规定》第十八条第一款', 'P'],
      decision: ['《行政处罚法》第六十条', 'P'],
      statement: ['《市场监督管理行政处罚程序规定》（条文序号待核实）', 'U'],
      'hearing-request': ['《行政处罚法》第六十四条第（一）项、第八十五条', 'P'],
      hearing: ['《行政处罚法》第六十四条第（二）项、第八十五条', 'P'],
      service: ['《行政处罚法》第六十一条第一款、第八十五条', 'P'],
      publication: ['《市场监督管理行政处罚信息公示规定》第九条', 'P'],
      payment: ['《行政处罚法》第六十七条第三款', 'P'],
    });
  });
});

describe('procedure registry, description and parameters', () => {
  it('finds the definition by id and refuses an unknown one', () => {
    expect(procedureDefinition('cn-samr-general')).toBe(DEF);
    expect(thrownCode(() => procedureDefinition('cn-simple'))).toBe(E.UNKNOWN_PROCEDURE);
  });

  it('describes states, actions, roles, documents, deadlines and parameters as plain data', () => {
    const d = describeProcedure(DEF);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(d.actions.find((a) => a.name === 'decide')).toMatchObject({
      from: ['notified', 'heard'],
      to: ['decided'],
      roles: [{ role: 'head', handlerOnly: false }],
      document: 'decision',
    });
    expect([...d.roles].sort()).toEqual(['firm', 'head', 'inspector', 'legal_reviewer']);
    expect(d.deadlines.map((x) => x.id)).toEqual([
      'filing',
      'decision',
      'statement',
      'hearing-request',
      'hearing',
      'service',
      'publication',
      'payment',
    ]);
    expect(d.calendar.coverage).toEqual({ from: '2020-01-01', until: '2026-12-31' });
    expect(d.sources.map((s) => s.id)).toContain('cn-holidays-2026');
  });

  it('a parameter has no value before the definition is in force: refused, not guessed', () => {
    expect(thrownCode(() => parameterAt(DEF, CN_PARAMETER_IDS.statementWorkingDays, '2021-07-14'))).toBe(
      E.PRECONDITION_FAILED,
    );
    expect(parameterAt(DEF, CN_PARAMETER_IDS.hearingRequestWorkingDays, '2021-07-15').value).toBe(5);
  });

  it('a regional value wins over the national one in its region only', () => {
    const national = DEF.parameters.find((p) => p.id === CN_PARAMETER_IDS.largeAmountThreshold)!;
    const regional: ProcedureDefinition = {
      ...DEF,
      parameters: [
        {
          ...national,
          values: [
            ...national.values,
            {
              ...national.values[0],
              region: '33',
              value: { legalPersonMinor: 5_000_000, individualMinor: 500_000 },
            },
          ],
        },
      ],
    };
    expect(
      parameterAt(regional, CN_PARAMETER_IDS.largeAmountThreshold, '2026-01-01', '330200').value,
    ).toEqual({
      legalPersonMinor: 5_000_000,
      individualMinor: 500_000,
    });
    expect(
      parameterAt(regional, CN_PARAMETER_IDS.largeAmountThreshold, '2026-01-01', '110000').value,
    ).toEqual({
      legalPersonMinor: 10_000_000,
      individualMinor: 1_000_000,
    });
  });
});

describe('docs/procedure.md', () => {
  const doc = readFileSync(resolve(__dirname, '../../../../docs/procedure.md'), 'utf8');

  it('has a table row for every action, deadline and parameter, and every error code', () => {
    for (const a of DEF.actions) expect(doc).toContain(`| \`${a.name}\` |`);
    for (const d of DEF.deadlines) expect(doc).toContain(`| \`${d.id}\` |`);
    for (const p of DEF.parameters) expect(doc).toContain(`\`${p.id}\``);
    for (const code of Object.values(E)) expect(doc).toContain(`\`${code}\``);
  });

  it('states the provisional calendar’s margins as the calendar computes them, and cites Decree 795', () => {
    expect(doc).toContain('## Beyond the last holiday notice');
    expect(doc).toContain('国务院令第795号');
    for (const [name, n] of Object.entries(PRC_WORKING_CALENDAR.bridgingDays)) {
      expect(doc).toContain(`| ${name} | ${n} |`);
    }
    expect(doc).toContain(`within ${PRC_WORKING_CALENDAR.bridgingReach} calendar days of the window`);
  });

  it('lists every pinned holiday notice', () => {
    for (const s of DEF.sources.filter((x) => x.id.startsWith('cn-holidays-'))) {
      expect(doc).toContain((s.docNumber as string).split('；')[0]);
    }
  });
});
