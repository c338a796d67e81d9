import type { Kysely } from 'kysely';
import { authorizeWith } from '../../accounts/access.js';
import type { OrganisationsRepository } from '../../accounts/organisations.repository.js';
import type { PersonPrincipal, Principal } from '../../accounts/principal.js';
import type { Database } from '../../db/tables.js';
import { forbidden } from '../../errors.js';
import { resolveRange } from '../dashboard-range.js';
import { trackingPolicies } from '../dashboard.service.js';
import { recordEvent } from '../event-log.js';
import { EVENT_TYPES } from '../event-types.js';
import { unknownAchievement } from '../tracking.errors.js';
import { aggregateAnswers, EQUITY_FIELDS, equityField, fieldView, NOT_DECLARED, type EquityField } from './equity-fields.js';
import { fieldNotCollected, unknownField, unknownOption } from './equity.errors.js';
import type { EquityMonths } from './equity-months.js';
import type { EquityRepository } from './equity.repository.js';
import type { EquityBreakdown, EquitySettings, EquitySettingsInput, MyEquity, MyEquityInput, MyEquityOrganisation } from './equity.schema.js';
import type { DashboardQuery } from '../dashboard.schema.js';

const organisationAdmin = trackingPolicies['tracking.organisation'].allow;
const self = (p: PersonPrincipal, r: { personId: string }): boolean => p.person.id === r.personId;

/**
 * Who may do what with equity fields. Answers are the learner's alone: reading or changing them needs the
 * learner's own signed-in session (no token scope reaches them). Organisation admins choose the fields and
 * read only the suppressed aggregates, as the dashboard's token scope allows.
 */
export const equityPolicies = {
  'equity.settings.read': { scope: 'organisations:read', allow: organisationAdmin },
  'equity.settings.manage': { scope: 'organisations:write', allow: organisationAdmin },
  'equity.breakdown': { scope: 'tracking:read', allow: organisationAdmin },
  'equity.declaration': { scope: 'session', allow: self },
} as const;

const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';

/** The collected fields in their documented order. */
const inOrder = (keys: readonly string[]): EquityField[] => EQUITY_FIELDS.filter((f) => keys.includes(f.key));

export interface EquityServiceDeps {
  db: Kysely<Database>;
  equity: EquityRepository;
  organisations: Pick<OrganisationsRepository, 'findBySlug'>;
  achievementExists: (achievementId: string, organisationId: string) => Promise<boolean>;
  /** The organisation's suppressed cells month by month, each month kept until its figures change. */
  months: EquityMonths;
  k: number;
  /** Folds events not yet counted (cheap when none): a breakdown right after an action shows it. */
  refresh: () => Promise<unknown>;
  clock: () => Date;
}

