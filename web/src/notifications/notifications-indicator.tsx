import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { listNotifications, onNotificationsChanged } from './notifications-api.js';
import './notifications.css';

const POLL_MS = 60_000;

/** The header link to the notifications page, with the unread count; refreshed on navigation, on change and each minute. */
export function NotificationsIndicator() {
  const [unread, setUnread] = useState<number | null>(null);
  const location = useLocation();

  useEffect(() => {
    let cancelled = false;
    const refresh = () =>
      void listNotifications()
        .then((page) => !cancelled && setUnread(page.unreadCount))
        // The count is a convenience: when it cannot be read the link still works.
        .catch(() => undefined);
    refresh();
    const timer = window.setInterval(refresh, POLL_MS);
    const stop = onNotificationsChanged(refresh);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
      stop();
    };
  }, [location.pathname]);

  const label = unread ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <Link to="/notifications" className="button button-small button-secondary notifications-indicator" aria-label={label}>
      Notifications
      {unread ? (
        <span className="notifications-count" aria-hidden="true">
          {unread}
        </span>
      ) : null}
    </Link>
  );
}
