import type { Answer, Arming, CertificationQuery, CertificationReport, Message, SessionClock } from './answer.js';
import { AceMockRequestError, request } from './request.js';

export interface ConnectOptions {
  /** The server's ACE_MOCK_ADMIN_TOKEN, sent with arm, reset and clock calls; a server without one takes them from loopback only. */
  readonly adminToken?: string;
  /** How long any single call may take before it fails (ms); default 30 000. */
  readonly requestTimeoutMs?: number;
  /** Run by close() (start() stops its server and removes its database there). */
  readonly onClose?: () => Promise<void>;
}

export interface SendOptions {
  /** Keeps this transmission's entries, scenario progress, clock and messages apart (X-ACE-Session); default the filer code. */
  readonly session?: string;
  /** Answer with this scenario (X-ACE-Scenario). */
  readonly scenario?: string;
}

export interface ArmOptions {
  /** Whose next transactions take the scenario; default the filer's (or entry's) filer code. */
  readonly session?: string;
  /** For how many transactions; default 1. */
  readonly count?: number;
  /** Only this filer's transactions (a filer code, e.g. B76). */
  readonly filer?: string;
  /** Only this entry's transactions (B76-0324527-8 or B7603245278). */
  readonly entry?: string;
}

export interface SessionOptions {
  readonly session: string;
}

export interface NextMessageOptions extends SessionOptions {
  /** How long to wait for it (ms); default 5 000. */
  readonly timeout?: number;
}

/** The longest wait `GET /v1/messages` takes in one call (seconds). */
const MAX_WAIT_SECONDS = 60;
const DEFAULT_MESSAGE_TIMEOUT_MS = 5_000;

/**
 * ace-mock from a test: every call goes over its HTTP API, so the same client drives a mock started
 * in the test process (start()) and a shared one (connect(url)).
 */
export class AceMockClient {
  /** The server's base URL, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  private readonly adminHeaders: Readonly<Record<string, string>>;
  private readonly timeoutMs: number;
  private readonly onClose: (() => Promise<void>) | undefined;
  /** Per session, the sequence number of the last message nextMessage returned. */
  private readonly cursors = new Map<string, number>();

  constructor(url: string, options: ConnectOptions = {}) {
    this.url = url.replace(/\/+$/, '');
    this.adminHeaders = options.adminToken !== undefined ? { authorization: `Bearer ${options.adminToken}` } : {};
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.onClose = options.onClose;
  }

