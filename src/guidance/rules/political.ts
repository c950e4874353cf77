import { z } from 'zod';
import type { Draft } from './draft.js';
import { compiledPer, compilePhrases, findPhrases, termSchema, type PhraseIndex, type Term } from './phrases.js';
import type { DraftContext, Finding, PreElectionPeriod, Rule } from './rule.js';

/** The political-impartiality rule's section of the policy file. */
export interface PoliticalPolicy {
  /** Party names and their short forms, across the UK's nations. */
  parties: Term[];
  /** Politicians to name in findings; keep it to people who are likely to come up. */
  politicians: Term[];
  /** Words and phrases of campaigning. */
  campaigning: Term[];
  /**
   * Words that count as political only in a pre-election period (announcements, ministers, policy changes). The
   * period's dates are not here: they are the policy's `preElectionPeriods`, and the check passes the period in force
   * as `context.preElectionPeriod`.
   */
  preElectionTerms: Term[];
}

const policySchema: z.ZodType<PoliticalPolicy> = z.object({
  parties: z.array(termSchema),
  politicians: z.array(termSchema),
  campaigning: z.array(termSchema),
  preElectionTerms: z.array(termSchema),
});

/** Words after "Labour" that make it work rather than the party. */
const LABOUR_NOT_PARTY = [
  'market', 'markets', 'force', 'forces', 'cost', 'costs', 'shortage', 'shortages', 'supply', 'law', 'laws',
  'rights', 'relations', 'productivity', 'mobility', 'intensive', 'exchange', 'statistics', 'pains', 'ward', 'only',
  'and materials', 'charges', 'rates', 'hours', 'gaps',
];

const parties: Term[] = [
  'Conservative Party', 'Conservatives', 'Tory', 'Tories',
  { phrase: 'Conservative', notBefore: ['estimate', 'estimates', 'figure', 'figures', 'approach', 'guess', 'view', 'assumption', 'assumptions', 'side', 'treatment', 'management', 'area', 'areas'] },
  'Labour Party', { phrase: 'Labour', notBefore: LABOUR_NOT_PARTY, notAfter: ['hard', 'manual', 'child', 'forced', 'cheap', 'skilled'] },
  'Liberal Democrats', 'Liberal Democrat', 'Lib Dems', 'Lib Dem', 'LibDems', 'LibDem',
  'Reform UK', 'Reform Party',
  'Green Party', 'Scottish Greens', { phrase: 'Greens', notAfter: ['eat', 'your', 'salad', 'leafy', 'spring'] },
  'SNP', 'Scottish National Party',
  'Plaid Cymru', { phrase: 'Plaid', notBefore: ['pattern', 'shirt', 'shirts', 'scarf', 'fabric'] },
  'Alba Party', { phrase: 'Alba', notAfter: ['BBC', 'Radio', 'Caledonia'] },
  'DUP', 'Democratic Unionist Party', 'Democratic Unionists',
  'Sinn Féin', 'Sinn Fein', 'SDLP', 'Social Democratic and Labour Party',
  'Alliance Party', 'UUP', 'Ulster Unionist Party', 'Ulster Unionists', 'TUV', 'Traditional Unionist Voice',
  'People Before Profit', 'UKIP', 'Workers Party', 'Co-operative Party', 'Mebyon Kernow', 'Yorkshire Party',
];

// Leaders and heads of government as of 2025; admins should check the list before each election.
const politicians: Term[] = [
  'Keir Starmer', 'Starmer', 'Kemi Badenoch', 'Badenoch', 'Ed Davey', 'Nigel Farage', 'Farage', 'Zack Polanski',
  'Carla Denyer', 'Adrian Ramsay', 'John Swinney', 'Swinney', 'Anas Sarwar', 'Eluned Morgan', 'Rhun ap Iorwerth',
  "Michelle O'Neill", 'Emma Little-Pengelly', 'Mary Lou McDonald', 'Gavin Robinson', 'Naomi Long', 'Claire Hanna',
  'Mike Nesbitt', 'Jim Allister', 'Rachel Reeves',
];

