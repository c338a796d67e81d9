import { describe, expect, it } from 'vitest';
import type { Membership, OrganisationKind, SessionView } from '../../web/src/accounts/session.js';
import {
  canOpenOrganisationArea,
  navigationFor,
  organisationsOf,
} from '../../web/src/navigation/navigation.js';

function organisation(slug: string, kind: OrganisationKind) {
  return { id: `org-${slug}`, slug, name: `Org ${slug}`, kind };
}

function sessionWith(memberships: Membership[], isPlatformAdmin = false): SessionView {
  return {
    person: { id: 'p1', email: 'p@example.test', displayName: 'P', isPlatformAdmin, emailConfirmed: true },
    memberships,
    csrfToken: 'csrf',
  };
}

const northbridge = organisation('northbridge', 'issuer');
const bluewater = organisation('bluewater', 'employer');
const harbour = organisation('harbour', 'industry_partner');

/** Every menu label of a session, as "section: label", so a test reads like the menu. */
function menu(session: SessionView | null, activeSlug?: string): string[] {
  return navigationFor(session, activeSlug).flatMap((s) => s.items.map((i) => `${s.id}: ${i.label} ${i.href}`));
}

const publicMenu = ['public: Catalogue /catalogue', 'public: Verify a credential /verify'];
const personalMenu = [
  'personal: My credentials /wallet',
  'personal: My learning /learning',
  'personal: Pathways /pathways',
  'personal: Account /account',
];

describe('navigationFor', () => {
  it('shows only the public areas to someone signed out', () => {
    expect(menu(null)).toEqual(publicMenu);
  });

  it('shows a learner without memberships the public and personal areas', () => {
    expect(menu(sessionWith([]))).toEqual([...publicMenu, ...personalMenu]);
  });

  it('shows an assessor the review queue of their organisation only', () => {
    expect(menu(sessionWith([{ organisation: northbridge, role: 'assessor' }]))).toEqual([
      ...publicMenu,
      ...personalMenu,
      'organisation: Review queue /orgs/northbridge/reviews',
    ]);
  });

  it('shows an issuer admin the issuing areas', () => {
    const items = menu(sessionWith([{ organisation: northbridge, role: 'admin' }])).filter((i) => i.startsWith('organisation'));
    expect(items).toEqual([
      'organisation: Micro-credentials /orgs/northbridge/achievements',
      'organisation: Pathways /orgs/northbridge/pathways',
      'organisation: Bulk issuance /orgs/northbridge/bulk',
      'organisation: Issued credentials /orgs/northbridge/credentials',
      'organisation: Members /orgs/northbridge/members',
      'organisation: Keys & DIDs /orgs/northbridge/keys',
      'organisation: Dashboard /orgs/northbridge/dashboard',
    ]);
  });

  it('shows an employer admin candidates and members, not issuing areas', () => {
    const items = menu(sessionWith([{ organisation: bluewater, role: 'admin' }])).filter((i) => i.startsWith('organisation'));
    expect(items).toEqual([
      'organisation: Candidates /orgs/bluewater/candidates',
      'organisation: Members /orgs/bluewater/members',
    ]);
  });

  it('shows endorsements to endorsers and to industry partner admins', () => {
    for (const role of ['endorser', 'admin'] as const) {
      const items = menu(sessionWith([{ organisation: harbour, role }])).filter((i) => i.startsWith('organisation'));
      expect(items).toEqual(['organisation: Endorsements /orgs/harbour/endorsements']);
    }
  });

  it('keeps the kind of organisation in the grant: an employer admin has no endorsements', () => {
    expect(canOpenOrganisationArea(sessionWith([{ organisation: bluewater, role: 'admin' }]), 'bluewater', 'org-endorsements')).toBe(false);
  });

  it('adds the platform areas for a platform administrator', () => {
    const items = menu(sessionWith([], true)).filter((i) => i.startsWith('platform'));
    expect(items).toEqual([
      'platform: Organisations /admin/organisations',
      'platform: Trusted issuers /admin/registry',
      'platform: Platform dashboard /admin/dashboard',
    ]);
  });

  it('merges the roles a person holds in one organisation', () => {
    const session = sessionWith([
      { organisation: northbridge, role: 'assessor' },
      { organisation: northbridge, role: 'admin' },
    ]);
    const items = navigationFor(session).find((s) => s.id === 'organisation')?.items.map((i) => i.label);
    expect(items?.[0]).toBe('Review queue');
    expect(items).toContain('Micro-credentials');
    expect(organisationsOf(session)).toHaveLength(1);
  });

  it('shows the active organisation of several, and the first when the wanted one is not theirs', () => {
    const session = sessionWith([
      { organisation: northbridge, role: 'assessor' },
      { organisation: bluewater, role: 'admin' },
    ]);
    expect(navigationFor(session, 'bluewater').find((s) => s.id === 'organisation')?.heading).toBe('Org bluewater');
    expect(navigationFor(session, 'elsewhere').find((s) => s.id === 'organisation')?.heading).toBe('Org northbridge');
    expect(canOpenOrganisationArea(session, 'bluewater', 'org-reviews')).toBe(false);
    expect(canOpenOrganisationArea(session, 'northbridge', 'org-reviews')).toBe(true);
  });
});
