import { logActivity, withActivity } from '../activity/log';
import { chooseRole } from '../autotask/roles';
import {
  connectAutotaskFromInput,
  disconnectAny,
  getAnyConnection,
  testAnyConnection,
} from '../connection/current';
import { connectedPsa } from '../connection/psa';
import { scopeLabel } from '../connection/scope';
import { connect } from '../connection/service';
import { currentScope } from '../connection/store';
import { AppError } from '../errors';
import { matchToastText, savedMappingsText } from '../mapping/match';
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
import { isE2eMode } from '../platform/build-variants';
import { registerOnPremContentScript } from '../platform/content-scripts';
import {
  assertAutotaskAllowed,
  assertCanDisconnect,
  assertRosterEditable,
  connectInputUnderPolicy,
} from '../policy/guards';
import { applyPolicy } from '../policy/service';
import { discardUnsent, unsentByScope } from '../posting/held';
import { getOutbox } from '../posting/service';
import { clearChats } from '../session/chat-store';
import { getAutotaskNoteChoices, saveAutotaskNoteChoices } from '../settings/autotask-notes';
import { fetchTimeEntryLists } from '../settings/cw-lists';
import { applySettingsPatch } from '../settings/patch';
import { getSettings } from '../settings/store';
import { exportTeamSetup, importTeamSetup, previewTeamSetup } from '../team/service';
import { syncAutotaskPages } from './autotask-pages';
import { broadcast } from './broadcast';
import { releaseUnusedHosts } from './host-scope';
import { applyIdleSetting } from './idle';
import { forgetContexts } from './panel-handlers';

const ACTOR = 'admin (options page)';

/** The Autotask connector, or a clear refusal when the connection is ConnectWise (or none). */
async function connectedAutotask() {
  const c = await connectedPsa();
  if (c.connector.kind !== 'autotask')
    throw new AppError(
      'validation',
      'These choices are for an Autotask connection; FlowPilot is connected to ConnectWise.',
    );
  return c;
}

