import { randomInt } from 'node:crypto';

/**
 * Random assignment of welcome templates, for comparing them: the first template tried for a
 * draft is drawn uniformly; when its draft fails the audit, the next ones follow in order, as the
 * draft loop already does. Returns the `pick` for each attempt of one draft.
 */
export function randomTemplatePicker(draw: (n: number) => number = randomInt): (attempt: number) => (n: number) => number {
  let first: number | undefined;
  return (attempt) => (n) => {
    first ??= draw(n);
    return (first + attempt) % n;
  };
}
