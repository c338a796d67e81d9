import { Link } from 'react-router-dom';
import { Page } from '../ui/page.js';

/**
 * Also shown for areas the person may not open: "absent" looks like "forbidden", so the app does not
 * confirm which organisations or pages exist to someone outside them.
 */
export function NotFoundPage() {
  return (
    <Page title="Page not found" lead="The page you asked for does not exist, or you do not have access to it.">
      <p>If you typed the address, check it is correct. If you followed a link inside Tessera, the page may have moved.</p>
      <ul className="link-list">
        <li>
          <Link to="/catalogue">Browse the catalogue</Link>
        </li>
        <li>
          <Link to="/verify">Verify a credential</Link>
        </li>
      </ul>
    </Page>
  );
}
