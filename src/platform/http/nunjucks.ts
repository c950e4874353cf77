import { createRequire } from 'node:module';
import type Nunjucks from 'nunjucks';

const require = createRequire(import.meta.url);

/**
 * nunjucks, loaded so that it does not slow down every string operation in the process. Its SafeString inherits from
 * String.prototype (`Object.create(String.prototype)`); once String.prototype is some object's prototype, V8 gives it
 * a new map and its fast paths for string methods no longer apply anywhere in the process (measured: `includes` 15×,
 * `slice` 4×, `charCodeAt` 2× slower; the watch matcher lost a third of its throughput). While nunjucks loads,
 * SafeString gets a plain object holding the same methods as its prototype instead: nunjucks tests SafeString with
 * `instanceof SafeString`, never `instanceof String`, and the methods coerce `this` through SafeString's toString.
 */
function loadNunjucks(): typeof Nunjucks {
  const create = Object.create;
  const stringMethods = Object.defineProperties({}, Object.getOwnPropertyDescriptors(String.prototype));
  Object.create = (prototype: object | null, properties?: PropertyDescriptorMap): unknown =>
    properties === undefined ? create(prototype === String.prototype ? stringMethods : prototype) : create(prototype === String.prototype ? stringMethods : prototype, properties);
  try {
    return require('nunjucks') as typeof Nunjucks;
  } finally {
    Object.create = create;
  }
}

export const nunjucks = loadNunjucks();
