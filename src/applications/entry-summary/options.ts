import { z } from 'zod';

/**
 * Choices where CBP's documents are silent, disagree, or where users want a stricter mock.
 * - `actionPolicy: cbp` follows the CATAIR: add and replace are interchangeable (an add of an entry
 *   on file replaces it, a replace of an unknown entry adds it). `strict` rejects an add of an entry
 *   on file (M01) and a replace of an unknown or deleted one (M02).
 * - `lineOrder: any` (default) follows ESF-71 note 1: line identifiers must be unique, their order
 *   is not enforced. `ascending` rejects identifiers that go down (M03, an ace-mock code) for teams
 *   that want their software held to the usual 1, 2, 3 numbering.
 * - `pscWindowDays`: a PSC is refused when the entry date is more than this many days before the
 *   PSC (B48: 269 days in the July 2026 error dictionary).
 * - `pscLiquidationMarginDays`: a PSC is refused when the liquidation date is this many days or
 *   fewer ahead (B51). The dictionary's B51 says 15 days or fewer; ESF-183 says "within 14 days of
 *   the filing". The default follows B51, the condition's own definition.
 * - `pscEntryTypeChange`: which entry type changes a PSC may make (B64); the text gives no list.
 *   `regime` (default): within the regime the goods were entered under (consumption 01 02 03 07 52,
 *   FTZ 06, warehouse 21, re-warehouse 22, TIB 23, withdrawal 31 32 34 38, DCMA 51), since ESF-183
 *   keeps what bears on admissibility out of a PSC's reach; `entry`: any change that keeps an entry
 *   (cargo release) behind the summary, refusing only changes to or from 31 32 34 38 51.
 * - `pgaNumbering`: PG-70 asks for PG00 substitution groups numbered 0001, 0002 … in turn, PG-13
 *   and PG-65 for PGA line numbers counting 001, 002 … per agency within a tariff line; the
 *   dictionary has no condition for either, so ace-mock answers its general PGA (PGA DATA
 *   REJECTED). `checked` (default) does so; `unchecked` leaves the numbers alone (a PG00 R naming
 *   no group is still PGA: it cannot be replaced).
 * - `portMatch`: what B10 compares between the 10 record's port of entry and the block's
 *   processing port. B&B-17..18 (B record positions 4-7) ask only for the same district (the first
 *   two digits), and let districts 10, 46 and 47 be mixed; the dictionary's B10 explanation says
 *   the entry port must equal the processing port. `district` (default) follows B&B-17..18, the
 *   field's own definition and the narrative ("ENTRY DIST NOT = PROCESSING DIST"); `port` follows the
 *   dictionary's explanation.
 * - `foreignExporter`: which lines 499 asks a Foreign Exporter (47 record, party type E) of.
 *   `case` (default) follows ESF-135 (a C cell, note 7), ESF-181 and ESF-241: a line that reports an
 *   AD/CVD case (53 record) in an entry type that allows one. `adcvd-type` also asks it of every
 *   line of an AD/CVD entry type (03, 07, 34, 38), as the dictionary's 499 explanation reads.
 * - `liquidationDays`: once a summary is paid, CBP schedules its liquidation; the statute's
 *   one-year limit runs from the entry date (19 U.S.C. 1504) and CBP's usual cycle sets it about 314
 *   days after the entry date, which the CATAIR does not state: ace-mock schedules it this many days
 *   after the entry date.
 */
export const EntrySummaryOptions = z
  .object({
    actionPolicy: z.enum(['cbp', 'strict']).default('cbp'),
    lineOrder: z.enum(['ascending', 'any']).default('any'),
    pscWindowDays: z.number().int().positive().default(269),
    pscLiquidationMarginDays: z.number().int().min(0).default(15),
    portMatch: z.enum(['district', 'port']).default('district'),
    pscEntryTypeChange: z.enum(['regime', 'entry']).default('regime'),
    pgaNumbering: z.enum(['checked', 'unchecked']).default('checked'),
    foreignExporter: z.enum(['case', 'adcvd-type']).default('case'),
    liquidationDays: z.number().int().min(1).default(314),
  })
  .strict();
export type EntrySummaryOptions = z.infer<typeof EntrySummaryOptions>;
