// Closed and resolved service tickets with real Resolution notes (issue 13, "What fixed it last time"):
// near-duplicates of the open special tickets across companies, so the panel's "Similar resolved
// tickets" shows real matches. Ids RESOLVED_TICKET_RANGE; added after every other seeded ticket, so no
// other record's id, date or random draw changes. No time entries (project time-entry ids follow the
// service ones).
import { cwDate, DAY, HOUR } from './dates.ts';
import { RESOLVED_TICKET_RANGE, SEED_NOW } from './seed-constants.ts';
import type { TicketFactory } from './seed-tickets.ts';
import type { SandboxState } from './types.ts';

type TypeName = 'Incident' | 'Service Request' | 'Problem';
const TYPES: Record<TypeName, { id: number; name: TypeName }> = {
  Incident: { id: 1, name: 'Incident' },
  'Service Request': { id: 2, name: 'Service Request' },
  Problem: { id: 3, name: 'Problem' },
};

interface ResolvedSpec {
  summary: string;
  companyId: number;
  /** Help Desk "Closed" (closedFlag) or "Resolved" (not closed on this board). */
  status: 'Closed' | 'Resolved';
  type: TypeName;
  ownerId: number;
  /** Days before SEED_NOW the ticket was entered; it was resolved `hours` later. */
  ageDays: number;
  hours: number;
  description: string;
  resolution: string;
}

const CONTOSO = 250;
const NORTHWIND = 251;
const FABRIKAM = 252;
const ADVENTURE = 253;
const TAILSPIN = 254;
const WOODGROVE = 255;
const LITWARE = 256;
const PROSEWARE = 257;

