import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function OrganisationsPage() {
  return (
    <Page title="Organisations" caption="Platform administration" lead="The issuers, industry partners and employers on this instance.">
      <EmptyState title="Organisation management is not available yet">
        <p>
          Every organisation will be listed here with its kind, slug, DID and administrators. You will be able to
          create organisations and appoint their first administrator.
        </p>
      </EmptyState>
    </Page>
  );
}
