/** Why a body is not a CATAIR transmission at all (as opposed to a malformed one, which CBP answers). */
export interface NotCatair {
  readonly title: string;
  readonly detail: string;
}

const TEXT_BYTES_REQUIRED = 0.95;

/**
 * Tells apart input that is not a transmission at all (empty, binary, JSON or XML) from CATAIR, which
 * always gets a CATAIR answer however malformed. A few non-ASCII bytes are CATAIR with non-standard
 * data (X40); mostly non-text bytes are not CATAIR.
 */
export function sniffTransmission(bytes: Buffer): NotCatair | undefined {
  let text = 0;
  let nonBlank = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0) {
      return { title: 'Binary content', detail: `byte ${i + 1} is NUL: a CATAIR transmission is text, 80-character records of ASCII.` };
    }
    if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) text++;
    if (nonBlank < 0 && b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) nonBlank = i;
  }
  if (nonBlank < 0) {
    return {
      title: 'Empty transmission',
      detail: 'The body is empty or blank. Send a CATAIR batch: an A record, one or more B…Y blocks, then a Z record.',
    };
  }
  if (text / bytes.length < TEXT_BYTES_REQUIRED) {
    return { title: 'Binary content', detail: 'Most of the body is not text. A CATAIR transmission is 80-character ASCII records.' };
  }
  const first = String.fromCharCode(bytes[nonBlank] as number);
  if (first === '{' || first === '[' || first === '<') {
    return {
      title: 'Not a CATAIR transmission',
      detail: `The body starts with "${first}", like JSON or XML. ace-mock takes CATAIR fixed-width records (A…Z) as text/plain.`,
    };
  }
  return undefined;
}
