import { StringDecoder } from 'node:string_decoder';
import type { CliCommand, CliIo } from '../platform/cli/command.js';
import { parseFlags, UsageError } from '../platform/cli/command.js';
import { checkReport } from './check-report.js';
import { defaultPolicy, PolicyError, readPolicyFile, type GuidancePolicy } from './policy.js';
import type { DraftPlatform } from './rules/rule.js';
import { isTrustLevel, trustLevels } from './trust.js';

const PLATFORMS: readonly DraftPlatform[] = ['mastodon', 'bluesky'];

const help = `usage: parley check --platform mastodon|bluesky [--in-reply-to-lang CODE] [--policy FILE]
                    [--trust LEVEL] [--max-characters N] [--essential] < draft.txt

Checks a draft reply (all of stdin) against the civil service social media guidance and writes one
JSON object: {"risk", "route", "alsoPressOffice", "reason", "findings": [{"rule", "severity",
"message", "principle", "principleUrl", "start", "end", "suggestion"}]}. start and end are UTF-16
offsets into the draft; risk is none, low, medium, high or blocked.

options:
  --platform NAME          mastodon or bluesky: decides the length limit and how it is counted
  --in-reply-to-lang CODE  the language of the post being answered (cy: the reply should be in Welsh)
  --policy FILE            the guidance policy (JSON); default Parley's own. An invalid file: every
                           problem on stderr, naming where it is, and exit 2
  --trust LEVEL            the author's trust level for the route: supervised or trusted;
                           default the policy's routing.defaultTrust
  --max-characters N       the channel's length limit (Mastodon instances differ); default the platform's
  --essential              the post is essential service information (matters in a pre-election period)

Exit status: 0 when the draft was checked (whatever the risk), 2 on bad input.
The rules and the policy file: docs/guidance.md.

example:
  echo 'Call us on 0300 200 3300' | parley check --platform bluesky --policy policy.json
`;

/** `parley check`: the guidance check of one draft read from stdin. */
export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check a draft reply (stdin) against the social media guidance',
  help,
  async run(args, io) {
    const { values } = parseFlags(args, {
      platform: { type: 'string' },
      'in-reply-to-lang': { type: 'string' },
      policy: { type: 'string' },
      trust: { type: 'string' },
      'max-characters': { type: 'string' },
      essential: { type: 'boolean', default: false },
    });
    const platform = PLATFORMS.find((name) => name === values.platform);
    if (values.platform === undefined) throw new UsageError('--platform mastodon|bluesky is required');
    if (platform === undefined) throw new UsageError(`--platform must be mastodon or bluesky, not '${values.platform}'`);
    if (values.trust !== undefined && !isTrustLevel(values.trust)) {
      throw new UsageError(`--trust must be one of ${trustLevels.join(', ')}, not '${values.trust}'`);
    }
    const maxCharacters = values['max-characters'];
    if (maxCharacters !== undefined && !/^[1-9]\d{0,6}$/u.test(maxCharacters)) {
      throw new UsageError(`--max-characters must be a whole number greater than 0, not '${maxCharacters}'`);
    }

    const policyFile = values.policy;
    let policy: GuidancePolicy = defaultPolicy;
    if (policyFile !== undefined) {
      try {
        policy = await readPolicyFile(policyFile);
      } catch (error) {
        if (!(error instanceof PolicyError)) throw error;
        for (const problem of error.problems) io.stderr.write(`parley check: ${policyFile}: ${problem}\n`);
        return 2;
      }
    }

    const text = await readAll(io.stdin);
    if (text.trim() === '') {
      io.stderr.write('parley check: the draft is empty: write it to stdin\n');
      return 2;
    }
    const trust = values.trust !== undefined && isTrustLevel(values.trust) ? values.trust : policy.routing.defaultTrust;
    const report = checkReport(text, {
      platform,
      inReplyToLang: values['in-reply-to-lang'],
      maxCharacters: maxCharacters === undefined ? undefined : Number(maxCharacters),
      essentialServiceInformation: values.essential,
      now: new Date(),
    }, policy, trust);
    io.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  },
};

/** All of a stream as text; a draft is short. A final line break (from echo or a file) is not part of the draft. */
async function readAll(input: CliIo['stdin']): Promise<string> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  for await (const chunk of input) text += typeof chunk === 'string' ? chunk : decoder.write(chunk);
  return (text + decoder.end()).replace(/\r?\n$/u, '');
}
