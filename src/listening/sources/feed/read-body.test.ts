import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { decodeBody, describeSize, readLimitedBody } from './read-body.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const latin1 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));

describe('decodeBody', () => {
  it('reads UTF-8 by default', () => {
    assert.equal(decodeBody(new TextEncoder().encode('Llyfrgell ŵ £'), null), 'Llyfrgell ŵ £');
  });

  it('reads the charset of the content type', () => {
    assert.equal(decodeBody(latin1('Caf\u00e9 \u00a35'), 'application/rss+xml; charset="ISO-8859-1"'), 'Café £5');
    assert.equal(decodeBody(bytes(0x93, 0x68, 0x69, 0x94), 'text/xml;charset=windows-1252'), '“hi”');
  });

  it('reads the encoding an XML declaration names when the content type names none', () => {
    assert.equal(decodeBody(latin1('<?xml version="1.0" encoding="iso-8859-1"?><a>\u00e9</a>'), 'application/xml'), '<?xml version="1.0" encoding="iso-8859-1"?><a>é</a>');
  });

  it('follows a byte-order mark before anything else', () => {
    assert.equal(decodeBody(bytes(0xff, 0xfe, 0x3c, 0x00, 0x61, 0x00, 0x3e, 0x00), 'text/xml; charset=iso-8859-1'), '<a>');
  });

  it('reads an unknown encoding as UTF-8 and replaces bytes that do not decode', () => {
    assert.equal(decodeBody(bytes(0x61, 0xff, 0x62), 'text/xml; charset=x-klingon'), 'a\uFFFDb');
  });
});

describe('readLimitedBody', () => {
  it('reads a body up to the limit', async () => {
    const read = await readLimitedBody(new Response('12345'), 5);
    assert.equal(read.ok && Buffer.from(read.bytes).toString(), '12345');
  });

  it('stops past the limit, whether the length was declared or not', async () => {
    const declared = new Response('123456', { headers: { 'content-length': '6' } });
    assert.deepEqual(await readLimitedBody(declared, 5), { ok: false, error: 'The feed is larger than 5 bytes, the most Parley reads.' });
    const streamed = new Response(new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(1024)) }));
    assert.deepEqual(await readLimitedBody(streamed, 4096), { ok: false, error: 'The feed is larger than 4 KB, the most Parley reads.' });
  });
});

describe('describeSize', () => {
  it('says sizes as people do', () => {
    assert.equal(describeSize(5 * 1024 * 1024), '5 MB');
    assert.equal(describeSize(1536), '1.5 KB');
    assert.equal(describeSize(100), '100 bytes');
  });
});
