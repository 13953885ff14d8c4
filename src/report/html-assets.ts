// The inline stylesheet and script of the HTML report: kept apart so the report's CSP can hash them and the markup stays readable.

export const HTML_STYLE = `
:root { color-scheme: light dark; --fg: #1d1f23; --muted: #5f6672; --bg: #fff; --panel: #f4f5f7; --line: #d9dce1; --warn: #8a5a00; --warn-bg: #fff4d6; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e8eb; --muted: #9aa3ae; --bg: #15171a; --panel: #1f2226; --line: #33383e; --warn: #ffcf66; --warn-bg: #3a2f12; } }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 0; display: flex; gap: .5rem; align-items: baseline; flex-wrap: wrap; }
h3 { font-size: .95rem; margin: 1rem 0 .25rem; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
code, td.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: .5rem; margin: 1rem 0; padding: 0; }
.summary div { background: var(--panel); border-radius: 6px; padding: .5rem .75rem; }
.summary dt { color: var(--muted); font-size: .8rem; }
.summary dd { margin: 0; font-size: 1.1rem; font-weight: 600; }
.warning { background: var(--warn-bg); color: var(--warn); border-radius: 6px; padding: .6rem .8rem; font-weight: 600; }
.controls { position: sticky; top: 0; background: var(--bg); padding: .6rem 0; border-bottom: 1px solid var(--line); display: flex; gap: 1rem; flex-wrap: wrap; align-items: center; z-index: 1; }
.controls input[type=search] { flex: 1 1 16rem; padding: .35rem .5rem; font: inherit; }
.rule { border: 1px solid var(--line); border-radius: 8px; padding: .8rem 1rem; margin: 1rem 0; }
.refs { margin: .3rem 0 0; font-size: .85rem; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
/* fixed widths line the columns up across path groups */
th.col-where { width: 6rem; } th.col-severity { width: 6.5rem; } th.col-confidence { width: 8.5rem; } th.col-author { width: 16rem; } th.col-secret { width: 6rem; }
/* with --verify the verified column takes its room from the widest ones */
table.verifying th.col-where { width: 4.5rem; } table.verifying th.col-verified { width: 9rem; } table.verifying th.col-confidence { width: 7rem; } table.verifying th.col-author { width: 12rem; }
.filter-group { display: inline-flex; gap: .75rem; flex-wrap: wrap; }
td.ver-valid { color: #c62828; font-weight: 700; overflow-wrap: anywhere; } td.ver-valid .muted { font-weight: 400; }
td.ver-invalid, td.ver-unknown { overflow-wrap: anywhere; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: .8rem; }
.sev { display: inline-block; border-radius: 4px; padding: 0 .4rem; font-size: .8rem; font-weight: 700; color: #fff; text-transform: uppercase; }
.sev-critical { background: #8e24aa; } .sev-high { background: #c62828; } .sev-medium { background: #b26a00; } .sev-low { background: #1565c0; }
.secret { color: #c62828; font-weight: 700; }
`;

export const HTML_SCRIPT = `
(() => {
  const filter = document.getElementById('filter');
  if (!filter) return;
  const boxes = Array.from(document.querySelectorAll('input[data-severity]'));
  // absent unless some finding was verified: then every row passes this part of the filter
  const statuses = Array.from(document.querySelectorAll('input[data-verification]'));
  const rows = Array.from(document.querySelectorAll('tr.finding'));
  const shown = document.getElementById('shown');
  const apply = () => {
    const words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    const on = new Set(boxes.filter((box) => box.checked).map((box) => box.dataset.severity));
    const onStatus = new Set(statuses.filter((box) => box.checked).map((box) => box.dataset.verification));
    let count = 0;
    for (const row of rows) {
      const text = row.dataset.search;
      const status = statuses.length === 0 || onStatus.has(row.dataset.verification);
      row.hidden = !(on.has(row.dataset.severity) && status && words.every((word) => text.includes(word)));
      if (!row.hidden) count += 1;
    }
    for (const group of document.querySelectorAll('.path-group, .rule')) group.hidden = !group.querySelector('tr.finding:not([hidden])');
    shown.textContent = count + ' of ' + rows.length + ' shown';
  };
  filter.addEventListener('input', apply);
  for (const box of [...boxes, ...statuses]) box.addEventListener('change', apply);
  apply();
})();
`;
