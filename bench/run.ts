// `npm run bench`: every benchmark, one after the other, each printing ratios measured in this run.
await import('./http-throughput.js');
await import('./scenario-matching.js');