  /** Transmits a CATAIR batch (text or bytes, as a filer's software sends it) and returns the answer decoded. */
  async send(transmission: string | Uint8Array, options: SendOptions = {}): Promise<Answer> {
    const response = await request(this.url, '/v1/transmissions', {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        accept: 'application/json',
        ...(options.session !== undefined && { 'x-ace-session': options.session }),
        ...(options.scenario !== undefined && { 'x-ace-scenario': options.scenario }),
      },
      // fetch's types take bytes over a plain ArrayBuffer; a copy makes any Uint8Array (a Buffer too) one.
      body: typeof transmission === 'string' ? transmission : new Uint8Array(transmission),
      timeoutMs: this.timeoutMs,
    });
    return (await response.json()) as Answer;
  }

  /** Arms a loaded scenario (its `id`) for the next `count` transactions of a session, a filer or an entry. */
  async arm(scenario: string, options: ArmOptions = {}): Promise<Arming> {
    return this.postJson('/v1/admin/arm', { scenario, ...options }) as Promise<Arming>;
  }

  /** Forgets the session's entries, scenario progress, armed scenarios, scheduled work and messages; its clock goes back to real time. */
  async reset(session: string): Promise<void> {
    // Message numbers are never reused, so nextMessage's cursor stays valid across the reset.
    await request(this.url, `/v1/admin/sessions/${encodeURIComponent(session)}/reset`, { method: 'POST', headers: this.adminHeaders, timeoutMs: this.timeoutMs });
  }

  /** Moves the session's mock clock on by an ISO 8601 duration (`PT2H`, `P30D`, `P1Y2M`); what falls due meanwhile happens. */
  async advanceClock(duration: string, options: SessionOptions): Promise<SessionClock> {
    return this.postJson(`/v1/admin/sessions/${encodeURIComponent(options.session)}/clock`, { advance: duration }) as Promise<SessionClock>;
  }

  /** Sets the session's mock clock to a time (a Date, or ISO text with its offset: `2027-01-15T09:00:00Z`). */
  async setClock(time: Date | string, options: SessionOptions): Promise<SessionClock> {
    const set = time instanceof Date ? time.toISOString() : time;
    return this.postJson(`/v1/admin/sessions/${encodeURIComponent(options.session)}/clock`, { set }) as Promise<SessionClock>;
  }

  /** Reads the session's mock clock. */
  async clock(session: string): Promise<SessionClock> {
    const response = await request(this.url, `/v1/sessions/${encodeURIComponent(session)}/clock`, { timeoutMs: this.timeoutMs });
    return (await response.json()) as SessionClock;
  }

  /**
   * The session's next unsolicited message (UC, SO, PF statement, NR notice) after the last one this
   * client returned, waiting up to `timeout` ms for one to fall due. ace-mock holds the request open
   * until one does (a long poll), so waiting costs one call, not a loop. Throws naming the session and
   * when the next message is due by the session's clock, if one is scheduled.
   */
  async nextMessage(options: NextMessageOptions): Promise<Message> {
    const { session } = options;
    const timeout = options.timeout ?? DEFAULT_MESSAGE_TIMEOUT_MS;
    const after = this.cursors.get(session) ?? 0;
    const deadline = Date.now() + timeout;
    let nextDueAt: string | undefined;
    for (;;) {
      const waitSeconds = Math.min(MAX_WAIT_SECONDS, Math.max(0, deadline - Date.now()) / 1000);
      const query = new URLSearchParams({ session, after: String(after), wait: waitSeconds.toFixed(3) });
      const response = await request(this.url, `/v1/messages?${query}`, { timeoutMs: waitSeconds * 1000 + this.timeoutMs });
      const page = (await response.json()) as { messages: Message[]; nextDueAt?: string };
      const [message] = page.messages;
      if (message) {
        this.cursors.set(session, message.seq);
        return message;
      }
      nextDueAt = page.nextDueAt;
      if (Date.now() >= deadline) break;
    }
    const pending = nextDueAt
      ? `one is scheduled for ${nextDueAt} by the session's clock: move the clock on (advanceClock or setClock) to receive it`
      : 'none is scheduled: did the transmission go to this session, and did its scenario queue a message?';
    throw new AceMockRequestError(`no message for session "${session}" within ${timeout} ms (awaited the next one after seq ${after}); ${pending}`);
  }

  /**
   * The certification rehearsal report (GET /v1/certification/report): would CBP certify the filer's
   * traffic so far, per program, and what a plan still lacks. `wouldPass` is what a CI gate checks.
   */
  async certificationReport(query: CertificationQuery = {}): Promise<CertificationReport> {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    const response = await request(this.url, `/v1/certification/report?${params}`, { timeoutMs: this.timeoutMs });
    return (await response.json()) as CertificationReport;
  }

  /** The text of one of the sample transmissions the server ships (`ae-add-1-line.txt` …; GET /v1/samples lists them). */
  async sample(file: string): Promise<string> {
    const response = await request(this.url, `/v1/samples/${encodeURIComponent(file)}`, { timeoutMs: this.timeoutMs });
    return response.text();
  }

  /** Ends the client; for a mock from start(), stops it and removes its database. Safe to call twice. */
  async close(): Promise<void> {
    await this.onClose?.();
  }

  private async postJson(path: string, body: unknown): Promise<unknown> {
    const response = await request(this.url, path, {
      method: 'POST',
      headers: { ...this.adminHeaders, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      timeoutMs: this.timeoutMs,
    });
    return response.json();
  }
}

/** A client for an ace-mock that is already running (a shared instance, a container), e.g. connect('http://127.0.0.1:8080'). */
export function connect(url: string, options: Omit<ConnectOptions, 'onClose'> = {}): AceMockClient {
  return new AceMockClient(url, options);
}
