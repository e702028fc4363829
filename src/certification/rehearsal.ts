import { type Criteria, defaultCriteriaPath, loadCriteria } from './criteria.js';
import { defaultPlansDir, loadPlans, type Plan } from './plan.js';
import type { ReportQuery } from './query.js';
import { type CertificationReport, certificationReport } from './report.js';
import type { ReportSources } from './sources.js';

/** Where the criteria and plans come from: the given files, else the shipped ones under the schemas folder. */
export interface RehearsalFiles {
  readonly schemas: string;
  readonly criteria?: string;
  readonly plans?: string;
}

/** The certification rehearsal: CBP's criteria and the shipped plans, judged against this mock's journal. */
export class CertificationRehearsal {
  readonly criteria: Criteria;
  readonly plans: ReadonlyMap<string, Plan>;

  constructor(
    files: RehearsalFiles,
    private readonly sources: ReportSources,
  ) {
    this.criteria = loadCriteria(files.criteria ?? defaultCriteriaPath(files.schemas));
    this.plans = loadPlans(files.plans ?? defaultPlansDir(files.schemas));
  }

  report(query: ReportQuery): Promise<CertificationReport> {
    return certificationReport({ ...this.sources, criteria: this.criteria, plans: this.plans }, query);
  }
}
