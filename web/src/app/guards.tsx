import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, useLocation, useParams } from 'react-router-dom';
import { useSession } from '../accounts/session-context.js';
import { signInPathFor } from '../accounts/return-path.js';
import type { OrganisationSummary } from '../accounts/session.js';
import { canOpenOrganisationArea, organisationsOf, type OrganisationAreaId } from '../navigation/navigation.js';
import { NotFoundPage } from './not-found-page.js';

/** Signed-in areas: a visitor is sent to sign-in and brought back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to={signInPathFor(location.pathname + location.search)} replace />;
  return children;
}

export function RequirePlatformAdmin({ children }: { children: ReactNode }) {
  const session = useSession();
  return session?.person.isPlatformAdmin ? children : <NotFoundPage />;
}

const OrganisationContext = createContext<OrganisationSummary | null>(null);

/** The organisation of the page being shown under /orgs/:slug. */
export function useOrganisation(): OrganisationSummary {
  const organisation = useContext(OrganisationContext);
  if (!organisation) throw new Error('useOrganisation must be used inside <RequireOrganisationArea>');
  return organisation;
}

/** An area of one organisation, open only to the memberships the navigation table grants it to. */
export function RequireOrganisationArea({ area, children }: { area: OrganisationAreaId; children: ReactNode }) {
  const session = useSession();
  const { slug = '' } = useParams();
  const organisation = organisationsOf(session).find((candidate) => candidate.slug === slug);
  if (!organisation || !canOpenOrganisationArea(session, slug, area)) {
    return <NotFoundPage />;
  }
  return <OrganisationContext.Provider value={organisation}>{children}</OrganisationContext.Provider>;
}
