import { useOrganisation } from '../app/guards.js';
import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function MembersPage() {
  const organisation = useOrganisation();
  return (
    <Page title="Members" caption={organisation.name} lead="The people who work in Tessera for your organisation, and their roles.">
      <EmptyState title="Member management is not available yet">
        <p>
          Members of your organisation will be listed here with their role (administrator, assessor or endorser). You
          will be able to invite people, change roles and remove access.
        </p>
      </EmptyState>
    </Page>
  );
}
