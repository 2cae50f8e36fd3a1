// Secrets never leave the agent's process: values under secret-looking keys, and strings that look
// like API keys or bearer tokens wherever they appear, are replaced before anything is queued.

export const MASK = '[masked]';

export interface MaskOptions {
  /** Extra key names (matched ignoring case, `-` and `_`) or patterns whose values are masked. */
  keys?: Array<string | RegExp>;
  /** Extra patterns masked inside any string value. Use the `g` flag to mask every occurrence. */
  values?: RegExp[];
  /** Keep the built-in rules (default true). */
  defaults?: boolean;
  /**
   * Your own rule, applied to every string the SDK sends (payloads, names, tags, error messages
   * and stacks) after the built-in ones. If it throws, the string is replaced by `[masked]`.
   */
  fn?: MaskFunction;
}

/** Returns the string to send in place of `value`. */
export type MaskFunction = (value: string) => string;

/** Normalised key fragments: a key containing one is secret. */
const SECRET_PARTS = [
  'password',
  'passwd',
  'secret',
  'apikey',
  'authorization',
  'cookie',
  'privatekey',
  'credential',
  'sessionkey',
];

/**
 * A pattern of secret values, and text that every match contains. Scanning a string for a short
 * literal (String.prototype.includes) is 4-10 times faster than running the pattern over it, and
 * most strings an agent records hold none: the pattern runs only where its literal is.
 */
interface ValuePattern {
  pattern: RegExp;
  /** Null: no literal is known (a pattern the user gave), so the pattern always runs. */
  literal: string | null;
}

const SECRET_VALUES: ValuePattern[] = [
  // OpenAI and Anthropic style keys (sk-..., sk-proj-..., sk-ant-...)
  { pattern: /\bsk-[A-Za-z0-9_-]{16,}/g, literal: 'sk-' },
  // GitHub tokens
  { pattern: /\b(?:ghp|gho|ghu|ghs|github_pat)_[A-Za-z0-9_]{20,}/g, literal: 'gh' },
  // Slack tokens
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, literal: 'xox' },
  // AWS access key ids
  { pattern: /\bAKIA[0-9A-Z]{16}\b/g, literal: 'AKIA' },
  { pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{12,}=*/g, literal: 'Bearer' },
];

function normalise(key: string): string {
  return key.toLowerCase().replace(/[-_\s.]/g, '');
}

function isDefaultSecretKey(key: string): boolean {
  const k = normalise(key);
  // "token" alone or as a suffix (access_token, authToken) is secret; "max_tokens" is not.
  if (k === 'token' || k.endsWith('token')) return true;
  return SECRET_PARTS.some((part) => k.includes(part));
}

export interface Masker {
  isSecretKey(key: string): boolean;
  maskString(value: string): string;
}

/** `mask: fn` is short for `mask: { fn }`. */
export function createMasker(given: MaskOptions | MaskFunction | false | undefined): Masker | null {
  if (given === false) return null;
  const options: MaskOptions | undefined = typeof given === 'function' ? { fn: given } : given;
  const userFn = typeof options?.fn === 'function' ? options.fn : null;
  const useDefaults = options?.defaults !== false;
  const extraNames = new Set<string>();
  const extraPatterns: RegExp[] = [];
  for (const key of options?.keys ?? []) {
    if (typeof key === 'string') extraNames.add(normalise(key));
    else if (key instanceof RegExp) extraPatterns.push(key);
  }
  const valuePatterns: ValuePattern[] = [
    ...(useDefaults ? SECRET_VALUES : []),
    ...(options?.values ?? [])
      .filter((v) => v instanceof RegExp)
      .map((pattern) => ({ pattern, literal: null })),
  ];
  // Agents reuse a small set of keys; remembering the verdict keeps masking off the profile.
  const verdicts = new Map<string, boolean>();

  return {
    isSecretKey(key) {
      let verdict = verdicts.get(key);
      if (verdict === undefined) {
        verdict =
          (useDefaults && isDefaultSecretKey(key)) ||
          extraNames.has(normalise(key)) ||
          extraPatterns.some((pattern) => {
            pattern.lastIndex = 0;
            return pattern.test(key);
          });
        if (verdicts.size < 10_000) verdicts.set(key, verdict);
      }
      return verdict;
    },
    maskString(value) {
      let out = value;
      for (const { pattern, literal } of valuePatterns) {
        if (literal !== null && !out.includes(literal)) continue;
        pattern.lastIndex = 0;
        if (pattern.test(out)) {
          pattern.lastIndex = 0;
          out = out.replace(pattern, MASK);
        }
      }
      if (userFn) {
        try {
          const mine = userFn(out);
          out = typeof mine === 'string' ? mine : MASK;
        } catch {
          out = MASK;
        }
      }
      return out;
    },
  };
}
