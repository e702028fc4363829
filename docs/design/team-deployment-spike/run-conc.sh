#!/bin/bash
# The concurrency matrix: 3 instances x 1000 exchanges each on 20 hot entries in 2 sessions; one line per run.
cd /tmp/pgspike
one() {
  timeout ${T:-120} env "$@" EXCHANGES=${EXCHANGES:-1000} node conc-driver.mjs 2>&1 | node -e '
    let s=""; process.stdin.on("data",d=>s+=d).on("end",()=>{ const j=JSON.parse(s.slice(s.indexOf("{")));
    const pi=j.perInstance; const r=pi.reduce((a,x)=>a+x.retries,0); const st=Math.max(...pi.map(x=>x.worstEventLoopStallMs));
    console.log(`${(j.mode+" lock="+j.lock+(process.env.ORDER?"+"+process.env.ORDER:"")+" group="+j.group+(j.killAfterMs?" kill i1@"+j.killAfterMs+"ms":"")).padEnd(46)} answered ${String(j.answered).padStart(4)}  journaled ${String(j.journaled).padStart(4)}  notOnce ${j.answeredNotJournaledOnce}  gapEntries ${j.entriesWithGapsOrRepeats}  orphanHist ${j.historyRowsWithoutJournal}  retries ${String(r).padStart(3)}  ${String(j.totalPerSecond).padStart(5)}/s  worstStall ${st} ms  exits ${j.ended.map(e=>e.signal??e.code).join(",")}`); })'
}
one MODE=native LOCK=session GROUP=1
one MODE=native LOCK=session GROUP=8
one MODE=async LOCK=session CONCURRENCY=8 KILL_AFTER_MS=1000
one MODE=native LOCK=session GROUP=8 KILL_AFTER_MS=1000
