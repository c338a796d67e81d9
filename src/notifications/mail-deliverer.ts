import type { Mailer } from './mailer.js';
import type { NotificationsRepository } from './notifications.repository.js';

const BATCH = 20;
/** How long a claimed mail is left to its sender before another deliverer may try it. */
const LEASE_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 6 * 3600_000;

/** Exponential backoff from 30 s, doubling per failed attempt, capped at 6 h: a mail is retried until it goes. */
export const retryDelayMs = (attempts: number): number => Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** Math.max(0, attempts - 1));

/**
 * Sends the outbox: on start-up (mail accepted before a restart), shortly after each notification is queued,
 * and every `intervalMs` (retries falling due, or a queue wake-up that came before the caller's commit).
 */
export function createMailDeliverer(deps: {
  notifications: NotificationsRepository;
  mailer: Mailer;
  clock: () => Date;
}) {
  const { notifications, mailer, clock } = deps;
  // Set by start(): the server's logger. Lines name the recipient and subject, never the body (it may carry
  // links meant for the recipient only) nor the SMTP URL.
  let log: DelivererLog = { info: () => undefined, error: () => undefined };
  let running: Promise<number> | undefined;
  let again = false;

  async function deliverDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = clock();
      const batch = await notifications.claimDue(now, new Date(now.getTime() + LEASE_MS), BATCH);
      for (const mail of batch) {
        try {
          const where = await mailer.send({ to: mail.toAddress, subject: mail.subject, text: mail.textBody });
          await notifications.markSent(mail.id, clock());
          log.info(`mail ${mail.id} to ${mail.toAddress} ("${mail.subject}") ${where}`);
          sent += 1;
        } catch (error) {
          const retryAt = new Date(clock().getTime() + retryDelayMs(mail.attempts));
          await notifications.markFailed(mail.id, retryAt, error instanceof Error ? error.message : String(error));
          log.error(error, `mail ${mail.id} to ${mail.toAddress} failed (attempt ${mail.attempts}); retrying at ${retryAt.toISOString()}`);
        }
      }
      if (batch.length < BATCH) return sent;
    }
  }

  /** Runs one delivery pass; a call during a pass makes one more pass follow it (never two at once). */
  function deliverPending(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await deliverDue();
      } while (again);
      return total;
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  let timer: NodeJS.Timeout | undefined;
  let soon: NodeJS.Timeout | undefined;
  const report = (error: unknown) => log.error(error, 'mail delivery pass failed');

  return {
    deliverPending,
    /** Looks again shortly: the caller's transaction has usually committed by then; if not, the next tick finds it. */
    kick(delayMs = 250): void {
      if (!timer || soon) return;
      soon = setTimeout(() => {
        soon = undefined;
        deliverPending().catch(report);
      }, delayMs);
      soon.unref();
    },
    start(options: { intervalMs?: number; log?: DelivererLog } = {}): void {
      if (timer) return;
      if (options.log) log = options.log;
      const intervalMs = options.intervalMs ?? 15_000;
      deliverPending().catch(report);
      timer = setInterval(() => deliverPending().catch(report), intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      clearTimeout(soon);
      timer = undefined;
      soon = undefined;
      await running?.catch(() => undefined);
      mailer.close();
    },
  };
}

export interface DelivererLog {
  info(line: string): void;
  error(error: unknown, line: string): void;
}

export type MailDeliverer = ReturnType<typeof createMailDeliverer>;
