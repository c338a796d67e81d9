import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors.js';
import { ENROLMENT_STATES, type EnrolmentState } from '../assessment.tables.js';
import { ACTIVE_STATES, allowedActions, attemptsLeft, ENROLMENT_ACTIONS, isClosed, transition, type EnrolmentAction } from './enrolment-state.js';

/** Every legal move, written out once more by hand: the table in the module must say exactly this. */
const legal: Array<[EnrolmentState, EnrolmentAction, EnrolmentState]> = [
  ['enrolled', 'submit', 'submitted'],
  ['enrolled', 'withdraw', 'withdrawn'],
  ['submitted', 'claim', 'under_review'],
  ['submitted', 'withdraw', 'withdrawn'],
  ['under_review', 'claim', 'under_review'],
  ['under_review', 'pass', 'passed'],
  ['under_review', 'return', 'not_yet_passed'],
  ['under_review', 'disagree', 'in_moderation'],
  ['in_moderation', 'pass', 'passed'],
  ['in_moderation', 'return', 'not_yet_passed'],
  ['not_yet_passed', 'submit', 'submitted'],
  ['not_yet_passed', 'withdraw', 'withdrawn'],
];

describe('enrolment state machine', () => {
  for (const [from, action, to] of legal) {
    it(`${from} --${action}--> ${to}`, () => expect(transition(from, action)).toBe(to));
  }

  it('refuses every other move with a 409 naming the state, the action and what is allowed', () => {
    let refused = 0;
    for (const from of ENROLMENT_STATES) {
      for (const action of ENROLMENT_ACTIONS) {
        if (legal.some(([f, a]) => f === from && a === action)) continue;
        let caught: unknown;
        try {
          transition(from, action);
        } catch (error) {
          caught = error;
        }
        expect(isAppError(caught), `${from} ${action}`).toBe(true);
        expect(caught).toMatchObject({ status: 409, code: 'assessment.illegal_transition', extensions: { state: from, action, allowed: allowedActions(from) } });
        refused += 1;
      }
    }
    expect(refused).toBe(ENROLMENT_STATES.length * ENROLMENT_ACTIONS.length - legal.length);
  });

  it('ends at passed and withdrawn: nothing leaves them', () => {
    expect(allowedActions('passed')).toEqual([]);
    expect(allowedActions('withdrawn')).toEqual([]);
  });

  it('counts the first submission plus the resubmissions the issuer allows', () => {
    expect(attemptsLeft(0, 2)).toBe(3);
    expect(attemptsLeft(3, 2)).toBe(0);
    expect(attemptsLeft(5, 0)).toBe(0);
    expect(isClosed('not_yet_passed', 1, 1)).toBe(false);
    expect(isClosed('not_yet_passed', 2, 1)).toBe(true);
    expect(isClosed('passed', 1, 5)).toBe(true);
    expect(isClosed('withdrawn', 0, 5)).toBe(true);
    expect(isClosed('enrolled', 0, 0)).toBe(false);
  });

  it('names as active exactly the states that are neither passed nor withdrawn', () => {
    expect([...ACTIVE_STATES].sort()).toEqual(ENROLMENT_STATES.filter((s) => s !== 'passed' && s !== 'withdrawn').sort());
  });
});
