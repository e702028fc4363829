import { RECORD_LENGTH } from './layout.js';

/** A framing problem found while cutting the input into records. */
export interface FramingProblem {
  /** X42 for a short last record, X40 for any other record that is not 80 characters. */
  readonly code: 'X40' | 'X42';
  /** 1-based record position in the transmission. */
  readonly position: number;
  /** 1-based column (the first missing or extra column). */
  readonly column: number;
}

export interface Framed {
  /** Every record, exactly 80 characters (short ones padded, long ones cut, so they can still be read). */
  readonly records: string[];
  readonly problems: FramingProblem[];
  readonly separated: boolean;
}

/**
 * Cuts a transmission into 80-character records. Records may be separated by LF or CRLF, or
 * concatenated with no separator (the usual MQ form). Strict mode reports every record that is not
 * exactly 80 characters, as CBP does; lenient mode right-pads short records and drops trailing
 * blanks past column 80, for hand-edited files.
 */
export function frameRecords(text: string, lenient: boolean): Framed {
  const separated = text.includes('\n');
  const raw = separated ? splitLines(text) : splitFixed(text);
  const records: string[] = [];
  const problems: FramingProblem[] = [];
  raw.forEach((line, i) => {
    const position = i + 1;
    let record = line;
    if (lenient && record.length > RECORD_LENGTH && record.slice(RECORD_LENGTH).trim() === '') {
      record = record.slice(0, RECORD_LENGTH);
    }
    if (record.length < RECORD_LENGTH) {
      if (!lenient) {
        const last = i === raw.length - 1;
        problems.push({ code: last ? 'X42' : 'X40', position, column: record.length + 1 });
      }
      record = record.padEnd(RECORD_LENGTH);
    } else if (record.length > RECORD_LENGTH) {
      problems.push({ code: 'X40', position, column: RECORD_LENGTH + 1 });
      record = record.slice(0, RECORD_LENGTH);
    }
    records.push(record);
  });
  return { records, problems, separated };
}

function splitLines(text: string): string[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  // One line terminator after the last record is normal; trailing empty lines are not records.
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function splitFixed(text: string): string[] {
  const records: string[] = [];
  for (let i = 0; i < text.length; i += RECORD_LENGTH) records.push(text.slice(i, i + RECORD_LENGTH));
  return records;
}
