/**
 * Who sees which area of the app, decided in this one table and derived from the session alone. The
 * layout draws the menu from {@link navigationFor}; the org and platform route guards ask the same
 * table, so a menu item and the page behind it can never disagree. The server still decides access to
 * data; this only keeps people from being shown doors that are locked for them.
 *
 * Pure TypeScript with no DOM or React, so it is unit-tested under Node (test/web/).
 */
import type { Membership, MembershipRole, OrganisationKind, OrganisationSummary, SessionView } from '../accounts/session.js';

export interface NavItem {
  /** Stable id, also the route guard's key. */
  id: string;
  label: string;
  href: string;
}

export interface NavSection {
  id: 'public' | 'personal' | 'organisation' | 'platform';
  heading: string;
  items: NavItem[];
  /** Set on the organisation section: whose areas these are. */
  organisation?: OrganisationSummary;
}

/** Open to anyone, signed in or not. */
export const publicAreas = [
  { id: 'catalogue', label: 'Catalogue', href: '/catalogue' },
  { id: 'verify', label: 'Verify a credential', href: '/verify' },
] as const satisfies readonly NavItem[];

/** Every signed-in person is a learner. */
export const personalAreas = [
  { id: 'wallet', label: 'My credentials', href: '/wallet' },
  { id: 'learning', label: 'My learning', href: '/learning' },
  { id: 'pathways', label: 'Pathways', href: '/pathways' },
  { id: 'account', label: 'Account', href: '/account' },
] as const satisfies readonly NavItem[];

/** Only for platform administrators. */
export const platformAreas = [
  { id: 'admin-organisations', label: 'Organisations', href: '/admin/organisations' },
  { id: 'admin-registry', label: 'Trusted issuers', href: '/admin/registry' },
  { id: 'admin-dashboard', label: 'Platform dashboard', href: '/admin/dashboard' },
] as const satisfies readonly NavItem[];

/** A membership that opens an area: a role, optionally only in organisations of one kind. */
interface Grant {
  role: MembershipRole;
  kind?: OrganisationKind;
}

const issuerAdmin: Grant = { role: 'admin', kind: 'issuer' };
const employerAdmin: Grant = { role: 'admin', kind: 'employer' };

/** Areas inside one organisation, at /orgs/:slug/<segment>, in menu order. */
export const organisationAreas = [
  { id: 'org-reviews', label: 'Review queue', segment: 'reviews', grantedTo: [{ role: 'assessor' }] },
  { id: 'org-achievements', label: 'Micro-credentials', segment: 'achievements', grantedTo: [issuerAdmin] },
  { id: 'org-pathways', label: 'Pathways', segment: 'pathways', grantedTo: [issuerAdmin] },
  { id: 'org-bulk', label: 'Bulk issuance', segment: 'bulk', grantedTo: [issuerAdmin] },
  { id: 'org-credentials', label: 'Issued credentials', segment: 'credentials', grantedTo: [issuerAdmin] },
  { id: 'org-candidates', label: 'Candidates', segment: 'candidates', grantedTo: [employerAdmin] },
  { id: 'org-members', label: 'Members', segment: 'members', grantedTo: [issuerAdmin, employerAdmin] },
  { id: 'org-keys', label: 'Keys & DIDs', segment: 'keys', grantedTo: [issuerAdmin] },
  { id: 'org-dashboard', label: 'Dashboard', segment: 'dashboard', grantedTo: [issuerAdmin] },
  {
    id: 'org-endorsements',
    label: 'Endorsements',
    segment: 'endorsements',
    grantedTo: [{ role: 'endorser' }, { role: 'admin', kind: 'industry_partner' }],
  },
] as const satisfies readonly { id: string; label: string; segment: string; grantedTo: readonly Grant[] }[];

export type OrganisationAreaId = (typeof organisationAreas)[number]['id'];

export function organisationAreaHref(slug: string, segment: string): string {
  return `/orgs/${encodeURIComponent(slug)}/${segment}`;
}

function grants(grant: Grant, membership: Membership): boolean {
  return grant.role === membership.role && (grant.kind === undefined || grant.kind === membership.organisation.kind);
}

/** The distinct organisations a person belongs to, in the order of their memberships. */
export function organisationsOf(session: SessionView | null): OrganisationSummary[] {
  const seen = new Map<string, OrganisationSummary>();
  for (const membership of session?.memberships ?? []) {
    if (!seen.has(membership.organisation.slug)) seen.set(membership.organisation.slug, membership.organisation);
  }
  return [...seen.values()];
}

/** The areas a person may open in one organisation; a person may hold several roles there. */
export function organisationItemsFor(session: SessionView | null, slug: string): NavItem[] {
  const memberships = (session?.memberships ?? []).filter((m) => m.organisation.slug === slug);
  return organisationAreas
    .filter((area) => memberships.some((membership) => area.grantedTo.some((grant) => grants(grant, membership))))
    .map((area) => ({ id: area.id, label: area.label, href: organisationAreaHref(slug, area.segment) }));
}

export function canOpenOrganisationArea(session: SessionView | null, slug: string, areaId: OrganisationAreaId): boolean {
  return organisationItemsFor(session, slug).some((item) => item.id === areaId);
}

/**
 * The organisation whose areas the menu shows: the one asked for when the person belongs to it,
 * otherwise their first.
 */
export function activeOrganisation(session: SessionView | null, wantedSlug?: string | null): OrganisationSummary | null {
  const organisations = organisationsOf(session);
  return organisations.find((o) => o.slug === wantedSlug) ?? organisations[0] ?? null;
}

/** The menu for this session, section by section; empty sections are left out. */
export function navigationFor(session: SessionView | null, activeSlug?: string | null): NavSection[] {
  const sections: NavSection[] = [{ id: 'public', heading: 'Explore', items: [...publicAreas] }];
  if (!session) return sections;
  sections.push({ id: 'personal', heading: 'My learning', items: [...personalAreas] });
  const organisation = activeOrganisation(session, activeSlug);
  if (organisation) {
    const items = organisationItemsFor(session, organisation.slug);
    if (items.length > 0) sections.push({ id: 'organisation', heading: organisation.name, items, organisation });
  }
  if (session.person.isPlatformAdmin) {
    sections.push({ id: 'platform', heading: 'Platform administration', items: [...platformAreas] });
  }
  return sections;
}
