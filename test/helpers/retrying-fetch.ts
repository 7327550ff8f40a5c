/**
 * A client as decision 014 expects one: a 503 (the database unavailable or too busy to take the
 * write in time) is tried again; any other answer is final. The wait is 200 ms rather than the
 * advertised Retry-After, to keep tests short. Against sqld, a burst of concurrent writes can keep
 * some requests waiting for the lock past the Worker's 10 s bound (decision 017). On the endpoint
 * no request may need one: there a 503 is final, and the tests' "no 5xx" fails on it.
 */
const DEFAULT_ATTEMPTS = process.env.TEST_DATABASE === 'sqld' ? 5 : 1;
export interface Answer {
  status: number;
  text: string;
  /** How many 503s came before this answer. */
  retries: number;
}

export async function fetchRetrying(
  url: string,
  init: RequestInit,
  attempts = DEFAULT_ATTEMPTS,
): Promise<Answer> {
  for (let retries = 0; ; retries++) {
    const res = await fetch(url, init);
    const text = await res.text();
    if (res.status !== 503 || retries + 1 >= attempts) return { status: res.status, text, retries };
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Logs how many requests of a burst needed a retry (the figure decision 017 reports). */
export function reportRetries(label: string, answers: Answer[]): void {
  const retried = answers.filter((a) => a.retries > 0).length;
  if (retried > 0)
    console.info(`${label}: ${retried} of ${answers.length} requests were retried after a 503`);
}
