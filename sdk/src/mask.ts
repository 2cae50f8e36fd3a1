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

const SECRET_VALUES: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{16,}/g, // OpenAI and Anthropic style keys (sk-..., sk-proj-..., sk-ant-...)
  /\b(?:ghp|gho|ghu|ghs|github_pat)_[A-Za-z0-9_]{20,}/g, // GitHub tokens
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, // Slack tokens
  /\bAKIA[0-9A-Z]{16}\b/g, // AWS access key ids
  /\bBearer\s+[A-Za-z0-9._~+/-]{12,}=*/g,
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
  const valuePatterns = [
    ...(useDefaults ? SECRET_VALUES : []),
    ...(options?.values ?? []).filter((v) => v instanceof RegExp),
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
      for (const pattern of valuePatterns) {
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
