import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyseDraft } from './draft.js';
import { markingsPolicy, markingsRule, type MarkingsPolicy } from './markings.js';
import type { DraftContext } from './rule.js';

const context: DraftContext = { platform: 'bluesky', now: new Date('2025-06-02T10:00:00Z') };

function found(text: string, policy: MarkingsPolicy = markingsRule.defaults): string[] {
  return markingsRule.check(analyseDraft(text), context, policy).map((finding) => text.slice(finding.start, finding.end));
}

describe('protective marking rule', () => {
  it('blocks OFFICIAL-SENSITIVE in any case and spelling', () => {
    const text = 'OFFICIAL-SENSITIVE: new rates from April';
    const finding = markingsRule.check(analyseDraft(text), context, markingsRule.defaults)[0];
    assert.ok(finding);
    assert.equal(finding.severity, 'blocked');
    assert.equal(finding.principle, 'security-and-confidentiality');
    assert.deepEqual([finding.start, finding.end], [0, 18]);
    assert.deepEqual(found('as the official sensitive note says'), ['official sensitive']);
    assert.deepEqual(found('Official: Sensitive briefing'), ['Official: Sensitive']);
  });

  it('blocks capitalised markings where a marking is written', () => {
    assert.deepEqual(found('SECRET\nThe minister will announce'), ['SECRET']);
    assert.deepEqual(found('TOP SECRET – UK EYES ONLY'), ['TOP SECRET']);
    assert.deepEqual(found('Briefing [RESTRICTED] attached'), ['RESTRICTED']);
    assert.deepEqual(found('This was marked CONFIDENTIAL in the pack'), ['CONFIDENTIAL']);
  });

  it('blocks a marking heading a post or named as one, and an embargo with its time', () => {
    assert.deepEqual(found('TOP SECRET. The answer is no.'), ['TOP SECRET']);
    assert.deepEqual(found('The results are classed as SECRET until the board meets.'), ['SECRET']);
    assert.deepEqual(found('Press release (embargo 00:01 Monday): new homes'), ['embargo 00:01']);
  });

  it('leaves an embargo without a time, such as a trade embargo, alone', () => {
    assert.deepEqual(found('The trade embargo on the region was lifted in 2019.'), []);
  });

  it('blocks embargoes and "not for publication"', () => {
    assert.deepEqual(found('Embargoed until 00:01 Tuesday: new figures'), ['Embargoed']);
    assert.deepEqual(found('This is NOT FOR PUBLICATION yet, and under  embargo'), ['NOT FOR PUBLICATION', 'under  embargo']);
  });

  it('leaves the same words alone in ordinary prose', () => {
    assert.deepEqual(found('The secret to a good application is evidence. Access is restricted at weekends.'), []);
    assert.deepEqual(found('Your details are kept confidential. Keep your password SECRET.'), []);
    assert.deepEqual(found('Your information is CONFIDENTIAL and safe with us'), []);
    assert.deepEqual(found('KEEP YOUR PASSWORD SECRET AND NEVER SHARE IT'), []);
    assert.deepEqual(found('Official figures are published today; it is no secret we are busy.'), []);
    assert.deepEqual(found('Secretary of State, RESTRICTEDNESS, #Secret'), []);
  });

  it('uses the lists in the policy', () => {
    const policy = markingsPolicy.parse({ embargoes: ['hold for release'], capitalMarkings: [] });
    assert.deepEqual(found('SECRET: Hold for release', policy), ['Hold for release']);
  });
});
