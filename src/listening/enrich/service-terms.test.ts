import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { maskServiceTerms } from './service-terms.js';

describe('maskServiceTerms', () => {
  it('replaces service names whose words read as feelings', () => {
    assert.equal(maskServiceTerms('My Universal Credit and Housing Benefit'), 'My service and service');
    assert.equal(
      maskServiceTerms('garden waste, the benefits team, the leisure centre'),
      'service, the service, the service',
    );
  });

  it('leaves the same words alone when they are feelings', () => {
    assert.equal(maskServiceTerms('What a waste of time'), 'What a waste of time');
    assert.equal(maskServiceTerms('Thanks for the credit'), 'Thanks for the credit');
  });
});
