import { useState } from 'react';
import { AddMemberForm } from '../accounts/add-member-form.js';
import { organisationKindLabels } from '../accounts/membership-labels.js';
import { listOrganisations, type OrganisationView } from '../accounts/organisations.js';
import { useApiData } from '../api/use-api-data.js';
import { Alert } from '../ui/alert.js';
import { EmptyState } from '../ui/empty-state.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { CreateOrganisationForm } from './create-organisation-form.js';

function OrganisationTable({ organisations }: { organisations: OrganisationView[] }) {
  if (organisations.length === 0) {
    return (
      <EmptyState title="No organisations yet">
        <p>Organisations you create will be listed here with their kind and short name.</p>
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Organisations on this instance</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((organisation) => (
            <tr key={organisation.id}>
              <th scope="row">
                {organisation.name}
                <span className="table-subtext">
                  <code>{organisation.slug}</code>
                </span>
              </th>
              <td>{organisationKindLabels[organisation.kind]}</td>
              <td>{formatDate(organisation.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OrganisationsPage() {
  const { state, reload } = useApiData(listOrganisations, 'organisations');
  // The organisation just created, until its first administrator is appointed.
  const [created, setCreated] = useState<OrganisationView | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function onCreated(organisation: OrganisationView) {
    // Message and the appoint form appear once the list shows the new organisation.
    try {
      await reload();
    } finally {
      setCreated(organisation);
      setMessage(`${organisation.name} was created. Appoint its first administrator below.`);
    }
  }

  return (
    <Page title="Organisations" caption="Platform administration" lead="The issuers, industry partners and employers on this instance.">
      {message && <Alert tone="success">{message}</Alert>}
      <Loaded state={state} what="organisations">
        {(organisations) => <OrganisationTable organisations={organisations} />}
      </Loaded>
      {created && (
        <section className="panel section-gap">
          <AddMemberForm
            slug={created.slug}
            roles={['admin']}
            heading={`Appoint an administrator for ${created.name}`}
            onAdded={(member) => {
              setMessage(`${member.displayName} now administers ${created.name}.`);
              setCreated(null);
            }}
          />
        </section>
      )}
      <section className="panel section-gap">
        <CreateOrganisationForm onCreated={onCreated} />
      </section>
    </Page>
  );
}
