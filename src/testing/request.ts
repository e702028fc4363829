/** An ace-mock call that did not succeed: its status and, when ace-mock sent one, its problem document. */
export class AceMockRequestError extends Error {
  override name = 'AceMockRequestError';
  constructor(
    message: string,
    /** The HTTP status, or undefined when ace-mock could not be reached at all. */
    readonly status?: number,
    /** ace-mock's RFC 9457 problem (`type`, `title`, `detail` …), when it answered with one. */
    readonly problem?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array<ArrayBuffer>;
  readonly timeoutMs: number;
}

/** fetch hides the network reason (ECONNREFUSED …) in `cause`. */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}

/**
 * One call to ace-mock's HTTP API; resolves to the response when its status is 2xx, else throws an
 * AceMockRequestError that says what ace-mock said (its problem's title and detail).
 */
export async function request(baseUrl: string, path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const call = `${method} ${baseUrl}${path}`;
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method,
      ...(options.headers !== undefined && { headers: options.headers }),
      ...(options.body !== undefined && { body: options.body }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : networkReason(error);
    throw new AceMockRequestError(`${call}: ${reason}; is ace-mock serving HTTP at ${baseUrl}?`);
  }
  if (response.ok) return response;
  const text = await response.text();
  let problem: Record<string, unknown> | undefined;
  try {
    problem = JSON.parse(text) as Record<string, unknown>;
  } catch {
    problem = undefined;
  }
  const said = problem ? `${String(problem['title'])}: ${String(problem['detail'])}` : text.slice(0, 500);
  throw new AceMockRequestError(`${call} answered ${response.status}: ${said}`, response.status, problem);
}
