import { z } from 'zod';

/**
 * A staff email address: something@somewhere, at most 254 characters. Deliberately loose (internal hosts such as
 * `admin@localhost` are real); the address is trimmed and lower-cased so each person has one account.
 */
export const emailAddress = z
  .string()
  .trim()
  .max(254, 'must be 254 characters or fewer')
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address, like name@example.gov.uk')
  .transform((email) => email.toLowerCase());
