// Test helpers: a plain HTTP client for the sandbox, the way a real client
// would talk to DrChrono (form-encoded token requests, bearer calls).
import type { DrChronoSandbox } from './sandbox-facade.js';
import type { TokenAnswer } from './token-authority.js';

/** A decoded answer. */
export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

async function decode(res: Response): Promise<Answer> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

/** POST /o/token/ with form fields (client credentials added unless given). */
export async function tokenRequest(sb: DrChronoSandbox, fields: Record<string, string>): Promise<Answer> {
  const form = new URLSearchParams({ client_id: sb.oauth.clientId, client_secret: sb.oauth.clientSecret, ...fields });
  const res = await fetch(`${sb.url}/o/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  return decode(res);
}

/** Exchanges a fresh code for the practice's tokens. */
export async function connect(sb: DrChronoSandbox, practiceId: string): Promise<TokenAnswer> {
  const answer = await tokenRequest(sb, {
    grant_type: 'authorization_code',
    code: sb.oauth.issueCode(practiceId),
    redirect_uri: 'http://127.0.0.1/cb',
  });
  if (answer.status !== 200) throw new Error(`token exchange failed: ${answer.status}`);
  return answer.body as TokenAnswer;
}

/** GET with a bearer token; `target` is a path on the main origin or an absolute URL. Redirects are not followed. */
export async function apiGet(sb: DrChronoSandbox, token: string | undefined, target: string): Promise<Answer> {
  const url = target.startsWith('http') ? target : `${sb.url}${target}`;
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  return decode(await fetch(url, { headers, redirect: 'manual' }));
}

/** A list page as the sandbox sends it. */
export interface Page {
  previous: string | null;
  results: { id: number | string; [k: string]: unknown }[];
  next: string | null;
}

/** Follows `next` links (and a 302, resending the header) to the end; returns every result and the URLs read. */
export async function readAll(sb: DrChronoSandbox, token: string, first: string): Promise<{ results: Page['results']; urls: string[] }> {
  const results: Page['results'] = [];
  const urls: string[] = [];
  let url: string | null = first.startsWith('http') ? first : `${sb.url}${first}`;
  while (url !== null) {
    urls.push(url);
    let answer = await apiGet(sb, token, url);
    const location = answer.headers.get('location');
    if (answer.status === 302 && location !== null) answer = await apiGet(sb, token, location);
    if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}`);
    const page = answer.body as Page;
    results.push(...page.results);
    url = page.next;
  }
  return { results, urls };
}

/** A movable clock for the sandbox. */
export function movableClock(startIso: string): { now: () => Date; advance(ms: number): void; set(iso: string): void } {
  let ms = Date.parse(startIso);
  return {
    now: () => new Date(ms),
    advance: (d) => {
      ms += d;
    },
    set: (iso) => {
      ms = Date.parse(iso);
    },
  };
}
