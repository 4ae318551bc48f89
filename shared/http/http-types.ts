/**
 * The narrow request/response shapes our handlers use. Express (the Functions
 * Framework, the dev server) and plain node:http both satisfy them, so tests
 * and servers can hand in either.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface HttpRequest {
  method?: string;
  /** Path plus query, relative to where the handler is mounted. */
  url?: string;
  headers: IncomingHttpHeaders;
  /** What a body parser made of the body (object, string or Buffer), if any ran. */
  body?: unknown;
  /** The exact bytes received; set by the Functions Framework's body parsers and by our dev server. */
  rawBody?: Buffer;
}

export interface HttpResponse {
  statusCode: number;
  setHeader(name: string, value: string | number): unknown;
  end(chunk?: string): unknown;
}
