import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function RegistryPage() {
  return (
    <Page
      title="Trusted issuers"
      caption="Platform administration"
      lead="Organisations this platform has vetted as established issuing bodies, and how each was checked."
    >
      <EmptyState title="No trusted issuers yet">
        <p>
          Issuers you vet will appear here with the evidence you checked and when. Verification reports show whether a
          credential’s issuer is on this registry.
        </p>
      </EmptyState>
    </Page>
  );
}
