/**
 * The catalogue of error codes Parley gives to users and API clients. Each code is stable: scripts may rely on it.
 * The HTTP status is the one a request that fails with this code answers with.
 */
export const errorCodes = {
  bad_request: { status: 400, message: 'The request could not be understood.' },
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  validation_failed: { status: 400, message: 'Some of the information given is not valid.' },
  unauthenticated: { status: 401, message: 'Sign in to continue.' },
  invalid_token: { status: 401, message: 'The API token is missing, revoked or not valid.' },
  csrf_failed: { status: 403, message: 'The form has expired. Go back, reload the page and try again.' },
  forbidden: { status: 403, message: 'You do not have permission to do that.' },
  not_found: { status: 404, message: 'Page not found.' },
  conflict: { status: 409, message: 'That conflicts with something that already exists.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'The request body type is not supported.' },
  too_many_requests: { status: 429, message: 'Too many requests. Wait a moment and try again.' },
  internal: { status: 500, message: 'Sorry, there is a problem with the service.' },
  unavailable: { status: 503, message: 'The service is unavailable.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** A stable error code from the catalogue. */
export type ErrorCode = keyof typeof errorCodes;
