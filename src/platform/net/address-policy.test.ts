import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isPublicAddress, PUBLIC_INTERNET_ONLY, refusedAddress } from './address-policy.js';

describe('address policy', () => {
  it('tells public addresses from loopback, private, link-local, shared, documentation and multicast ones', () => {
    for (const address of ['8.8.8.8', '151.101.0.1', '2a00:1450:4009:80b::200e', '2606:4700::6810:84e5']) assert.equal(isPublicAddress(address), true, address);
    for (const address of [
      '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255',
      '192.0.2.1', '::1', '::', 'fd00::1', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '2001:db8::1', 'not an address',
      '::127.0.0.1', '::7f00:1', '::a00:1', '2002:7f00:1::1', 'fec0::1',
    ]) assert.equal(isPublicAddress(address), false, address);
  });

  it('treats every address in 10.0.0.0/8 and 192.168.0.0/16 as private', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), (a, b, c) => {
      assert.equal(isPublicAddress(`10.${a}.${b}.${c}`), false);
      assert.equal(isPublicAddress(`192.168.${b}.${c}`), false);
    }));
  });

  it('refuses a URL whose host is private, naming it and the setting that allows it', async () => {
    const refusal = await refusedAddress('http://127.0.0.1:8080/feed.xml', PUBLIC_INTERNET_ONLY);
    assert.match(refusal ?? '', /127\.0\.0\.1 is on a private network.*PARLEY_ALLOW_PRIVATE_SOURCES/);
    assert.match((await refusedAddress('http://[::1]/x', PUBLIC_INTERNET_ONLY)) ?? '', /::1 is on a private network/);
    assert.match((await refusedAddress('http://localhost/x', PUBLIC_INTERNET_ONLY)) ?? '', /localhost is on a private network/);
    assert.equal(await refusedAddress('http://127.0.0.1/x', { allowPrivate: true }), undefined);
    assert.equal(await refusedAddress('https://8.8.8.8/x', PUBLIC_INTERNET_ONLY), undefined);
  });
});
