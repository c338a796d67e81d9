import { Link } from 'react-router-dom';
import { EmptyState } from '../ui/empty-state.js';
import { Page } from '../ui/page.js';

export function WalletPage() {
  return (
    <Page title="My credentials" lead="Every credential you hold, issued here or imported, with its latest verification.">
      <EmptyState title="You do not hold any credentials yet" action={<Link to="/catalogue">Browse the catalogue</Link>}>
        <p>
          Credentials issued to you will appear here. You will be able to share them with a link you control, download
          them as Open Badges or a CLR transcript, and import credentials you earned elsewhere.
        </p>
      </EmptyState>
    </Page>
  );
}
