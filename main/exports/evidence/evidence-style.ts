/** The evidence pack's stylesheet (inlined: the file must open offline with nothing beside it). */
export const evidenceCss = `
:root{--ink:#1d2433;--muted:#5b6474;--rule:#d9dee7;--band:#f3f5f9;--accent:#2f5bd3;--good:#1f8a4c;--warn:#b7791f;--bad:#c53030}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
header,main,footer,.player{max-width:980px;margin:0 auto;padding:0 24px}
header{padding-top:28px;position:relative}.over{font-size:11px;letter-spacing:.1em;text-transform:uppercase;color:var(--accent);font-weight:600}
h1{margin:4px 0 2px;font-size:26px}.sub{color:var(--muted)}h2{font-size:17px;margin:26px 0 10px}
.score{position:absolute;right:24px;top:30px;font-size:30px;font-weight:700}.score.good{color:var(--good)}.score.warn{color:var(--warn)}.score.bad{color:var(--bad)}.score.na{color:var(--muted);font-size:18px}
.note{color:var(--muted);font-size:13px}.warnbox{background:#fdecec;color:var(--bad);padding:8px 12px;border-radius:6px;font-weight:600}
.player{position:sticky;top:0;background:#fff;padding-top:10px;padding-bottom:10px;border-bottom:1px solid var(--rule);z-index:1}audio{width:100%}
main{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:32px}main>section{min-width:0}main>.wide{grid-column:1/-1}@media(max-width:800px){main{grid-template-columns:minmax(0,1fr)}}
.meta{color:var(--muted);font-size:13px}.crits,.transcript{list-style:none;padding:0;margin:0}
.crit{border-bottom:1px solid var(--rule);padding:10px 0}.crit-head{display:flex;gap:10px;align-items:baseline}.q{flex:1;font-weight:500}.pts{color:var(--muted);font-size:12px;white-space:nowrap}
.badge{display:inline-block;min-width:48px;text-align:center;border-radius:10px;padding:1px 8px;font-size:12px;font-weight:700}
.badge.good{background:#e6f4ec;color:var(--good)}.badge.bad{background:#fdecec;color:var(--bad)}.badge.na{background:var(--band);color:var(--muted)}
.why{margin:4px 0;color:var(--muted);font-size:13px}.ovr{margin:4px 0;font-size:12px;color:var(--warn)}.badtext{color:var(--bad)}
.evs{display:flex;flex-direction:column;gap:4px}.ev{display:block;background:var(--band);border-left:3px solid var(--accent);padding:4px 8px;border-radius:4px;color:var(--ink);text-decoration:none;font-size:13px}
.ev:hover{background:#e8edf8}.ev-normalised{border-left-style:dashed}.ev-approximate{border-left:3px dashed #8f5500}.lvl{color:#8f5500;font-weight:600;font-size:12px}.support{color:#8f5500;font-size:12.5px;margin:4px 0}.ts{font-variant-numeric:tabular-nums;color:var(--accent);font-weight:600;text-decoration:none;margin-right:6px}
.seg{display:grid;grid-template-columns:52px 90px 1fr;gap:8px;padding:5px 6px;border-radius:4px}.seg.playing{background:#eef2fd}
.who{font-weight:600;font-size:13px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.seg.agent .who{color:var(--accent)}.txt{font-size:14px;overflow-wrap:anywhere}
footer{color:var(--muted);font-size:12px;padding:28px 24px}
table.egress{width:100%;border-collapse:collapse;font-size:12px;display:block;overflow-x:auto}
table.egress th,table.egress td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--border,#ddd);white-space:nowrap}
table.egress .n{text-align:right}
@media print{.player{display:none}}
`;
