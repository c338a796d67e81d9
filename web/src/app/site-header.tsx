import { useState } from 'react';
import { Link, useLocation, useMatch, useNavigate } from 'react-router-dom';
import { signInPathFor } from '../accounts/return-path.js';
import { useSessionContext } from '../accounts/session-context.js';
import type { OrganisationSummary, SessionView } from '../accounts/session.js';
import { describeError } from '../api/client.js';
import { NotificationsIndicator } from '../notifications/notifications-indicator.js';
import { OrganisationSwitcher } from './organisation-switcher.js';

interface SiteHeaderProps {
  session: SessionView | null;
  organisations: OrganisationSummary[];
  activeOrganisation: OrganisationSummary | null;
  onChooseOrganisation(slug: string): void;
  menuOpen: boolean;
  onToggleMenu(): void;
}

export function SiteHeader(props: SiteHeaderProps) {
  const { session, organisations, menuOpen, onToggleMenu } = props;
  const signingIn = useMatch('/sign-in');
  const signingUp = useMatch('/sign-up');
  const onAccountEntryPage = signingIn !== null || signingUp !== null;
  const location = useLocation();
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            T
          </span>
          <span className="brand-name">Tessera</span>
        </Link>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="site-navigation"
          onClick={onToggleMenu}
        >
          Menu
        </button>
        <div className="site-header-end">
          {session && organisations.length > 1 && (
            <OrganisationSwitcher
              session={session}
              organisations={organisations}
              active={props.activeOrganisation}
              onChoose={props.onChooseOrganisation}
            />
          )}
          {session && <NotificationsIndicator />}
          {session && <SignedInAs session={session} />}
          {!session && !onAccountEntryPage && (
            <Link to={signInPathFor(location.pathname + location.search)} className="button button-small">
              Sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}

function SignedInAs({ session }: { session: SessionView }) {
  const { signOut } = useSessionContext();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);

  async function onSignOut() {
    try {
      await signOut();
      navigate('/sign-in', { replace: true });
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <div className="account-menu">
      <span className="account-name">
        <span className="visually-hidden">Signed in as </span>
        {session.person.displayName}
      </span>
      <button type="button" className="button button-small button-secondary" onClick={onSignOut}>
        Sign out
      </button>
      {error && (
        <span role="alert" className="header-error">
          Sign-out failed: {error}
        </span>
      )}
    </div>
  );
}
