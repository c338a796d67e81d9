import { useState } from 'react';
import { describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { useOrganisation } from '../app/guards.js';
import { Alert } from '../ui/alert.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { AddMemberForm } from './add-member-form.js';
import { roleLabels, rolesByKind } from './membership-labels.js';
import { listMembers, removeMember, type MemberView } from './organisations.js';
import { useSession } from './session-context.js';

export function MembersPage() {
  const organisation = useOrganisation();
  const session = useSession();
  const { state, reload } = useApiData(() => listMembers(organisation.slug), organisation.slug);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  // The message follows the reload, so that when it shows, the table already says the same.
  async function onAdded(member: MemberView) {
    await reload();
    setMessage({ tone: 'success', text: `${member.displayName} is now ${roleLabels[member.role].toLowerCase()}.` });
  }

  async function onRemove(member: MemberView) {
    try {
      await removeMember(organisation.slug, member);
      await reload();
      setMessage({ tone: 'success', text: `${member.displayName} is no longer ${roleLabels[member.role].toLowerCase()}.` });
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(error) });
    }
  }

  return (
    <Page title="Members" caption={organisation.name} lead="The people who work in Tessera for your organisation, and their roles.">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Loaded state={state} what="members">
        {(members) => (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Members of {organisation.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Since</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <tr key={`${member.personId}:${member.role}`}>
                    <th scope="row">
                      {member.displayName}
                      <span className="table-subtext">{member.email}</span>
                    </th>
                    <td>{roleLabels[member.role]}</td>
                    <td>{formatDate(member.since)}</td>
                    <td className="table-actions">
                      {/* Removing one's own administrator role would lock one out of this page. */}
                      {!(member.personId === session?.person.id && member.role === 'admin') && (
                        <ConfirmButton
                          label="Remove"
                          subject={`${member.displayName} (${roleLabels[member.role]})`}
                          onConfirm={() => onRemove(member)}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
      <section className="panel section-gap">
        <AddMemberForm slug={organisation.slug} roles={rolesByKind[organisation.kind]} heading="Add a member" onAdded={onAdded} />
      </section>
    </Page>
  );
}
