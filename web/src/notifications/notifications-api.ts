import { api } from '../api/client.js';

/** GET /api/v1/me/notifications item (notifications.routes.ts). */
export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  unreadCount: number;
  next?: string;
}

export const listNotifications = (before?: string): Promise<NotificationPage> =>
  api.get<NotificationPage>(`/api/v1/me/notifications?limit=20${before ? `&before=${encodeURIComponent(before)}` : ''}`);

export const markNotificationRead = (id: string): Promise<void> => api.post<void>(`/api/v1/me/notifications/${encodeURIComponent(id)}/read`);

export const markAllNotificationsRead = (): Promise<{ marked: number }> => api.post<{ marked: number }>('/api/v1/me/notifications/read-all');

// The header's unread count listens for this, so reading on the notifications page updates it at once.
const CHANGED = 'tessera:notifications-changed';
export const announceNotificationsChanged = (): void => void window.dispatchEvent(new Event(CHANGED));
export function onNotificationsChanged(listener: () => void): () => void {
  window.addEventListener(CHANGED, listener);
  return () => window.removeEventListener(CHANGED, listener);
}
