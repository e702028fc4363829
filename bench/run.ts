import { httpThroughput } from './http-throughput.js';
import { journalSize } from './journal-size.js';
import { largeBatch } from './large-batch.js';
import { memoryOverExchanges } from './memory.js';
import { mqThroughput } from './mq-throughput.js';
import { scenarioMatching } from './scenario-matching.js';
import { stageCosts } from './stage-costs.js';
import { startTime } from './start-time.js';

// `npm run bench`: every benchmark, one after the other, each printing ratios measured in this run.
const http = await httpThroughput();
await stageCosts(http);
await mqThroughput(http.mockRps);
await scenarioMatching();
await memoryOverExchanges();
await largeBatch();
await journalSize();
await startTime();
