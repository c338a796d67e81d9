import { Page } from '../ui/page.js';
import { ApiTokenManager } from './api-token-manager.js';
import { MyEquitySection } from '../equity/my-equity-section.js';
import { HolderDidSection } from './holder-did-section.js';
import { YourDataSection } from './your-data-section.js';
import { organisationKindLabels, roleLabels } from './membership-labels.js';
import { useSession } from './session-context.js';

export function AccountPage() {
  const session = useSession();
  if (!session) return null;
  const { person, memberships } = session;

  return (
    <Page title="Account" lead="Your profile, the organisations you belong to, and your API tokens.">
      <section className="panel" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <dl className="summary-list">
          <div>
            <dt>Name</dt>
            <dd>{person.displayName}</dd>
          </div>
          <div>
            <dt>Email address</dt>
            <dd>
              {person.email} {person.emailConfirmed ? <span className="hint">(confirmed)</span> : <span className="hint">(not confirmed yet: see the link we mailed you)</span>}
            </dd>
          </div>
          {person.isPlatformAdmin && (
            <div>
              <dt>Platform role</dt>
              <dd>Platform administrator</dd>
            </div>
          )}
        </dl>
      </section>

      <section className="panel" aria-labelledby="memberships-heading">
        <h2 id="memberships-heading">Organisations</h2>
        {memberships.length === 0 ? (
          <p>You are not a member of any organisation. Organisations invite their staff; learners need no membership.</p>
        ) : (
          <ul className="membership-list">
            {memberships.map(({ organisation, role }) => (
              <li key={`${organisation.id}:${role}`}>
                <span className="membership-name">{organisation.name}</span>
                <span className="tag">{organisationKindLabels[organisation.kind]}</span>
                <span className="tag tag-strong">{roleLabels[role]}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">API tokens</h2>
        <p className="hint">
          Use a token as <code>Authorization: Bearer &lt;token&gt;</code>. The API is described at{' '}
          <a href="/docs">/docs</a>.
        </p>
        <ApiTokenManager />
      </section>

      <HolderDidSection />
      <MyEquitySection />
      <YourDataSection email={person.email} />
    </Page>
  );
}
