import { createRequire } from 'node:module';
import { endianness } from 'node:os';

/**
 * ibmmq 2.1.9 has an MQPMO.Context field but never copies it into the MQPMO it hands to MQPUT and
 * MQPUT1 (lib/mqpmo.js _copyPMOtoBuf writes Options, the message handles, Action and PubLevel
 * only), so MQPMO_PASS_ALL_CONTEXT would reach MQ with Context = MQHO_NONE and fail with
 * MQRC_CONTEXT_HANDLE_ERROR (2097). This wraps that copy to write the handle too, and only when a
 * probe shows the library still leaves it out, so a fixed ibmmq makes it a no-op.
 */

/** The C layout: StrucId, Version, Options and Timeout (4 bytes each) come before Context (MQHOBJ, 32-bit). */
const CONTEXT_OFFSET = 16;

interface PmoModule {
  _newBuf(): Buffer;
  _copyPMOtoBuf(pmo: { Context: unknown }, buffer: Buffer): void;
  MQPMO: new () => { Context: unknown };
}

/** What ibmmq's MQObject carries: its hObj. */
const hObjOf = (context: unknown): number | undefined =>
  typeof context === 'object' && context !== null && '_hObj' in context && typeof context._hObj === 'number' ? context._hObj : undefined;

/** Patches the given ibmmq lib/mqpmo.js module (by default the installed one); true when it needed it. */
export function copyPmoContext(pmo: PmoModule = createRequire(import.meta.url)('ibmmq/lib/mqpmo.js') as PmoModule): boolean {
  const PROBE = 0x5eed;
  const probe = new pmo.MQPMO();
  probe.Context = { _hObj: PROBE };
  const buffer = pmo._newBuf();
  pmo._copyPMOtoBuf(probe, buffer);
  if (buffer.readInt32LE(CONTEXT_OFFSET) === PROBE || buffer.readInt32BE(CONTEXT_OFFSET) === PROBE) return false;
  const copy = pmo._copyPMOtoBuf.bind(pmo);
  pmo._copyPMOtoBuf = (jspmo, mqpmo) => {
    copy(jspmo, mqpmo);
    const hObj = hObjOf(jspmo.Context);
    // The structure is in the platform's byte order (MQENC_NATIVE), as ibmmq's own writes are.
    if (hObj === undefined) return;
    if (endianness() === 'LE') mqpmo.writeInt32LE(hObj, CONTEXT_OFFSET);
    else mqpmo.writeInt32BE(hObj, CONTEXT_OFFSET);
  };
  return true;
}
