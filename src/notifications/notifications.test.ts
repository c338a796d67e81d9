import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPerson } from '../../test/support/factories.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import type { PersonPrincipal } from '../accounts/principal.js';
import { isAppError } from '../errors.js';
import { createMailDeliverer, retryDelayMs } from './mail-deliverer.js';
import { createFileMailer, createSmtpMailer, type Mailer } from './mailer.js';
import { createNotificationsRepository, type NotificationsRepository } from './notifications.repository.js';
import { createNotificationsService } from './notifications.service.js';

const principalOf = (person: { id: string; email: string }, via: 'session' | 'token' = 'session', scopes: PersonPrincipal['scopes'] = 'all'): PersonPrincipal => ({
  kind: 'person',
  person: { id: person.id, email: person.email, displayName: 'P', isPlatformAdmin: false, emailConfirmed: true },
  memberships: [],
  via,
  scopes,
  credentialId: 'test',
});

const rejection = async (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (error: unknown) => error);

describe('notifications', () => {
  let database: TestDatabase;
  let repository: NotificationsRepository;
  let now = new Date('2026-03-01T10:00:00Z');
  const clock = () => now;
  let service: ReturnType<typeof createNotificationsService>;

  beforeAll(async () => {
    database = await createTestDatabase();
    repository = createNotificationsRepository(database.db);
    service = createNotificationsService({ notifications: repository, publicUrl: 'https://tessera.example', clock });
  });
  afterAll(() => database.dispose());

  it('writes the notification and its mail with the caller’s transaction, and neither when it rolls back', async () => {
    const person = await buildPerson(database.db);
    await rejection(
      database.db.transaction().execute(async (trx) => {
        await service.notify(trx, { personId: person.id, kind: 'credential.revoked', title: 'Rolled back', body: 'never' });
        throw new Error('the change failed');
      }),
    );
    expect((await service.list(principalOf(person))).items).toEqual([]);
    await database.db.transaction().execute((trx) => service.notify(trx, { personId: person.id, kind: 'credential.revoked', title: 'Revoked', body: 'Your badge was revoked.', link: '/wallet/abc' }));
    const page = await service.list(principalOf(person));
    expect(page.unreadCount).toBe(1);
    expect(page.items.map((n) => [n.title, n.link, n.readAt])).toEqual([['Revoked', '/wallet/abc', null]]);
    const outbox = (await repository.pendingMail()).filter((m) => m.toAddress === person.email);
    expect(outbox).toHaveLength(1);
  });

  it('lists newest first, pages with a cursor, counts unread, and marks read only one’s own', async () => {
    const person = await buildPerson(database.db);
    const other = await buildPerson(database.db);
    for (let i = 1; i <= 5; i++) {
      now = new Date(now.getTime() + 1000);
      await database.db.transaction().execute((trx) => service.notify(trx, { personId: person.id, kind: 'review.decided', title: `n${i}`, body: 'b' }));
    }
    const first = await service.list(principalOf(person), { limit: 2 });
    expect(first.items.map((n) => n.title)).toEqual(['n5', 'n4']);
    const second = await service.list(principalOf(person), { limit: 2, before: first.next! });
    expect(second.items.map((n) => n.title)).toEqual(['n3', 'n2']);
    const third = await service.list(principalOf(person), { limit: 2, before: second.next! });
    expect(third.items.map((n) => n.title)).toEqual(['n1']);
    expect(third.next).toBeUndefined();

    const error = await rejection(service.markRead(principalOf(other), first.items[0]!.id));
    expect(isAppError(error) && error.code === 'notifications.notification_not_found').toBe(true);
    await service.markRead(principalOf(person), first.items[0]!.id);
    expect((await service.list(principalOf(person))).unreadCount).toBe(4);
    expect(await service.markAllRead(principalOf(person))).toEqual({ marked: 4 });
    expect((await service.list(principalOf(person))).unreadCount).toBe(0);
    expect((await service.list(principalOf(other))).items).toEqual([]);
  });

  it('refuses a cursor it did not give out, and an API token without account:read', async () => {
    const person = await buildPerson(database.db);
    const bad = await rejection(service.list(principalOf(person), { before: 'not-a-cursor' }));
    expect(isAppError(bad) && bad.code === 'request.invalid').toBe(true);
    const token = await rejection(service.markAllRead(principalOf(person, 'token', ['wallet:read'])));
    expect(isAppError(token) && token.code === 'auth.scope_missing').toBe(true);
    expect(await service.markAllRead(principalOf(person, 'token', ['account:read']))).toEqual({ marked: 0 });
  });

  it('delivers after commit through real SMTP, retries a failure with backoff, and sends nothing twice', async () => {
    const received: Array<{ to: string; raw: string }> = [];
    let refuseNext = true;
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          if (refuseNext) {
            refuseNext = false;
            const error = Object.assign(new Error('mailbox busy'), { responseCode: 451 });
            callback(error);
            return;
          }
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const mailer = createSmtpMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Tessera <no-reply@tessera.example>' });
    const deliverer = createMailDeliverer({ notifications: repository, mailer, clock });
    try {
      // Mail queued by earlier tests goes too; look only at this person's.
      const person = await buildPerson(database.db);
      await database.db.transaction().execute((trx) => service.notify(trx, { personId: person.id, kind: 'credential.issued', title: 'You earned a badge', body: 'Well done.', link: '/wallet/x' }));
      refuseNext = true;
      await deliverer.deliverPending();
      const mine = async () => (await repository.pendingMail()).find((m) => m.toAddress === person.email)!;
      // The first attempt of the first mail was refused; the others went.
      const afterFirst = await repository.pendingMail();
      expect(afterFirst.filter((m) => m.sentAt === null)).toHaveLength(1);
      const failed = afterFirst.find((m) => m.sentAt === null)!;
      expect(failed.lastError).toMatch(/mailbox busy/);
      expect(failed.nextAttemptAt.getTime()).toBe(now.getTime() + retryDelayMs(1));

      // Not due yet: nothing is sent.
      expect(await deliverer.deliverPending()).toBe(0);
      now = new Date(now.getTime() + retryDelayMs(1));
      expect(await deliverer.deliverPending()).toBe(1);
      expect((await repository.pendingMail()).every((m) => m.sentAt !== null)).toBe(true);
      expect(await deliverer.deliverPending()).toBe(0);

      const toPerson = received.filter((r) => r.to === person.email);
      expect(toPerson).toHaveLength(1);
      expect(toPerson[0]!.raw).toContain('Subject: You earned a badge');
      expect(toPerson[0]!.raw).toContain('https://tessera.example/wallet/x');
      expect((await mine()).sentAt).not.toBeNull();
    } finally {
      await deliverer.stop();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it('without SMTP writes each mail as an .eml file, atomically', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-mail-'));
    const mailer: Mailer = createFileMailer({ directory: path.join(dataDir, 'mail'), from: 'Tessera <no-reply@tessera.example>' });
    try {
      const where = await mailer.send({ to: 'learner@example.test', subject: 'Revoked', text: 'Reason: fraud' });
      const files = await readdir(path.join(dataDir, 'mail'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      expect(where).toBe(`written to ${path.join(dataDir, 'mail', files[0]!)}`);
      const eml = await readFile(path.join(dataDir, 'mail', files[0]!), 'utf8');
      expect(eml).toMatch(/^To: learner@example\.test$/m);
      expect(eml).toContain('Reason: fraud');
      const missing = createFileMailer({ directory: path.join(dataDir, 'absent', 'mail'), from: 'x <x@x.test>' });
      await expect(missing.send({ to: 'a@b.test', subject: 's', text: 't' })).rejects.toThrow(/data directory does not exist/);
    } finally {
      mailer.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('backs off exponentially and caps the wait', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(40)).toBe(6 * 3600_000);
  });
});
