import { useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../api/client.js';
import { useApiData } from '../api/use-api-data.js';
import { Alert } from '../ui/alert.js';
import { EmptyState } from '../ui/empty-state.js';
import { formatDate } from '../ui/format.js';
import { Loaded } from '../ui/loading.js';
import { Page } from '../ui/page.js';
import { announceNotificationsChanged, listNotifications, markAllNotificationsRead, markNotificationRead, type NotificationView } from './notifications-api.js';
import './notifications.css';

export function NotificationsPage() {
  const { state, reload } = useApiData(() => listNotifications(), 'notifications');
  const [error, setError] = useState<string | null>(null);

  async function act(action: () => Promise<unknown>) {
    try {
      await action();
      setError(null);
      announceNotificationsChanged();
      await reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <Page
      title="Notifications"
      lead="What happened to your credentials and submissions. Each one is also sent to you by email."
      actions={
        state.status === 'ready' && state.data.unreadCount > 0 ? (
          <button type="button" className="button button-small" onClick={() => void act(markAllNotificationsRead)}>
            Mark all read
          </button>
        ) : undefined
      }
    >
      {error && <Alert tone="error">{error}</Alert>}
      <Loaded state={state} what="notifications">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="No notifications yet">
              <p>When a submission is reviewed or a credential is issued, revoked or suspended, you will hear of it here.</p>
            </EmptyState>
          ) : (
            <ul className="notification-list" aria-label="Notifications">
              {page.items.map((n) => (
                <NotificationItem key={n.id} notification={n} onRead={() => act(() => markNotificationRead(n.id))} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
}

function NotificationItem({ notification: n, onRead }: { notification: NotificationView; onRead(): Promise<void> }) {
  return (
    <li className={n.readAt ? 'notification' : 'notification notification-unread'}>
      <p className="notification-title">
        {!n.readAt && <span className="visually-hidden">Unread: </span>}
        {n.link ? (
          // Following it is reading it; the page it opens does not wait for the mark.
          <Link to={n.link} onClick={() => void (n.readAt ? undefined : markNotificationRead(n.id).then(announceNotificationsChanged, () => undefined))}>
            {n.title}
          </Link>
        ) : (
          n.title
        )}
      </p>
      <p className="notification-body">{n.body}</p>
      <p className="hint">
        {formatDate(n.createdAt)}
        {!n.readAt && (
          <>
            {' · '}
            <button type="button" className="button button-small button-link" onClick={() => void onRead()}>
              Mark read<span className="visually-hidden"> {n.title}</span>
            </button>
          </>
        )}
      </p>
    </li>
  );
}