/** Organisation settings, learners' self-declarations and the organisation's suppressed breakdown. */
export function createEquityService(deps: EquityServiceDeps) {
  const { equity } = deps;

  /** The organisation after the caller is allowed; an unknown slug answers as a forbidden one. */
  async function organisationFor(principal: Principal, slug: string, action: 'equity.settings.read' | 'equity.settings.manage' | 'equity.breakdown') {
    const organisation = await deps.organisations.findBySlug(slug);
    const actor = authorizeWith(equityPolicies, principal, action, { organisationId: organisation?.id ?? NO_ORGANISATION });
    if (!organisation) throw forbidden();
    return { actor, organisation };
  }

  async function settingsOf(organisation: { id: string; slug: string; name: string }): Promise<EquitySettings> {
    const collected = new Set(await equity.collectedFields(organisation.id));
    return {
      organisation: { slug: organisation.slug, name: organisation.name },
      k: deps.k,
      fields: EQUITY_FIELDS.map((field) => ({ ...fieldView(field), collected: collected.has(field.key) })),
    };
  }

  async function declarationOf(personId: string, organisation: { id: string; slug: string; name: string; fields: string[] }): Promise<MyEquityOrganisation> {
    const mine = (await equity.declarationsOf(personId)).filter((d) => d.organisationId === organisation.id);
    const answers = new Map(mine.map((d) => [d.field, d.answer]));
    const declaredAt = mine.reduce<Date | null>((latest, d) => (!latest || d.declaredAt > latest ? d.declaredAt : latest), null);
    return {
      organisation: { slug: organisation.slug, name: organisation.name },
      fields: inOrder(organisation.fields).map((field) => ({ ...fieldView(field), answer: answers.get(field.key) ?? null })),
      declaredAt: declaredAt?.toISOString() ?? null,
    };
  }

  /** The organisation a learner declares to, with the fields it collects; 403 for an unknown slug. */
  async function declarable(principal: Principal, slug: string) {
    const actor = authorizeWith(equityPolicies, principal, 'equity.declaration', { personId: principal.kind === 'person' ? principal.person.id : '' });
    const organisation = await deps.organisations.findBySlug(slug);
    if (!organisation) throw forbidden();
    return { actor, organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name, fields: await equity.collectedFields(organisation.id) } };
  }

  return {
    async settings(principal: Principal, slug: string): Promise<EquitySettings> {
      const { organisation } = await organisationFor(principal, slug, 'equity.settings.read');
      return settingsOf(organisation);
    },

    /** Collects exactly the given fields; turning a field off deletes every answer given to it here. */
    async updateSettings(principal: Principal, slug: string, input: EquitySettingsInput): Promise<EquitySettings> {
      const { actor, organisation } = await organisationFor(principal, slug, 'equity.settings.manage');
      for (const key of input.fields) if (!equityField(key)) throw unknownField(key);
      const fields = inOrder(input.fields).map((f) => f.key);
      await deps.db.transaction().execute(async (trx) => {
        await equity.setCollectedFields(trx, organisation.id, fields, actor.person.id);
        await recordEvent(trx, { type: EVENT_TYPES.equitySettingsChanged, actorId: actor.person.id, organisationId: organisation.id, subjectType: 'organisation', subjectId: organisation.id, payload: { fields }, occurredAt: deps.clock() });
      });
      return settingsOf(organisation);
    },

    async mine(principal: Principal): Promise<MyEquity> {
      const actor = authorizeWith(equityPolicies, principal, 'equity.declaration', { personId: principal.kind === 'person' ? principal.person.id : '' });
      const organisations = await equity.organisationsFor(actor.person.id);
      return { k: deps.k, organisations: await Promise.all(organisations.map((o) => declarationOf(actor.person.id, o))) };
    },

    /**
     * Replaces the learner's answers to one organisation (a field left out is withdrawn). Every key and
     * answer is checked before anything is written. The event says only that the declaration changed:
     * answers in the hash-chained log could never be erased and would feed the open data.
     */
    async declare(principal: Principal, slug: string, input: MyEquityInput): Promise<MyEquityOrganisation> {
      const { actor, organisation } = await declarable(principal, slug);
      const answers = Object.entries(input.answers);
      for (const [key, answer] of answers) {
        const field = equityField(key);
        if (!field) throw unknownField(key);
        if (!organisation.fields.includes(key)) throw fieldNotCollected(key, organisation.name);
        const options = field.options.map((o) => o.key);
        if (!options.includes(answer)) throw unknownOption(key, answer, options);
      }
      const now = deps.clock();
      await deps.db.transaction().execute(async (trx) => {
        await equity.replaceDeclaration(trx, organisation.id, actor.person.id, answers, now);
        await recordEvent(trx, {
          type: answers.length > 0 ? EVENT_TYPES.equityDeclarationChanged : EVENT_TYPES.equityDeclarationWithdrawn,
          actorId: actor.person.id,
          organisationId: organisation.id,
          subjectType: 'person',
          subjectId: actor.person.id,
          payload: {},
          occurredAt: now,
        });
      });
      return declarationOf(actor.person.id, organisation);
    },

    /** Withdraws every answer the learner gave the organisation. */
    async withdraw(principal: Principal, slug: string): Promise<void> {
      await this.declare(principal, slug, { answers: {} });
    },

    /**
     * The organisation's cells per month, field and answer (or one achievement's, with the filter): only
     * figures that pass k, with complementary suppression across its achievements (equity-aggregates.ts).
     */
    async breakdown(principal: Principal, slug: string, query: DashboardQuery): Promise<EquityBreakdown> {
      const { organisation } = await organisationFor(principal, slug, 'equity.breakdown');
      const range = resolveRange(query, deps.clock());
      const achievementId = query.achievement ?? null;
      if (achievementId && !(await deps.achievementExists(achievementId, organisation.id))) throw unknownAchievement(achievementId);
      const fields = inOrder(await equity.collectedFields(organisation.id));
      await deps.refresh();
      const cells = achievementId ? await deps.months.achievement(organisation.id, achievementId, range, fields) : await deps.months.organisation(organisation.id, range, fields);
      return {
        organisation: { slug: organisation.slug, name: organisation.name },
        k: deps.k,
        range,
        achievementId,
        fields: fields.map((field) => ({
          key: field.key,
          label: field.label,
          answers: aggregateAnswers(field).map((key) => ({ key, label: key === NOT_DECLARED ? 'Not declared' : field.options.find((o) => o.key === key)!.label })),
        })),
        cells,
      };
    },
  };
}

export type EquityService = ReturnType<typeof createEquityService>;
