/**
 * Wraps a function that compiles a rule's policy section (lists into Sets, patterns into regular expressions) so that
 * it runs once per section object: the check reuses the same section for every draft.
 */
export function compiledPerPolicy<Policy extends object, Compiled>(compile: (policy: Policy) => Compiled): (policy: Policy) => Compiled {
  const cache = new WeakMap<Policy, Compiled>();
  return (policy) => {
    const known = cache.get(policy);
    if (known !== undefined) return known;
    const compiled = compile(policy);
    cache.set(policy, compiled);
    return compiled;
  };
}