const campaigning: Term[] = [
  { phrase: 'vote for', notBefore: ['your favourite', 'your favorite', 'the best', 'the winner', 'the winners', 'your top'] },
  'vote against', 'voting for', 'voting against', 'vote them out', 're-elect', 're-elected', 're-election', 'reelect',
  'manifesto', 'manifestos', 'election pledge', 'election pledges', 'election promise', 'election promises',
  'polling day', 'campaign trail', 'canvassing', 'canvass', 'party political', 'get out the vote',
];

const preElectionTerms: Term[] = [
  'government announces', 'government announced', 'government has announced', 'government will announce',
  'minister', 'ministers', 'ministerial', 'secretary of state', 'policy change', 'policy changes', 'new policy',
  'government policy', 'councillor', 'councillors', 'cabinet member', 'MP', 'MPs', 'MSP', 'MSPs', 'MLA', 'MLAs',
  'member of parliament', 'members of parliament', 'candidate', 'candidates', 'election', 'elections', 'referendum',
];

type Kind = 'party' | 'politician' | 'campaigning' | 'pre-election';

interface Compiled {
  always: PhraseIndex<Kind>;
  duringPeriod: PhraseIndex<Kind>;
}

const compile = compiledPer<PoliticalPolicy, Compiled>((policy) => ({
  always: compilePhrases<Kind>([...policy.parties, ...policy.politicians, ...policy.campaigning], (_term, index) =>
    index < policy.parties.length
      ? 'party'
      : index < policy.parties.length + policy.politicians.length
        ? 'politician'
        : 'campaigning',
  ),
  duringPeriod: compilePhrases<Kind>(policy.preElectionTerms, () => 'pre-election'),
}));

const messages: Record<Kind, (text: string) => string> = {
  party: (text) =>
    `Party names in a reply can look like taking sides. Remove '${text}' unless you are quoting something that needs it, and ask the press office if you are unsure.`,
  politician: (text) =>
    `Naming a politician can look like supporting or opposing them. Remove '${text}' unless the reply needs it, for example a minister named in their official role.`,
  campaigning: (text) =>
    `'${text}' is the language of election campaigns. Civil servants must not take part in campaigns or tell people how to vote.`,
  'pre-election': (text) =>
    `'${text}' can look political at the moment. Avoid announcements, ministers and policy changes unless the post is essential service information.`,
};

const suggestions: Record<Kind, string> = {
  party: "Leave the party out, or say 'the government' or 'the council' if that is what you mean.",
  politician: "Leave the name out, or use the role ('the minister', 'the council leader') if the reply needs it.",
  campaigning: 'Stick to facts about the service. For how to vote, link to the Electoral Commission or your council.',
  'pre-election': 'Wait until the period ends, or ask the head of digital whether this is essential service information.',
};

function periodNote(period: PreElectionPeriod): string {
  return ` The pre-election period for ${period.name} applies (${period.from} to ${period.to}): take extra care with anything political.`;
}

function check(draft: Draft, context: DraftContext, policy: PoliticalPolicy): Finding[] {
  const compiled = compile(policy);
  const period = context.preElectionPeriod;
  const matches = findPhrases(draft.text, draft.words, compiled.always);
  if (period !== undefined) {
    const taken = matches.map((match) => [match.start, match.end] as const);
    for (const match of findPhrases(draft.text, draft.words, compiled.duringPeriod)) {
      if (!taken.some(([start, end]) => match.start < end && start < match.end)) matches.push(match);
    }
  }
  return matches
    .sort((a, b) => a.start - b.start)
    .map((match) => {
      const text = draft.text.slice(match.start, match.end);
      return {
        rule: politicalRule.id,
        severity: 'high',
        message: messages[match.entry](text) + (period === undefined ? '' : periodNote(period)),
        principle: politicalRule.principle,
        start: match.start,
        end: match.end,
        suggestion: suggestions[match.entry],
      };
    });
}

/**
 * Political impartiality: party names, named politicians and campaign language are high risk, and in a configured
 * pre-election period so are announcements, ministers and policy changes.
 */
export const politicalRule: Rule<PoliticalPolicy> = {
  id: 'political',
  title: 'Political impartiality',
  principle: 'political-impartiality',
  policy: policySchema,
  defaults: { parties, politicians, campaigning, preElectionTerms },
  check,
};