/** In id order from RESOLVED_TICKET_RANGE.first. Tests name them by summary through resolvedTicketId. */
export const RESOLVED_SPECS: readonly ResolvedSpec[] = [
  {
    summary: 'Outlook not syncing on laptop after Windows update',
    companyId: CONTOSO,
    status: 'Closed',
    type: 'Incident',
    ownerId: 101,
    ageDays: 40,
    hours: 5,
    description: 'Since the update last night Outlook shows "Disconnected" and no new mail arrives.',
    resolution:
      'The OST file was corrupted by the update.\nClosed Outlook, renamed the .ost in %LOCALAPPDATA%\\Microsoft\\Outlook and let Outlook rebuild it from Exchange Online.\nMail was in sync within 20 minutes; user confirmed.',
  },
  {
    summary: 'Outlook stuck on "Updating inbox" - not syncing',
    companyId: CONTOSO,
    status: 'Closed',
    type: 'Incident',
    ownerId: 103,
    ageDays: 95,
    hours: 26,
    description: 'Outlook says Updating Inbox all day, new messages only show up in webmail.',
    resolution:
      'The mailbox had outgrown the OST (48 GB, Cached Exchange Mode keeping everything).\nSet "Download email for the past" to 1 year, compacted the OST and moved 2019-2021 mail to the online archive.\nOutlook caught up in about an hour.',
  },
  {
    summary: 'Outlook keeps asking for password',
    companyId: CONTOSO,
    status: 'Closed',
    type: 'Incident',
    ownerId: 102,
    ageDays: 20,
    hours: 2,
    description: 'After changing her password Outlook keeps popping up the sign-in window.',
    resolution:
      'Stale credentials in Windows Credential Manager after the M365 password change.\nRemoved every MicrosoftOffice16 entry, signed in to Office again with the new password.\nNo more prompts after a restart.',
  },
  {
    summary: 'Outlook not syncing on laptop',
    companyId: NORTHWIND,
    status: 'Closed',
    type: 'Incident',
    ownerId: 104,
    ageDays: 12,
    hours: 4,
    description: 'My laptop Outlook stopped getting mail when I am working from home.',
    resolution:
      'The new VPN client tunnelled all traffic and blocked outlook.office365.com.\nAdded the Microsoft 365 endpoints to the split-tunnel list in the VPN profile.\nOutlook reconnected at once, also on the VPN.',
  },
  {
    summary: 'Outlook sync error 0x8004010F',
    companyId: FABRIKAM,
    status: 'Closed',
    type: 'Problem',
    ownerId: 105,
    ageDays: 60,
    hours: 8,
    description: 'Send/Receive fails with 0x8004010F, "an object cannot be found".',
    resolution:
      'The offline address book download was broken.\nDeleted the Offline Address Books folder, created a new Outlook profile and ran Download Address Book.\nSend/Receive completes without errors.',
  },
  {
    summary: 'Shared mailbox not syncing in Outlook',
    companyId: TAILSPIN,
    status: 'Closed',
    type: 'Incident',
    ownerId: 106,
    ageDays: 30,
    hours: 6,
    description: 'The orders@ shared mailbox has not updated in Outlook since Tuesday.',
    resolution:
      'The shared mailbox was auto-mapped twice (permission granted to the user and to a group).\nRemoved the FullAccess permission, re-added it with AutoMapping off and added the mailbox as a second account.\nIt syncs on its own now.',
  },
  {
    summary: 'OneDrive not syncing - red X on files',
    companyId: CONTOSO,
    status: 'Closed',
    type: 'Incident',
    ownerId: 101,
    ageDays: 15,
    hours: 3,
    description: 'Lots of red crosses in OneDrive, changes are not uploaded.',
    resolution:
      'Paths were longer than 400 characters after a folder was moved into Projects.\nShortened the folder names and reset OneDrive (onedrive.exe /reset).\nAll files synced.',
  },
  {
    summary: "Can't print from Excel - spooler crashes",
    companyId: TAILSPIN,
    status: 'Closed',
    type: 'Incident',
    ownerId: 103,
    ageDays: 50,
    hours: 3,
    description: 'Printing the monthly report from Excel hangs, then nothing prints at all.',
    resolution:
      'The Print Spooler crashed on a corrupt HP Universal PCL6 driver.\nRemoved the driver package with printui /s, installed the model-specific PCL6 driver and restarted the spooler.\nThe report prints; spooler stable for a week.',
  },
  {
    summary: 'Printer offline on 2nd floor after network change',
    companyId: ADVENTURE,
    status: 'Closed',
    type: 'Incident',
    ownerId: 110,
    ageDays: 70,
    hours: 2,
    description: 'The 2nd floor printer shows Offline for everyone since the switch was replaced.',
    resolution:
      'The printer got a new DHCP address after the switch change; the port still pointed at the old IP.\nReserved the address in DHCP and updated the TCP/IP port on the print server.\nOnline for all users.',
  },
  {
    summary: 'Print jobs stuck in queue',
    companyId: TAILSPIN,
    status: 'Resolved',
    type: 'Incident',
    ownerId: 104,
    ageDays: 8,
    hours: 1,
    description: 'Nothing prints, the queue shows 14 jobs waiting.',
    resolution:
      'Stopped the spooler, cleared C:\\Windows\\System32\\spool\\PRINTERS and started it again.\nThe first job was a 900-page PDF; asked the user to print it in parts.',
  },
  {
    summary: "VPN won't connect - error 809",
    companyId: LITWARE,
    status: 'Closed',
    type: 'Incident',
    ownerId: 102,
    ageDays: 45,
    hours: 2,
    description: 'Travelling this week, VPN fails with error 809 from the hotel.',
    resolution:
      'The hotel Wi-Fi blocked IPsec (UDP 500/4500).\nSwitched the user to the SSL VPN profile on TCP 443.\nConnected from the hotel and from a phone hotspot.',
  },
  {
    summary: 'VPN connects but no access to file server',
    companyId: CONTOSO,
    status: 'Closed',
    type: 'Incident',
    ownerId: 105,
    ageDays: 85,
    hours: 4,
    description: 'VPN says connected but S: drive and the intranet do not open.',
    resolution:
      'The home router used the same 192.168.1.0/24 range as the office.\nMoved the VPN clients to a routed 10.20.0.0/24 pool and pushed the office routes.\nFile server reachable over VPN.',
  },
  {
    summary: 'FortiClient VPN disconnects every 10 minutes',
    companyId: WOODGROVE,
    status: 'Closed',
    type: 'Problem',
    ownerId: 106,
    ageDays: 110,
    hours: 30,
    description: 'VPN drops roughly every 10 minutes and reconnects.',
    resolution:
      'DPD timeout on the FortiGate was 10 s while the user was on a lossy LTE link.\nRaised dpd-retryinterval to 60 and updated FortiClient to 7.2.\nStable for a full day of calls.',
  },
  {
    summary: 'Account locked out every morning',
    companyId: ADVENTURE,
    status: 'Closed',
    type: 'Incident',
    ownerId: 101,
    ageDays: 33,
    hours: 5,
    description: 'My account is locked when I come in every day.',
    resolution:
      'The old password was still saved in the mail app on the user’s iPhone, which retried all night.\nRemoved and re-added the account on the phone.\nNo lockouts in the event log since.',
  },
  {
    summary: 'User account locked out after password change',
    companyId: CONTOSO,
    status: 'Closed',
    type: 'Incident',
    ownerId: 103,
    ageDays: 140,
    hours: 1,
    description: 'Changed my password on Friday, locked out Monday.',
    resolution:
      'A mapped drive on the laptop used saved credentials with the old password.\nCleared the saved credentials and re-mapped the drive, unlocked the account.',
  },
  {
    summary: 'Teams calls dropping after 10 minutes',
    companyId: LITWARE,
    status: 'Closed',
    type: 'Incident',
    ownerId: 104,
    ageDays: 55,
    hours: 24,
    description: 'Every Teams call drops after about ten minutes.',
    resolution:
      'USB selective suspend powered down the Jabra headset.\nTurned off USB selective suspend in the power plan and updated the headset firmware.\nTwo one-hour calls without a drop.',
  },
  {
    summary: 'Teams meeting audio choppy',
    companyId: NORTHWIND,
    status: 'Resolved',
    type: 'Incident',
    ownerId: 105,
    ageDays: 25,
    hours: 3,
    description: 'People say I sound robotic in Teams meetings.',
    resolution:
      'The Wi-Fi adapter roamed between two access points every few minutes.\nSet roaming aggressiveness to Lowest and updated the Intel Wi-Fi driver.\nAudio clean in the next meeting.',
  },
  {
    summary: 'FS01 CPU at 100% - backup agent',
    companyId: PROSEWARE,
    status: 'Closed',
    type: 'Problem',
    ownerId: 103,
    ageDays: 65,
    hours: 6,
    description: 'FS01 is pinned at 100% CPU, users cannot open files.',
    resolution:
      'The Veeam agent’s indexing job was stuck and using every core.\nRestarted the Veeam service, moved the job to 23:00 and excluded the scanner share from indexing.\nCPU back under 20%.',
  },
  {
    summary: 'Server CPU high - Windows Defender scanning',
    companyId: FABRIKAM,
    status: 'Closed',
    type: 'Problem',
    ownerId: 106,
    ageDays: 100,
    hours: 5,
    description: 'The app server is slow every day around noon, CPU at 100%.',
    resolution:
      'The Defender quick scan was scheduled at 12:00 and scanned the SQL data folder.\nMoved the scan to 02:00 and excluded the database files as Microsoft recommends.',
  },
  {
    summary: 'Laptop running very slow after update',
    companyId: CONTOSO,
    status: 'Closed',
    type: 'Incident',
    ownerId: 102,
    ageDays: 18,
    hours: 4,
    description: 'Takes 10 minutes to start and everything is slow.',
    resolution:
      'The disk was at 100% from a stuck Windows Search index.\nRebuilt the search index and freed 40 GB of old update files with Disk Cleanup.\nBoots in under a minute.',
  },
  {
    summary: 'MFA prompt not arriving on new phone',
    companyId: NORTHWIND,
    status: 'Closed',
    type: 'Service Request',
    ownerId: 110,
    ageDays: 28,
    hours: 1,
    description: 'Got a new phone, the Authenticator does not get the sign-in prompts.',
    resolution:
      'The old phone was still the default MFA method.\nRequired re-registration in Entra ID, the user added the new phone in Authenticator and removed the old one.',
  },
  {
    summary: "QuickBooks can't open company file - H202 error",
    companyId: PROSEWARE,
    status: 'Closed',
    type: 'Incident',
    ownerId: 101,
    ageDays: 75,
    hours: 2,
    description: 'QuickBooks says H202 when opening the company file in multi-user mode.',
    resolution:
      'The QuickBooks Database Server Manager service had stopped on FS01 after patching.\nStarted it, set it to Automatic (Delayed) and re-scanned the company file folder.\nMulti-user mode works for all four users.',
  },
  {
    summary: 'Mapped drives missing after restart',
    companyId: WOODGROVE,
    status: 'Closed',
    type: 'Incident',
    ownerId: 105,
    ageDays: 38,
    hours: 3,
    description: 'S: and P: are gone after every reboot.',
    resolution:
      'The drive-map GPO ran before the Wi-Fi was up (slow link).\nEnabled "Always wait for the network at computer startup and logon" and set the maps to Update.\nDrives present after three restarts.',
  },
  {
    summary: 'Wi-Fi drops in conference room',
    companyId: ADVENTURE,
    status: 'Closed',
    type: 'Incident',
    ownerId: 104,
    ageDays: 90,
    hours: 48,
    description: 'Laptops lose Wi-Fi in the big conference room during meetings.',
    resolution:
      'The conference room access point shared channel 6 with the neighbour’s network.\nMoved it to 5 GHz channel 44 and lowered 2.4 GHz power.\nNo drops during the Thursday all-hands.',
  },
  {
    summary: 'Emails to vendor bouncing - 550 5.7.1',
    companyId: FABRIKAM,
    status: 'Closed',
    type: 'Incident',
    ownerId: 102,
    ageDays: 22,
    hours: 5,
    description: 'Mail to our supplier bounces with 550 5.7.1.',
    resolution:
      'Our SPF record did not include the new invoicing service, so the vendor rejected the mail.\nAdded include:spf.invoicing.example to the SPF record.\nTest messages delivered.',
  },
  {
    summary: 'Disk space low on FS01',
    companyId: PROSEWARE,
    status: 'Closed',
    type: 'Problem',
    ownerId: 106,
    ageDays: 120,
    hours: 4,
    description: 'Monitoring alert: C: on FS01 below 5% free.',
    resolution:
      'The WSUS content folder had grown to 180 GB.\nRan the WSUS cleanup wizard and moved the content folder to D:.\nC: at 62% free.',
  },
  {
    summary: 'Backup job failed on file server',
    companyId: NORTHWIND,
    status: 'Closed',
    type: 'Problem',
    ownerId: 103,
    ageDays: 48,
    hours: 10,
    description: 'Nightly backup of the file server failed three nights in a row.',
    resolution:
      'VSS writer timed out because the shadow copy storage was full.\nIncreased the shadow storage limit to 15% and re-registered the VSS writers.\nBackup succeeded the next night.',
  },
  {
    summary: 'Docking station not detecting monitors',
    companyId: LITWARE,
    status: 'Closed',
    type: 'Incident',
    ownerId: 110,
    ageDays: 35,
    hours: 2,
    description: 'Plugging the laptop into the dock gives no picture on either monitor.',
    resolution:
      'Dell WD19 firmware and the laptop’s Thunderbolt driver were out of date.\nUpdated both with Dell Command Update and reseated the dock’s power.\nBoth monitors come up on docking.',
  },
  {
    summary: 'Outlook crashes when opening attachments',
    companyId: WOODGROVE,
    status: 'Closed',
    type: 'Incident',
    ownerId: 101,
    ageDays: 52,
    hours: 3,
    description: 'Outlook closes itself when I open a PDF attachment.',
    resolution:
      'The Adobe Acrobat preview handler crashed Outlook.\nUpdated Acrobat and turned off the attachment previewer for PDF.\nAttachments open without a crash.',
  },
  {
    summary: 'Calendar invites not showing for shared mailbox',
    companyId: CONTOSO,
    status: 'Closed',
    type: 'Service Request',
    ownerId: 104,
    ageDays: 66,
    hours: 6,
    description: 'Invites sent to the reception calendar never appear.',
    resolution:
      'The shared mailbox had a forwarding rule that deleted meeting requests.\nRemoved the rule and gave reception Editor rights on the calendar.',
  },
  {
    summary: 'Excel crashes when opening large workbook',
    companyId: FABRIKAM,
    status: 'Closed',
    type: 'Incident',
    ownerId: 105,
    ageDays: 26,
    hours: 3,
    description: 'The budget workbook (120 MB) crashes Excel every time.',
    resolution:
      'A COM add-in from the old CRM loaded on every workbook.\nDisabled the add-in and switched Office to 64-bit.\nThe workbook opens in 15 seconds.',
  },
  {
    summary: 'Remote desktop connection refused',
    companyId: TAILSPIN,
    status: 'Closed',
    type: 'Incident',
    ownerId: 106,
    ageDays: 42,
    hours: 1,
    description: 'Cannot RDP to the accounting PC from home.',
    resolution:
      'The PC had been moved to a new OU without the RDP firewall rule.\nMoved it back and ran gpupdate; RDP through the VPN works.',
  },
  {
    summary: 'Windows update stuck at 35%',
    companyId: LITWARE,
    status: 'Closed',
    type: 'Incident',
    ownerId: 102,
    ageDays: 58,
    hours: 20,
    description: 'Update has been at 35% since yesterday.',
    resolution:
      'The update cache was corrupt.\nStopped wuauserv, renamed SoftwareDistribution, ran DISM /RestoreHealth and installed the cumulative update manually.',
  },
  {
    summary: 'Scanner to email not working',
    companyId: ADVENTURE,
    status: 'Closed',
    type: 'Incident',
    ownerId: 103,
    ageDays: 80,
    hours: 4,
    description: 'The copier says "send error" when scanning to email.',
    resolution:
      'Microsoft 365 turned off basic SMTP auth for the scanner’s mailbox.\nSet the copier to use the SMTP relay connector on port 25 from the office IP.\nScans arrive again.',
  },
];

