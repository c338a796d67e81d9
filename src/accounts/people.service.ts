import { authorize } from './access.js';
import { personNotFound } from './accounts.errors.js';
import type { PeopleRepository } from './people.repository.js';
import type { MembershipView, PersonSummary, Principal } from './principal.js';

export interface PersonProfile extends PersonSummary {
  createdAt: Date;
  memberships: MembershipView[];
}

/** A person's own record; nobody but the person (or a platform admin) may read it. */
export function createPeopleService(deps: { people: PeopleRepository }) {
  return {
    async get(principal: Principal, personId: string): Promise<PersonProfile> {
      authorize(principal, 'person.read', { personId });
      const person = await deps.people.findById(personId);
      if (!person) throw personNotFound();
      return {
        id: person.id,
        email: person.email,
        displayName: person.displayName,
        isPlatformAdmin: person.isPlatformAdmin,
        emailConfirmed: person.emailConfirmed,
        createdAt: person.createdAt,
        memberships: await deps.people.membershipsOf(person.id),
      };
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
