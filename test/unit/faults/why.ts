/** The message a call throws, or 'no error': lets a table of bad inputs read as input → message. */
export function why(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}
