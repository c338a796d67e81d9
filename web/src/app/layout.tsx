import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { EmailConfirmationBanner } from '../accounts/email-confirmation-banner.js';
import { useSession } from '../accounts/session-context.js';
import { navigationFor, organisationsOf } from '../navigation/navigation.js';
import { useActiveOrganisation } from './organisation-switcher.js';
import { SiteFooter } from './site-footer.js';
import { SiteHeader } from './site-header.js';
import { SiteNavigation } from './site-navigation.js';

/** After an in-app navigation, put focus on the new page's heading, as a full page load would reset it. */
function useFocusHeadingOnNavigation() {
  const { pathname } = useLocation();
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [pathname]);
}

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  // Move focus ourselves rather than through the #main fragment, which the router would treat as a navigation.
  event.preventDefault();
  document.getElementById('main')?.focus();
}

export function Layout() {
  const session = useSession();
  const { pathname } = useLocation();
  const { organisation, choose } = useActiveOrganisation(session);
  const [menuOpen, setMenuOpen] = useState(false);
  useFocusHeadingOnNavigation();
  useEffect(() => setMenuOpen(false), [pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to main content
      </a>
      <SiteHeader
        session={session}
        organisations={organisationsOf(session)}
        activeOrganisation={organisation}
        onChooseOrganisation={choose}
        menuOpen={menuOpen}
        onToggleMenu={() => setMenuOpen((open) => !open)}
      />
      <div className="app-body">
        <SiteNavigation sections={navigationFor(session, organisation?.slug)} open={menuOpen} />
        <main id="main" className="main" tabIndex={-1}>
          {pathname !== '/confirm-email' && <EmailConfirmationBanner session={session} />}
          <Outlet />
        </main>
      </div>
      <SiteFooter />
    </div>
  );
}
