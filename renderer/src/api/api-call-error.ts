import type { ApiError, ErrorCode } from '../../../shared/contract';
import { i18n } from '../i18n/instance';

/** The transport itself failed: nothing answered, or the answer was not a result. */
export type TransportErrorCode = 'UNREACHABLE';

/** A refused or failed call: `code` for the program, `message` in the server's words for people. */
export class ApiCallError extends Error {
  readonly code: ErrorCode | TransportErrorCode;
  readonly op: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(op: string, error: { code: ErrorCode | TransportErrorCode; message: string; details?: Record<string, unknown> }) {
    super(error.message);
    this.name = 'ApiCallError';
    this.op = op;
    this.code = error.code;
    this.details = error.details;
  }

  static fromApiError(op: string, error: ApiError): ApiCallError {
    return new ApiCallError(op, error);
  }
}

export function isApiCallError(e: unknown): e is ApiCallError {
  return e instanceof ApiCallError;
}

/** What to show a person for any thrown value: the server's message as is, or a plain fallback. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiCallError) return e.message;
  if (e instanceof Error && e.message) return i18n.t('api.windowFailedWith', { cause: e.message });
  return i18n.t('api.windowFailed');
}
