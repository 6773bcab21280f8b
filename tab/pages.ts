// The HTML around the tab's bundle, and the local Teams host page for development. Colours
// come from Fluent's CSS variables (set by FluentProvider), so the page follows the theme.
import { DEMO_PEOPLE } from '../prisma/seed';

const TAB_CSS = `
html, body { margin: 0; }
body { font-family: "Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif; }
.page { max-width: 1100px; margin: 0 auto; padding: 16px 20px 48px; color: var(--colorNeutralForeground1); }
.page-header { margin-bottom: 12px; }
.plain-list { list-style: none; padding: 0; margin: 0; }
.plain-list > li { padding: 6px 0; border-bottom: 1px solid var(--colorNeutralStroke2); }
.row-item { display: flex; gap: 12px; align-items: center; justify-content: space-between; flex-wrap: wrap; }
.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; align-items: end; margin-bottom: 8px; }
.filters > * { min-width: 0; }
.filters .fui-Select, .filters .fui-Input { width: 100%; min-width: 0; max-width: 100%; box-sizing: border-box; }
.filters .fui-Select__select, .filters .fui-Input__input { min-width: 0; width: 100%; }
.status-badge { height: auto !important; min-height: 20px; white-space: normal; padding-block: 1px; text-align: left; }
.table-scroll { overflow-x: auto; background: var(--colorNeutralBackground1); border-radius: 4px; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 8px 16px; margin: 12px 0; }
.facts dt { font-size: 12px; color: var(--colorNeutralForeground2); }
.facts dd { margin: 0; font-weight: 600; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 12px; margin: 16px 0; }
.kpis > div { background: var(--colorNeutralBackground1); padding: 12px; border-radius: 4px; border: 1px solid var(--colorNeutralStroke2); }
.kpis p { margin: 4px 0 0; }
.chart { background: var(--colorNeutralBackground1); padding: 12px; border-radius: 4px; margin-bottom: 16px; border: 1px solid var(--colorNeutralStroke2); }
.bar-row { display: grid; grid-template-columns: minmax(90px, 180px) 1fr minmax(70px, auto); gap: 8px; align-items: center; padding: 3px 0; }
.bar-track { height: 14px; background: var(--colorNeutralBackground3); border-radius: 2px; overflow: hidden; }
.bar { display: block; height: 100%; }
.bar-value { text-align: right; font-variant-numeric: tabular-nums; }
.views { display: flex; gap: 4px; flex-wrap: wrap; border-bottom: 1px solid var(--colorNeutralStroke2); padding-bottom: 6px; }
.table-scroll:focus-visible { outline: 2px solid var(--colorStrokeFocus2); }
.table-scroll > table { min-width: 640px; }
.table-scroll .fui-TableCell { overflow-wrap: anywhere; }
.ac-host { border: 1px solid var(--colorNeutralStroke2); border-radius: 4px; overflow: hidden; }
.muted { color: var(--colorNeutralForeground3); }
.admin-form { display: flex; flex-direction: column; gap: 12px; background: var(--colorNeutralBackground1); border: 1px solid var(--colorNeutralStroke2); border-radius: 4px; padding: 16px; margin: 12px 0; }
.form-title { font-size: 16px; font-weight: 600; margin: 8px 0 0; }
.form-row { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 12px; }
.form-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; align-items: start; }
.form-grid.wide { grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); }
.form-grid > *, .form-row > * { min-width: 0; }
.admin-form .fui-Select, .admin-form .fui-Input, .admin-form .fui-Select__select, .admin-form .fui-Input__input { min-width: 0; max-width: 100%; }
.admin-form .fui-Select__select { width: 100%; text-overflow: ellipsis; }
.form-actions, .cell-actions, .filter-buttons { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
.checks { display: flex; flex-wrap: wrap; gap: 0 12px; }
fieldset { border: 1px solid var(--colorNeutralStroke2); border-radius: 4px; padding: 8px 12px 12px; margin: 0; min-width: 0; }
legend { font-weight: 600; padding: 0 4px; }
.roles { display: flex; flex-direction: column; gap: 8px; }
.role-row { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) auto; gap: 8px; align-items: end; }
.date-set { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(0, 2fr); gap: 8px; }
.area { display: flex; flex-direction: column; gap: 8px; margin-top: 8px; }
.hours { display: grid; grid-template-columns: repeat(auto-fill, minmax(96px, 1fr)); gap: 8px; }
.error-list { margin: 4px 0 0; padding-left: 20px; }
.field-error, .error-text { color: var(--colorPaletteRedForeground1); font-weight: 600; }
.ok-text { color: var(--colorPaletteGreenForeground1); font-weight: 600; }
.cell-errors { margin: 0; padding-left: 16px; color: var(--colorPaletteRedForeground1); }
.example { background: var(--colorNeutralBackground1); border: 1px solid var(--colorNeutralStroke2); padding: 8px; overflow-x: auto; font-size: 12px; white-space: pre; }
.file-pick { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin: 8px 0; }
.check-group.has-error { border-color: var(--colorPaletteRedBorder2); }
.check-group .field-error { font-weight: normal; font-size: 12px; margin: 6px 0 0; }
.roles > .fui-Button, .area > .fui-Button { align-self: flex-start; }
.sample .kpis { grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); }
.sample { margin-top: 8px; }
.kpi { font-size: 20px; font-weight: 600; margin: 4px 0; }
.notice { padding: 8px; border-left: 4px solid var(--colorBrandStroke1); background: var(--colorNeutralBackground1); margin: 8px 0; }
@media (max-width: 520px) { .page { padding: 12px 10px 40px; } .filters { grid-template-columns: 1fr 1fr; } .role-row { grid-template-columns: 1fr; } .date-set { grid-template-columns: 1fr 1fr; } .date-set > :last-child { grid-column: 1 / -1; } .admin-form { padding: 10px; } }
`;

function tabHtml(script: string, title: string): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${TAB_CSS}</style>
</head>
<body>
<div id="root"></div>
<script type="module" src="${script}"></script>
</body>
</html>`;
}

export const TAB_PAGE = tabHtml('/tab/app.js', 'Ärenden – Tilläggsbot');
export const CONFIG_PAGE = tabHtml('/tab/config.js', 'Inställningar – Tilläggsbot');

// Teams' own domains may frame the tab; so may the server itself (the local host page).
export const TAB_CSP = "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.cloud.microsoft https://*.office.com https://*.microsoft365.com https://*.cloud.microsoft";

/**
 * A stand-in for Teams in local development: embeds the tab and answers the host side of
 * teams-js over postMessage (initialize, context with theme, SSO token, links), with tokens the
 * server signs with its development key for the chosen demo person, or for a new user (an e-mail
 * address the database has not seen, as after an administrator registered it).
 */
export function devHostHtml(): string {
  const people = DEMO_PEOPLE.map((p) => ({ role: p.role, name: p.displayName }));
  const roleWords: Record<string, string> = { principal: 'rektor', handler: 'handläggare', head: 'chef för Elevhälsan', admin: 'administratör' };
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lokal Teams-värd – Tilläggsbot</title>
<style>
body { margin: 0; font-family: "Segoe UI", sans-serif; background: #ebebeb; color: #242424; }
header { display: flex; flex-wrap: wrap; gap: 16px; align-items: end; padding: 10px 16px; background: #464775; color: #fff; }
header h1 { font-size: 16px; margin: 0 16px 0 0; align-self: center; }
label { display: flex; flex-direction: column; font-size: 12px; gap: 2px; }
select, input { font: inherit; font-size: 14px; padding: 3px; }
body:not(.as-new) .new-user { display: none; }
#frame-wrap { display: flex; justify-content: center; padding: 12px; }
iframe { border: 0; width: 100%; height: calc(100vh - 120px); background: #fff; box-shadow: 0 0 4px rgba(0,0,0,.2); }
iframe.mobile { width: 390px; }
#links { padding: 0 16px 8px; font-size: 13px; }
</style>
</head>
<body>
<header>
  <h1>Lokal Teams-värd</h1>
  <label>Person<select id="person">${people.map((p) => `<option value="${p.role}">${p.name} (${roleWords[p.role] ?? p.role})</option>`).join('')}<option value="new">Ny användare …</option></select></label>
  <label class="new-user">E-post (ny användare)<input id="email" type="email" placeholder="namn@nora.se"></label>
  <label class="new-user">Namn (ny användare)<input id="name" placeholder="Förnamn Efternamn"></label>
  <label>Tema<select id="theme"><option value="default">Ljust</option><option value="dark">Mörkt</option><option value="contrast">Hög kontrast</option></select></label>
  <label>Bredd<select id="width"><option value="laptop">Dator</option><option value="mobile">Mobil</option></select></label>
  <label>Flik<select id="context"><option value="personal">Personlig flik</option><option value="channel">Kanalflik (Elevhälsan)</option></select></label>
</header>
<div id="links" role="status" aria-live="polite"></div>
<div id="frame-wrap"><iframe id="tab" title="Fliken Ärenden"></iframe></div>
<script>
const params = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);
for (const key of ['person', 'theme', 'width', 'context', 'email', 'name']) {
  if (params.get(key)) $(key).value = params.get(key);
  $(key).addEventListener('change', () => {
    params.set(key, $(key).value);
    location.search = params.toString();
  });
}
document.body.classList.toggle('as-new', $('person').value === 'new');
const frame = $('tab');
frame.className = $('width').value === 'mobile' ? 'mobile' : '';
const extra = new URLSearchParams([...params].filter(([k]) => k === 'view' || k === 'case'));
frame.src = '/tab' + (extra.toString() ? '?' + extra : '');
const runtime = { apiVersion: 4, isLegacyTeams: false, supports: { appEntity: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teamsCore: {}, dialog: { card: {}, url: {} } } };
async function token() {
  const who = new URLSearchParams({ person: $('person').value, ...($('person').value === 'new' ? { email: $('email').value, name: $('name').value } : {}) });
  const res = await fetch('/dev/teams-host/token?' + who);
  if (!res.ok) throw new Error('no token');
  return (await res.json()).token;
}
const context = () => ({
  locale: 'sv-se', theme: $('theme').value, entityId: $('context').value === 'channel' ? 'elevhalsan-arenden' : 'arenden',
  hostClientType: $('width').value === 'mobile' ? 'android' : 'web', frameContext: 'content', appSessionId: 'local',
  userObjectId: 'local', tid: 'local', ...( $('context').value === 'channel' ? { teamId: '19:elevhalsan', channelId: '19:elevhalsan', teamName: 'Elevhälsan', channelName: 'Allmänt' } : {}),
  hostName: 'Teams',
});
window.addEventListener('message', async (event) => {
  if (event.source !== frame.contentWindow || event.origin !== location.origin) return;
  const msg = event.data;
  if (!msg || typeof msg.func !== 'string') return;
  const reply = (args) => frame.contentWindow.postMessage({ id: msg.id, uuidAsString: msg.uuidAsString, args }, location.origin);
  switch (msg.func) {
    case 'initialize': return reply([$('context').value === 'channel' ? 'content' : 'content', context().hostClientType, JSON.stringify(runtime), '2.58.0']);
    case 'getContext': return reply([context()]);
    case 'authentication.getAuthToken':
      try { return reply([true, await token()]); } catch { return reply([false, 'Ingen token']); }
    case 'executeDeepLink': {
      const a = document.createElement('a');
      a.href = msg.args[0]; a.textContent = msg.args[0]; a.target = '_blank'; a.rel = 'noopener';
      $('links').replaceChildren('I Teams öppnas nu: ', a);
      return reply([true]);
    }
    default: return reply([true]);
  }
});
</script>
</body>
</html>`;
}
