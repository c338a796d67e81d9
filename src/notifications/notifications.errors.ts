import { notFound } from '../errors.js';

export const notificationNotFound = () => notFound('notifications.notification_not_found', 'There is no such notification.');
