// OpenAI's error JSON: { error: { message, type, param, code } }. The official client turns these
// into RateLimitError / InternalServerError / NotFoundError by status.

const KINDS: Record<number, { type: string; code: string | null; message: (model: string) => string }> = {
  400: { type: 'invalid_request_error', code: null, message: () => 'Invalid request.' },
  401: {
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message: () => 'Incorrect API key provided.',
  },
  404: { type: 'invalid_request_error', code: 'not_found', message: () => 'Not found.' },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: (model) =>
      `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20ms.`,
  },
  500: {
    type: 'server_error',
    code: null,
    message: () => 'The server had an error while processing your request. Sorry about that!',
  },
  503: {
    type: 'server_error',
    code: null,
    message: () => 'The engine is currently overloaded, please try again later.',
  },
};

export function errorBody(status: number, message?: string, model = 'gpt-4o-mini'): object {
  const kind = KINDS[status] ?? KINDS[500]!;
  return {
    error: { message: message ?? kind.message(model), type: kind.type, param: null, code: kind.code },
  };
}
