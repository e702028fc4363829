/** MQ's PutDate (YYYYMMDD) and PutTime (HHMMSSTH, to the hundredth of a second), both GMT. */
interface MqDateTime {
  readonly date: string;
  readonly time: string;
}

export function toMqDateTime(at: Date): MqDateTime {
  const iso = at.toISOString(); // 2026-12-02T19:20:31.456Z
  return { date: iso.slice(0, 10).replace(/-/g, ''), time: iso.slice(11, 19).replace(/:/g, '') + iso.slice(20, 22) };
}

/** Undefined when either part is blank or malformed (a queue manager that set none). */
export function fromMqDateTime(date: string | null, time: string | null): Date | undefined {
  const d = /^(\d{4})(\d{2})(\d{2})$/.exec(date?.trim() ?? '');
  const t = /^(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(time?.trim() ?? '');
  if (!d || !t) return undefined;
  const [, year, month, day] = d.map(Number) as [number, number, number, number];
  const [, hours, minutes, seconds, hundredths] = t.map(Number) as [number, number, number, number, number];
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds, hundredths * 10));
}

/** A put time as a queue manager stamps it: now, to the hundredth of a second. */
export const mqPutTime = (now = Date.now()): Date => new Date(Math.floor(now / 10) * 10);
