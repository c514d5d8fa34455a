/** The site's one stylesheet, served from our own origin (no CDN, no web fonts). */
export const STYLESHEET = `
:root {
  color-scheme: light dark;
  --bg: #f7f7f5; --surface: #ffffff; --text: #1b1d21; --muted: #555b66; --border: #d5d8de;
  --accent: #0b57d0; --accent-text: #ffffff; --danger: #b3261e; --ok: #146c2e; --focus: #b45309;
  --radius: 10px; --space: 1rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #121316; --surface: #1c1e22; --text: #eceef2; --muted: #b4b9c3; --border: #3a3e46;
    --accent: #8ab4f8; --accent-text: #0b1a33; --danger: #f2b8b5; --ok: #8fd19e; --focus: #fbbf24; }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); line-height: 1.6; font-size: 1.0625rem; }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 4px;
}
.skip-link { position: absolute; left: -9999px; top: 0; background: var(--surface); padding: .5rem 1rem; z-index: 10; }
.skip-link:focus { left: 1rem; top: 1rem; }
.site-header { background: var(--surface); border-bottom: 1px solid var(--border); }
.site-header .bar { max-width: 64rem; margin: 0 auto; padding: .75rem var(--space); display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; }
.brand { font-weight: 700; font-size: 1.2rem; color: var(--text); text-decoration: none; margin-right: auto; }
.site-nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.site-nav a[aria-current="page"] { font-weight: 700; }
main { max-width: 64rem; margin: 0 auto; padding: 1.5rem var(--space) 3rem; }
.card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 1.25rem; margin: 1rem 0; }
.card > :first-child { margin-top: 0; }
.card > :last-child { margin-bottom: 0; }
h1 { font-size: clamp(1.6rem, 4vw, 2.2rem); line-height: 1.2; margin: .5rem 0 1rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; }
.muted { color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: var(--surface); }
th, td { text-align: left; vertical-align: top; padding: .6rem .75rem; border-bottom: 1px solid var(--border); }
th { font-weight: 600; }
caption { text-align: left; color: var(--muted); padding-bottom: .5rem; }
form { display: grid; gap: .9rem; max-width: 32rem; }
label { font-weight: 600; display: grid; gap: .3rem; }
input, textarea, select { font: inherit; color: var(--text); background: var(--bg); border: 1px solid var(--border); border-radius: 8px; padding: .6rem .7rem; width: 100%; }
textarea { min-height: 8rem; }
button, .button { font: inherit; font-weight: 600; cursor: pointer; background: var(--accent); color: var(--accent-text); border: 0; border-radius: 8px; padding: .65rem 1.1rem; text-decoration: none; display: inline-block; }
button.secondary { background: transparent; color: var(--accent); border: 1px solid var(--border); }
button.danger { background: var(--danger); color: var(--surface); }
button:disabled { opacity: .5; cursor: not-allowed; }
.plans { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0 1rem; }
.notice { border-left: 4px solid var(--accent); padding: .75rem 1rem; background: var(--surface); border-radius: 6px; }
.notice.error { border-color: var(--danger); }
.notice.ok { border-color: var(--ok); }
.error-text { color: var(--danger); }
label.inline { display: flex; gap: .5rem; align-items: center; font-weight: 400; }
label.inline input { width: auto; }
form.inline { display: inline-block; margin: .25rem 0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .95em; overflow-wrap: anywhere; }
.mail-body { white-space: pre-wrap; overflow-wrap: anywhere; }
.staff-nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.staff-nav a[aria-current="page"] { font-weight: 700; }
fieldset { border: 1px solid var(--border); border-radius: 8px; display: grid; gap: .5rem; }
dl.card { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.card dd { margin: 0; }
.site-footer { border-top: 1px solid var(--border); color: var(--muted); }
.site-footer .bar { max-width: 64rem; margin: 0 auto; padding: 1rem var(--space); display: flex; flex-wrap: wrap; gap: 1rem; }
@media (max-width: 40rem) { body { font-size: 1rem; } .site-header .bar { padding: .6rem .75rem; } }
`;
