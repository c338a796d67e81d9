import { useOrganisation } from '../app/guards.js';
import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function KeysPage() {
  const organisation = useOrganisation();
  return (
    <Page
      title="Keys & DIDs"
      caption={organisation.name}
      lead="The identifier and signing keys that make your organisation’s credentials verifiable."
    >
      <EmptyState title="Key management is not available yet">
        <p>
          Your organisation’s DID and its Ed25519 signing keys will be listed here. You will be able to rotate a key,
          and mark one as compromised so that verifiers reject what it signed after a given date.
        </p>
      </EmptyState>
    </Page>
  );
}
