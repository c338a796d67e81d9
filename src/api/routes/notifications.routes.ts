import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { NotificationRecord } from '../../notifications/notifications.repository.js';
import type { NotificationsService } from '../../notifications/notifications.service.js';
import { problemResponses } from '../openapi.js';

const notificationView = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});

const toView = (n: NotificationRecord): z.infer<typeof notificationView> => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

/** The signed-in person's notifications. */
export function notificationsRoutes(deps: { notifications: NotificationsService }) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Notifications'];

    server.get('/api/v1/me/notifications', {
      schema: {
        tags,
        summary: 'My notifications, newest first, with the number unread',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), before: z.string().max(200).optional() }).strict(),
        response: { 200: z.object({ items: z.array(notificationView), unreadCount: z.number().int(), next: z.string().optional() }), ...problemResponses(400, 401, 403) },
      },
    }, async (request) => {
      const page = await deps.notifications.list(request.principal, { limit: request.query.limit, ...(request.query.before ? { before: request.query.before } : {}) });
      return { items: page.items.map(toView), unreadCount: page.unreadCount, ...(page.next ? { next: page.next } : {}) };
    });

    server.post('/api/v1/me/notifications/:id/read', {
      schema: { tags, summary: 'Mark one of my notifications read', params: z.object({ id: z.uuid() }), response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) } },
    }, async (request, reply) => {
      await deps.notifications.markRead(request.principal, request.params.id);
      return reply.status(204).send(null);
    });

    server.post('/api/v1/me/notifications/read-all', {
      schema: { tags, summary: 'Mark all my notifications read', response: { 200: z.object({ marked: z.number().int() }), ...problemResponses(401, 403) } },
    }, async (request) => deps.notifications.markAllRead(request.principal));
  };
}
