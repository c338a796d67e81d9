import { describe, expect, it } from 'vitest';
import type { Definition } from '../../web/src/catalog/achievement-api.js';
import {
  blankDefinition,
  describePath,
  describeSummary,
  fieldPathOf,
  getIn,
  issueCountUnder,
  issuesFrom,
  newOutcome,
  prepareForSave,
  setIn,
  slugFromTitle,
  summariseChecklist,
} from '../../web/src/catalog/achievement-form.js';

describe('achievement form: paths', () => {
  it('maps both kinds of server issue path to the same field path', () => {
    expect(fieldPathOf('/definition/outcomes/0/statement')).toBe('outcomes.0.statement');
    expect(fieldPathOf('definition.startDates.cohorts.2.startsOn')).toBe('startDates.cohorts.2.startsOn');
    expect(fieldPathOf('/slug')).toBe('slug');
    expect(fieldPathOf('/')).toBe('');
    expect(fieldPathOf('definition')).toBe('');
  });

  it('groups a problem’s issues by field and ignores malformed ones', () => {
    const issues = issuesFrom({
      issues: [
        { path: '/definition/title', message: 'Too small' },
        { path: 'definition.title', message: 'Too short' },
        { path: '/definition/outcomes', message: 'at least one learning outcome' },
        { path: 42, message: 'no path: about the whole definition' },
        { path: '/definition/credit' },
        'nonsense',
      ],
    });
    expect([...issues]).toEqual([
      ['title', ['Too small', 'Too short']],
      ['outcomes', ['at least one learning outcome']],
      ['', ['no path: about the whole definition']],
    ]);
    expect(issuesFrom({ detail: 'no issues member' }).size).toBe(0);
  });

  it('counts the issues at or under a section’s paths, not those of a sibling with the same prefix', () => {
    const issues = new Map([
      ['outcomes.0.statement', ['a']],
      ['outcomes', ['b']],
      ['outcomesExtra', ['c']],
    ]);
    expect(issueCountUnder(issues, 'outcomes')).toBe(2);
    expect(issueCountUnder(issues, 'outcomes.1')).toBe(0);
  });

  it('says where an issue is in words, counting from one', () => {
    expect(describePath('outcomes.1.statement')).toBe('Learning outcomes › 2 › statement');
    expect(describePath('labourMarket.employerPartners.0.consultedOn')).toBe('Labour market › employer partners › 1 › consulted on');
    expect(describePath('')).toBe('The definition');
    expect(describePath('somethingNew')).toBe('somethingNew');
  });

  it('reads and writes by path without changing the original, creating what is missing', () => {
    const original = blankDefinition();
    const changed = setIn(original, 'outcomes.0.statement', 'Learners can do it.');
    expect(getIn(changed, 'outcomes.0.statement')).toBe('Learners can do it.');
    expect(original.outcomes[0]!.statement).toBe('');
    expect(changed.outcomes).not.toBe(original.outcomes);
    expect(changed.assessment).toBe(original.assessment);
    const located = setIn(original, 'issuerLocation.country', 'CA');
    expect(located.issuerLocation).toEqual({ country: 'CA' });
    expect(setIn(located, 'issuerLocation', undefined)).not.toHaveProperty('issuerLocation');
    expect(getIn(original, 'cip.code')).toBeUndefined();
    expect(setIn({ list: [] as string[] }, 'list.1', 'x').list).toEqual([undefined, 'x']);
  });
});

describe('achievement form: saving', () => {
  it('leaves out blank optional members, keeps required blanks for the server to name', () => {
    const definition: Definition = {
      ...blankDefinition(),
      humanCode: '',
      issuerLocation: { country: 'CA', region: '' },
      cip: { code: '', title: '' },
      qualityAssurance: { assuredBy: '', method: '', assuredOn: '' },
      validity: { validForMonths: null, reviewBy: '2028-01-01' },
      stackability: { pathways: [], notes: '' },
      startDates: { kind: 'cohorts', cohorts: [{ startsOn: '2027-01-11', capacity: undefined }, { startsOn: '2027-04-12', capacity: 20 }] },
    };
    const prepared = prepareForSave(definition);
    for (const member of ['humanCode', 'cip', 'qualityAssurance', 'stackability']) expect(prepared).not.toHaveProperty(member);
    expect(prepared.issuerLocation).toEqual({ country: 'CA' });
    expect(prepared.validity).toEqual({ validForMonths: null, reviewBy: '2028-01-01' });
    expect(prepared.startDates).toEqual({ kind: 'cohorts', cohorts: [{ startsOn: '2027-01-11' }, { startsOn: '2027-04-12', capacity: 20 }] });
    expect(prepared.title).toBe('');
    expect(prepared.evidenceRequirements).toEqual(['']);
  });

  it('passes members it does not edit (a rubric) through untouched', () => {
    const rubric = { criteria: [{ id: 'c1', outcomes: ['o1'] }], passRule: { kind: 'all' } };
    const prepared = prepareForSave({ ...blankDefinition(), rubric });
    expect(prepared.rubric).toBe(rubric);
  });

  it('gives new outcomes the next free id, never reusing one a rubric may name', () => {
    expect(newOutcome([]).id).toBe('o1');
    const [o1] = [newOutcome([])];
    const o3 = { ...newOutcome([o1!]), id: 'o3' };
    expect(newOutcome([o1!, o3]).id).toBe('o4');
    expect(newOutcome([o3]).id).toBe('o2');
  });

  it('makes a web address from a title within the server’s slug rule', () => {
    expect(slugFromTitle('Customer Service by Telephone')).toBe('customer-service-by-telephone');
    expect(slugFromTitle('  Éducation & santé — niveau 2 ')).toBe('education-sante-niveau-2');
    const long = slugFromTitle('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
  });
});

describe('achievement form: checklist summary', () => {
  it('counts met, missing and weak elements', () => {
    const item = (status: 'met' | 'missing' | 'warning') => ({ id: status, group: 'eu' as const, name: status, essential: true, status, detail: '', whatToDo: null });
    const summary = summariseChecklist({ items: [item('met'), item('met'), item('missing'), item('warning')], publishable: false, osap: { eligible: true, rules: [] } });
    expect(summary).toEqual({ met: 2, missing: 1, warning: 1, total: 4 });
    expect(describeSummary(summary)).toBe('2 of 4 met · 1 essential missing · 1 to improve');
    expect(describeSummary({ met: 3, missing: 0, warning: 0, total: 3 })).toBe('3 of 3 met');
  });
});
