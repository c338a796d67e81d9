import { z } from 'zod';
import { membershipRoleSchema, organisationKindSchema } from '../../accounts/accounts.schema.js';
import type { MemberRecord, OrganisationRecord } from '../../accounts/organisations.repository.js';

// Response shapes of the accounts routes: they drive serialisation (nothing else leaks out) and the
// OpenAPI document.

export const organisationSummaryView = z.object({ id: z.uuid(), slug: z.string(), name: z.string(), kind: organisationKindSchema });

export const membershipView = z.object({ organisation: organisationSummaryView, role: membershipRoleSchema });

export const personSummaryView = z.object({ id: z.uuid(), email: z.string(), displayName: z.string(), isPlatformAdmin: z.boolean(), emailConfirmed: z.boolean() });

export const sessionView = z.object({
  person: personSummaryView,
  memberships: z.array(membershipView),
  /** Send it back as `x-csrf-token` on every write made with the session cookie; null for API tokens. */
  csrfToken: z.string().nullable(),
});

export const personProfileView = personSummaryView.extend({ createdAt: z.iso.datetime(), memberships: z.array(membershipView) });

export const apiTokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});

export const organisationView = organisationSummaryView.extend({
  url: z.string().nullable(),
  description: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const memberView = z.object({ personId: z.uuid(), email: z.string(), displayName: z.string(), role: membershipRoleSchema, since: z.iso.datetime() });

export const toOrganisationView = (o: OrganisationRecord): z.infer<typeof organisationView> => ({
  id: o.id,
  slug: o.slug,
  name: o.name,
  kind: o.kind,
  url: o.url,
  description: o.description,
  createdAt: o.createdAt.toISOString(),
});

export const toMemberView = (m: MemberRecord): z.infer<typeof memberView> => ({ ...m, since: m.since.toISOString() });
