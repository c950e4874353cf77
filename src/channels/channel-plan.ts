import { z } from 'zod';

const httpsUrl = (what: string) =>
  z.string().trim().min(1, `Enter the ${what}`).max(300, `The ${what} must be 300 characters or fewer`)
    .pipe(z.url({ protocol: /^https?$/, error: `Enter the ${what} as a web address, like https://mastodon.social` }))
    .transform((url) => url.replace(/\/+$/, ''));

/** Where a Mastodon channel's account lives. */
export const mastodonChannelConfig = z.object({ instanceUrl: httpsUrl('instance address') });

/** Where a Bluesky channel's account lives: its PDS (bsky.social unless self-hosted) and its handle. */
export const blueskyChannelConfig = z.object({
  service: httpsUrl('service address').default('https://bsky.social'),
  handle: z.string().trim().toLowerCase().transform((handle) => handle.replace(/^@/, ''))
    .pipe(z.string().min(1, 'Enter the account’s handle, like dwp.bsky.social').regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*$/, 'Enter the handle like dwp.bsky.social')),
});

/** Each platform's settings. */
export const channelConfigs = { mastodon: mastodonChannelConfig, bluesky: blueskyChannelConfig } as const;

/** The platforms a channel can be on. */
export const channelPlatforms = ['mastodon', 'bluesky'] as const;
export type ChannelPlatform = (typeof channelPlatforms)[number];

/** The units a response-time promise is given in, counted on the organisation calendar. */
export const promiseUnits = ['working_hours', 'working_days'] as const;

const optionalNumber = z.preprocess((value) => (value === '' || value === null ? undefined : value), z.coerce.number({ error: 'Enter the promise as a number' }).int('Enter a whole number').min(1, 'The promise must be at least 1').max(90, 'The promise must be 90 or fewer').optional());

/**
 * A channel's plan: what it is for, who owns it, when it is staffed and how quickly it answers. A draft may leave any
 * of it out; a channel is switched on only when the whole plan is there.
 */
export const channelPlanInput = z.object({
  name: z.string().trim().min(1, 'Enter a name for the channel').max(120, 'Name must be 120 characters or fewer'),
  objectives: z.string().trim().max(2000, 'Objectives must be 2,000 characters or fewer').default(''),
  teamId: z.string().trim().max(100).default(''),
  staffedHours: z.string().trim().max(300, 'Staffed hours must be 300 characters or fewer').default(''),
  promiseAmount: optionalNumber,
  promiseUnit: z.preprocess((value) => (value === '' || value === null ? undefined : value), z.enum(promiseUnits, { error: 'Choose working hours or working days' }).optional()),
});

/** The account's settings and secret (access token or app password); an empty secret keeps the stored one. */
export const channelAccountInput = z.object({
  config: z.record(z.string(), z.unknown()).default({}),
  secret: z.string().trim().max(1000).optional(),
});

/** A new channel: its platform, plan and account. */
export const newChannelInput = channelPlanInput.extend({
  platform: z.enum(channelPlatforms, { error: 'Choose Mastodon or Bluesky' }),
  config: z.record(z.string(), z.unknown()).default({}),
  secret: z.string().trim().max(1000).optional(),
});

export type ChannelPlanInput = z.infer<typeof channelPlanInput>;
