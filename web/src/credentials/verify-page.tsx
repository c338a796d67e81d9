import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function VerifyPage() {
  return (
    <Page
      title="Verify a credential"
      lead="Check that an Open Badges 3.0 or CLR 2.0 credential is genuine, unaltered and still valid. No account needed."
    >
      <EmptyState title="Credential verification is not available yet">
        <p>
          Here you will be able to paste a credential, upload its file or open a shared link. Tessera will then report
          each check by name: the proof, the issuer and its key, revocation status, validity dates, the schema, and
          whether the issuer is on the trusted issuer registry.
        </p>
      </EmptyState>
    </Page>
  );
}
