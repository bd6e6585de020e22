/**
 * Errors that cross layers. lib/ throws these; the route wrapper maps them to
 * HTTP (ValidationError → 422 naming the field, NotFoundError → 404,
 * ConflictError → 409), and CLIs print their message.
 */
import type { ZodError } from 'zod';

export interface FieldIssue {
  /** Dotted path with indices, e.g. `trajectories[3].objectives`. */
  path: string;
  message: string;
}

export class ValidationError extends Error {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    const first = issues[0];
    super(first ? `${first.path || '(input)'}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}` : 'invalid input');
    this.name = 'ValidationError';
    this.issues = issues;
  }

  static fromZod(error: ZodError, prefix = ''): ValidationError {
    return new ValidationError(
      error.issues.flatMap((i) =>
        // An unknown key is named by its own path (`records[0].hypervolum`), not its parent's.
        i.code === 'unrecognized_keys'
          ? i.keys.map((k) => ({ path: formatPath(prefix, [...(i.path as (string | number)[]), k]), message: 'unknown key' }))
          : [{ path: formatPath(prefix, i.path as (string | number)[]), message: i.message }],
      ),
    );
  }
}

export class NotFoundError extends Error {
  constructor(what: string, id: string) {
    super(`${what} ${id} not found`);
    this.name = 'NotFoundError';
  }
}

/** The caller is known but may not do this (HTTP 403). */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export function formatPath(prefix: string, path: readonly (string | number | symbol)[]): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
