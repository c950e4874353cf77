import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { inflections } from './phrases.js';

describe('inflections', () => {
  it('gives the regular forms of a verb, by its ending', () => {
    assert.deepEqual(inflections('utilise'), ['utilises', 'utilised', 'utilising']);
    assert.deepEqual(inflections('tackle'), ['tackles', 'tackled', 'tackling']);
    assert.deepEqual(inflections('apply'), ['applies', 'applied', 'applying']);
    assert.deepEqual(inflections('deploy'), ['deploys', 'deployed', 'deploying']);
    assert.deepEqual(inflections('liaise'), ['liaises', 'liaised', 'liaising']);
    assert.deepEqual(inflections('finish'), ['finishes', 'finished', 'finishing']);
  });

  it('leaves phrases, names and very short words alone', () => {
    assert.deepEqual(inflections('in order to'), []);
    assert.deepEqual(inflections('Labour'), []);
    assert.deepEqual(inflections('be'), []);
  });
});
