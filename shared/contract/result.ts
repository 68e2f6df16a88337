/** Stable error codes: programs branch on these, people read the message beside them. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED_OUT',
  'UNKNOWN_OPERATION',
  'SETUP_DONE',
  'SEAT_TAKEN',
  'HOLD_EXPIRED',
  'PRINT_FAILED',
  'OVERRIDE_REQUIRED',
  'DISK_FULL',
  'DISK_ERROR',
  'DATABASE_DAMAGED',
  'DATABASE_BUSY',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** One call as both transports carry it: the session token travels with the call, never a user id. */
export interface ApiRequest {
  op: string;
  input: unknown;
  token?: string | null;
}

/** HTTP status the bridge answers with for each error code (the body is the same ApiResult). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_OPERATION: 404,
  CONFLICT: 409,
  SETUP_DONE: 409,
  SEAT_TAKEN: 409,
  HOLD_EXPIRED: 409,
  /** The sale is saved; the printer is not ready. */
  PRINT_FAILED: 503,
  /** A manager's PIN is needed (e.g. a refund after the session started). */
  OVERRIDE_REQUIRED: 403,
  LOCKED_OUT: 429,
  /** Nothing was saved: the disk holding the data (or the PDF/backup folder) has no space left. */
  DISK_FULL: 507,
  /** Nothing was saved: the disk could not be read or written (an I/O error, not a full disk). */
  DISK_ERROR: 503,
  /** The database file is damaged; the answer names the newest backup and how to restore it. */
  DATABASE_DAMAGED: 503,
  /** Nothing was saved: the database stayed locked past the busy timeout; try again. */
  DATABASE_BUSY: 503,
  INTERNAL: 500,
};