/** Handlers for messages from the options page. */
export const optionsHandlers: Handlers<'optionsToBg'> = {
  'connection/get': () => getAnyConnection(),
  'connection/connect': (input) =>
    withActivity(
      'connection/connect',
      ACTOR,
      async () => {
        try {
          const conn =
            input.psa === 'autotask'
              ? await (async () => {
                  await assertAutotaskAllowed();
                  return connectAutotaskFromInput(input, { e2eBuild: isE2eMode(import.meta.env.MODE) });
                })()
              : // Fields the administrator's policy sets are read-only on the page and the policy's here.
                await connect(await connectInputUnderPolicy(input));
          // After a successful connect of either PSA: the page scripts follow the new connection
          // (an Autotask connection has no on-prem ConnectWise origin, so that script goes).
          await registerOnPremContentScript(conn.psa === 'autotask' ? undefined : conn.grantedOrigin).catch(
            () => undefined,
          );
          await syncAutotaskPages();
          await broadcast({ type: 'connection/changed' });
          void getOutbox().drain(); // posts that waited for this connection go out now
          return conn;
        } finally {
          // The previous site after a change, or the host granted for a connection that failed.
          await releaseUnusedHosts();
        }
      },
      (r) =>
        r.ok
          ? r.value.psa === 'autotask'
            ? `Connected to Autotask as ${r.value.userName} (${r.value.serverLabel})`
            : `Connected to ${r.value.site} (${r.value.serverVersion})`
          : undefined,
    ),
  'connection/test': () =>
    withActivity(
      'connection/test',
      ACTOR,
      () => testAnyConnection(),
      (r) => (r.ok ? `Server version ${r.value.serverVersion}` : undefined),
    ),
  'connection/disconnect': ({ discardUnsent: discard }) =>
    withActivity('connection/disconnect', ACTOR, async () => {
      await assertCanDisconnect();
      const scope = await currentScope();
      if (discard && scope) await discardUnsent(scope, (id) => getOutbox().discard(id));
      const r = await disconnectAny();
      // Nothing of the customers stays behind: kept contexts and details (also in session storage).
      forgetContexts({ details: true });
      // After a successful disconnect of either PSA: no page script stays registered for it.
      await registerOnPremContentScript(undefined).catch(() => undefined);
      await syncAutotaskPages();
      await releaseUnusedHosts();
      await broadcast({ type: 'connection/changed' });
      return r;
    }),

  'outbox/unsent': async () => ({ groups: await unsentByScope(await currentScope()) }),
  'outbox/discardScope': ({ scope }) =>
    withActivity(
      'outbox/discard',
      ACTOR,
      async () => ({ discarded: await discardUnsent(scope, (id) => getOutbox().discard(id)) }),
      (r) => (r.ok ? `${r.value.discarded} unsent post(s) of ${scopeLabel(scope)} discarded` : undefined),
    ),

  'mapping/get': async () => ({
    technicians: await listTechnicians(),
    signedInTechnicianId: (await getSettings()).signedInTechnicianId,
  }),
  'mapping/members': async () => ({ members: await listMemberOptions() }),
  'mapping/autoMatch': () =>
    withActivity('mapping/autoMatch', ACTOR, autoMatchRoster, (r) =>
      r.ok ? matchToastText(r.value) : undefined,
    ),
  'mapping/save': ({ assignments }) =>
    withActivity(
      'mapping/save',
      ACTOR,
      async () => ({ technicians: await saveMappings(assignments) }),
      (r) => (r.ok ? savedMappingsText(assignments.length) : undefined),
    ),
  'mapping/signedIn': async ({ technicianId }) => {
    const s = await applySettingsPatch({ signedInTechnicianId: technicianId });
    await broadcast({ type: 'settings/changed' });
    return { signedInTechnicianId: s.signedInTechnicianId };
  },
  // A roster set by policy is the organization's: edits are refused with a message that says so.
  'technicians/add': async (input) => {
    await assertRosterEditable();
    return { technicians: await addTechnician(input) };
  },
  'technicians/update': async (input) => {
    await assertRosterEditable();
    return { technicians: await updateTechnician(input) };
  },
  'technicians/remove': async ({ id }) => {
    await assertRosterEditable();
    return { technicians: await removeTechnician(id) };
  },
  'technicians/importCsv': async ({ csv }) => {
    await assertRosterEditable();
    return importRosterCsv(csv);
  },

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
  'settings/autotaskNotes': async () => {
    const { connector, scope } = await connectedAutotask();
    const [options, choices] = await Promise.all([connector.noteOptions(), getAutotaskNoteChoices(scope)]);
    return { ...options, ...(choices ? { choices } : {}) };
  },
  'settings/autotaskRole': async () => {
    const { connector } = await connectedAutotask();
    const s = await getSettings();
    const tech = s.signedInTechnicianId
      ? (await listTechnicians()).find((t) => t.id === s.signedInTechnicianId)
      : undefined;
    if (!tech) return { source: 'nobody' as const };
    if (tech.memberId === undefined) return { technician: tech.name, source: 'unmapped' as const };
    const pick = chooseRole(await connector.timeEntryOptions(tech.memberId), s.workRoleId);
    return {
      technician: tech.name,
      ...(tech.memberName ? { resource: tech.memberName } : {}),
      ...(pick ? { role: pick.role, source: pick.source } : { source: 'none' as const }),
    };
  },
  'settings/autotaskNotesSave': (choices) =>
    withActivity('settings/autotaskNotes', ACTOR, async () => {
      const { connector, scope } = await connectedAutotask();
      return saveAutotaskNoteChoices(scope, choices, await connector.noteOptions());
    }),

  'team/export': ({ passphrase }) =>
    withActivity(
      'team/export',
      ACTOR,
      () => exportTeamSetup(passphrase),
      (r) => (r.ok ? `${r.value.technicians} technician(s) exported` : undefined),
    ),
  'team/preview': ({ text, passphrase }) => previewTeamSetup(text, passphrase),
  'team/import': ({ text, passphrase, applyAi }) =>
    withActivity(
      'team/import',
      ACTOR,
      async () => {
        try {
          const r = await importTeamSetup(text, passphrase, { applyAi });
          // The policy wins over the file: its roster, connection and locks are put back.
          if (await applyPolicy()) r.technicians = await listTechnicians();
          await registerOnPremContentScript(r.connection.grantedOrigin).catch(() => undefined);
          await broadcast({ type: 'connection/changed' });
          await broadcast({ type: 'settings/changed' });
          void getOutbox().drain();
          return r;
        } finally {
          await releaseUnusedHosts();
        }
      },
      (r) =>
        r.ok
          ? `Imported ${r.value.technicians.length} technician(s) for ${r.value.connection.site}${applyAi ? ', with the file’s AI settings' : ''}`
          : undefined,
    ),
};