/** The id a resolved ticket got in the seed, by its summary (tests use this instead of numbers). */
export function resolvedTicketId(summary: string): number {
  const i = RESOLVED_SPECS.findIndex((s) => s.summary === summary);
  if (i < 0) throw new Error(`seed: no resolved ticket "${summary}"`);
  return RESOLVED_TICKET_RANGE.first + i;
}

export function seedResolvedTickets(
  f: TicketFactory,
  base: Pick<SandboxState, 'contacts' | 'members'>,
): void {
  if (RESOLVED_SPECS.length > RESOLVED_TICKET_RANGE.last - RESOLVED_TICKET_RANGE.first + 1) {
    throw new Error('seed: RESOLVED_SPECS does not fit RESOLVED_TICKET_RANGE');
  }
  RESOLVED_SPECS.forEach((spec, i) => {
    const id = RESOLVED_TICKET_RANGE.first + i;
    const entered = SEED_NOW - spec.ageDays * DAY;
    const resolvedAt = entered + spec.hours * HOUR;
    const contact = base.contacts.find((c) => c.company.id === spec.companyId);
    const t = f.ticket({
      id,
      summary: spec.summary,
      boardId: 1,
      statusName: spec.status,
      companyId: spec.companyId,
      contactId: contact?.id,
      priorityId: 3,
      ownerId: spec.ownerId,
      enteredMs: entered,
    });
    // Explicit dates and type: the factory's random ones would make the demo's order arbitrary.
    t.type = TYPES[spec.type];
    t._info.lastUpdated = cwDate(resolvedAt);
    t._info.updatedBy = f.member(spec.ownerId).identifier;
    if (spec.status === 'Closed') {
      t.closedDate = cwDate(resolvedAt);
      t.closedBy = f.member(spec.ownerId).identifier;
    }
    f.note(id, { text: spec.description, detail: true, contactId: contact?.id, ms: entered });
    f.note(id, {
      text: spec.resolution,
      detail: true,
      resolution: true,
      memberId: spec.ownerId,
      ms: resolvedAt,
    });
  });
  f.tickets.sort((a, b) => a.id - b.id);
}
