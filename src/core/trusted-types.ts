/**
 * The kit's one Trusted Types policy, `oz-liveness-elements`: a page that enforces Trusted Types
 * (`require-trusted-types-for 'script'`) lists this one name in `trusted-types` and nothing else
 * for the kit (docs/csp.md). It serves the two sinks the kit feeds: the plugin script's URL
 * (plugin-loader.ts) and the templates of the kit's copy of Lit.
 *
 * Why Lit's templates: Lit asks for a policy named `lit-html` when its module runs. On a page that
 * already made one (its own Lit, its own code) or whose `trusted-types` does not list that name,
 * the call throws, the import fails with it, and the elements are never defined. So this module,
 * imported before Lit, answers Lit's request with the kit's policy for as long as Lit's module is
 * being evaluated (the rest of this task) and then puts the page's `createPolicy` back. A Lit the
 * page already ran keeps its own `lit-html`. The policy object stays inside this module and Lit.
 */
type Policy = { createHTML(s: string): unknown; createScriptURL(s: string): unknown };
type PolicyFactory = { createPolicy(name: string, rules: object): Policy };

export const TRUSTED_TYPES_POLICY = 'oz-liveness-elements';

let policy: Policy | null | undefined;

const factory = (): PolicyFactory | undefined => (globalThis as { trustedTypes?: PolicyFactory }).trustedTypes;

/** The kit's policy, made on first need; `null` without Trusted Types or when the page does not allow the name. */
export function kitPolicy(): Policy | null {
  if (policy === undefined) {
    try {
      // Pass-through rules, as Lit's own: the callers hand it only Lit's template strings and a
      // plugin URL the element already validated (http/https, resolved).
      policy = factory()?.createPolicy(TRUSTED_TYPES_POLICY, { createHTML: pass, createScriptURL: pass }) ?? null;
    } catch {
      policy = null; // not listed in `trusted-types`: the sink reports it where it is used
    }
  }
  return policy;
}
const pass = (s: string) => s;

/** Answers Lit's `createPolicy('lit-html')` with the kit's policy until the end of this task. */
function lendToLit(): void {
  const tt = factory();
  if (!tt) return;
  const original = tt.createPolicy;
  const restore = () => {
    tt.createPolicy = original;
  };
  tt.createPolicy = function (this: PolicyFactory, name: string, rules: object): Policy {
    restore();
    return (name === 'lit-html' && kitPolicy()) || original.call(this, name, rules);
  };
  // Module evaluation of one import graph is one synchronous run: Lit's module has run by then.
  queueMicrotask(restore);
}
lendToLit();
