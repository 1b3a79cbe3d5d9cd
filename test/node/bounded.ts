// A hard bound on a promise, for hostile-input tests: it detects a hang (the work never
// ends), it is not a timing assertion.
export async function bounded<T>(what: string, work: Promise<T>, boundMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not end within the hard bound`)), boundMs);
  });
  try {
    return await Promise.race([work, bound]);
  } finally {
    clearTimeout(timer);
  }
}
