import { z } from 'zod';

export const DEFAULT_REFRESH_MINUTES = 60;

/** A subscription to another instance's catalogue feed; the address rules are checked by the service. */
export const subscribeInput = z
  .object({
    url: z.string().trim().min(1).max(2000),
    /** How often the scheduler harvests it: 5 minutes to a week. */
    refreshMinutes: z.number().int().min(5).max(10_080).default(DEFAULT_REFRESH_MINUTES),
  })
  .strict();

export type SubscribeInput = z.input<typeof subscribeInput>;
