import { useState, type ChangeEvent } from 'react';
import { useMatch, useNavigate } from 'react-router-dom';
import type { OrganisationSummary, SessionView } from '../accounts/session.js';
import { activeOrganisation, organisationItemsFor } from '../navigation/navigation.js';

const rememberedKey = 'tessera.activeOrganisation';

function remembered(): string | null {
  try {
    return window.sessionStorage.getItem(rememberedKey);
  } catch {
    return null; // storage can be disabled; the switcher then simply forgets on reload
  }
}

/**
 * The organisation whose areas the menu shows: the one in the address when on an organisation page,
 * otherwise the one last chosen in the switcher.
 */
export function useActiveOrganisation(session: SessionView | null): {
  organisation: OrganisationSummary | null;
  choose(slug: string): void;
} {
  const match = useMatch('/orgs/:slug/*');
  const [chosen, setChosen] = useState<string | null>(remembered);
  const organisation = activeOrganisation(session, match?.params.slug ?? chosen);

  function choose(slug: string) {
    setChosen(slug);
    try {
      window.sessionStorage.setItem(rememberedKey, slug);
    } catch {
      // see remembered()
    }
  }
  return { organisation, choose };
}

interface OrganisationSwitcherProps {
  session: SessionView;
  organisations: OrganisationSummary[];
  active: OrganisationSummary | null;
  onChoose(slug: string): void;
}

/** Shown only to people in several organisations; switching opens the new organisation's first area. */
export function OrganisationSwitcher({ session, organisations, active, onChoose }: OrganisationSwitcherProps) {
  const navigate = useNavigate();

  function onChange(event: ChangeEvent<HTMLSelectElement>) {
    const slug = event.target.value;
    onChoose(slug);
    const first = organisationItemsFor(session, slug)[0];
    if (first) navigate(first.href);
  }

  return (
    <div className="org-switcher">
      <label htmlFor="organisation-switcher">Organisation</label>
      <select id="organisation-switcher" value={active?.slug ?? ''} onChange={onChange}>
        {organisations.map((organisation) => (
          <option key={organisation.slug} value={organisation.slug}>
            {organisation.name}
          </option>
        ))}
      </select>
    </div>
  );
}
