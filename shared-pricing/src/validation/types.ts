/** One reason a document did not validate: where (a JSON path like `$.classes.app.rate`) and what was expected. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };
