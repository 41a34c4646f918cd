import { logActivity, withActivity } from '../activity/log';
import { connect, disconnect, getConnection, testConnection } from '../connection/service';
import {
  addTechnician,
  autoMatchRoster,
  importRosterCsv,
  listMemberOptions,
  listTechnicians,
  removeTechnician,
  saveMappings,
  updateTechnician,
} from '../mapping/roster';
import type { Handlers } from '../messages/router';
import { registerOnPremContentScript } from '../platform/content-scripts';
import { clearChats } from '../session/chat-store';
import { fetchTimeEntryLists } from '../settings/cw-lists';
import { applySettingsPatch } from '../settings/patch';
import { getSettings } from '../settings/store';
import { exportTeamSetup, importTeamSetup } from '../team/service';
import { broadcast } from './broadcast';
import { applyIdleSetting } from './idle';

const ACTOR = 'admin (options page)';

/** Handlers for messages from the options page. */
export const optionsHandlers: Handlers<'optionsToBg'> = {
  'connection/get': () => getConnection(),
  'connection/connect': (input) =>
    withActivity(
      'connection/connect',
      ACTOR,
      async () => {
        const conn = await connect(input);
        await registerOnPremContentScript(conn.grantedOrigin).catch(() => undefined);
        await broadcast({ type: 'connection/changed' });
        return conn;
      },
      (r) => (r.ok ? `Connected to ${r.value.site} (${r.value.serverVersion})` : undefined),
    ),
  'connection/test': () =>
    withActivity('connection/test', ACTOR, testConnection, (r) =>
      r.ok ? `Server version ${r.value.serverVersion}` : undefined,
    ),
  'connection/disconnect': () =>
    withActivity('connection/disconnect', ACTOR, async () => {
      const r = await disconnect();
      await registerOnPremContentScript(undefined).catch(() => undefined);
      await broadcast({ type: 'connection/changed' });
      return r;
    }),

  'mapping/get': async () => ({
    technicians: await listTechnicians(),
    signedInTechnicianId: (await getSettings()).signedInTechnicianId,
  }),
  'mapping/members': async () => ({ members: await listMemberOptions() }),
  'mapping/autoMatch': () =>
    withActivity('mapping/autoMatch', ACTOR, autoMatchRoster, (r) =>
      r.ok ? `Matched ${r.value.matched} of ${r.value.total} technicians` : undefined,
    ),
  'mapping/save': ({ assignments }) =>
    withActivity(
      'mapping/save',
      ACTOR,
      async () => ({ technicians: await saveMappings(assignments) }),
      (r) => (r.ok ? `${assignments.length} mapping change(s) saved` : undefined),
    ),
  'mapping/signedIn': async ({ technicianId }) => {
    const s = await applySettingsPatch({ signedInTechnicianId: technicianId });
    await broadcast({ type: 'settings/changed' });
    return { signedInTechnicianId: s.signedInTechnicianId };
  },
  'technicians/add': async (input) => ({ technicians: await addTechnician(input) }),
  'technicians/update': async (input) => ({ technicians: await updateTechnician(input) }),
  'technicians/remove': async ({ id }) => ({ technicians: await removeTechnician(id) }),
  'technicians/importCsv': ({ csv }) => importRosterCsv(csv),

  'settings/get': () => getSettings(),
  'settings/save': async (patch) => {
    const before = await getSettings();
    const s = await applySettingsPatch(patch);
    // Names of what changed only: values can hold things like an AI endpoint the log need not repeat.
    const changed = (Object.keys(s) as (keyof typeof s)[]).filter(
      (k) => JSON.stringify(s[k]) !== JSON.stringify(before[k]),
    );
    await logActivity({
      kind: 'settings/save',
      actor: ACTOR,
      outcome: 'ok',
      detail: changed.length ? `Changed: ${changed.join(', ')}` : 'Saved without changes',
    });
    // Issue 13: "Keep assistant conversations" off deletes what was kept; the idle time is Chrome's
    // detection interval for away time.
    if (before.keepAssistantChats && !s.keepAssistantChats) await clearChats();
    if (before.idleAutoPauseMinutes !== s.idleAutoPauseMinutes) await applyIdleSetting();
    await broadcast({ type: 'settings/changed' });
    return s;
  },
  'settings/cwLists': () => fetchTimeEntryLists(),

  'team/export': ({ passphrase }) =>
    withActivity(
      'team/export',
      ACTOR,
      () => exportTeamSetup(passphrase),
      (r) => (r.ok ? `${r.value.technicians} technician(s) exported` : undefined),
    ),
  'team/import': ({ text, passphrase }) =>
    withActivity(
      'team/import',
      ACTOR,
      async () => {
        const r = await importTeamSetup(text, passphrase);
        await registerOnPremContentScript(r.connection.grantedOrigin).catch(() => undefined);
        await broadcast({ type: 'connection/changed' });
        await broadcast({ type: 'settings/changed' });
        return r;
      },
      (r) =>
        r.ok
          ? `Imported ${r.value.technicians.length} technician(s) for ${r.value.connection.site}`
          : undefined,
    ),
};
