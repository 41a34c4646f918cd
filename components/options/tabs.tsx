import type { VNode } from 'preact';
import { AiSettings } from './AiSettings';
import { ActivityTab } from './activity/ActivityTab';
import { ConnectionTab } from './ConnectionTab';
import { FlowPilotTab } from './FlowPilotTab';
import { PostHistoryTab } from './history/PostHistoryTab';
import { MappingTab } from './MappingTab';
import { SessionsTab } from './sessions/SessionsTab';

export interface OptionsTab {
  /** The URL hash that opens it: options.html#mapping. */
  id: string;
  /** The tab's accessible name (exact: tests and docs use it). */
  label: string;
  render: () => VNode;
}

// Adding a tab is one entry here (e.g. { id: 'history', label: 'Post History', render: () => <PostHistoryTab /> }).
export const OPTIONS_TABS: OptionsTab[] = [
  { id: 'connection', label: 'Connection', render: () => <ConnectionTab /> },
  { id: 'mapping', label: 'Member Mapping', render: () => <MappingTab /> },
  {
    id: 'flowpilot',
    label: 'FlowPilot',
    render: () => (
      <FlowPilotTab>
        <AiSettings />
      </FlowPilotTab>
    ),
  },
  { id: 'history', label: 'Post History', render: () => <PostHistoryTab /> },
  { id: 'sessions', label: 'Sessions', render: () => <SessionsTab /> },
  { id: 'activity', label: 'Activity', render: () => <ActivityTab /> },
];

export function tabFromHash(hash: string, tabs: readonly OptionsTab[] = OPTIONS_TABS): string {
  const id = hash.replace(/^#/, '').split(/[?&/]/)[0]?.toLowerCase() ?? '';
  return tabs.some((t) => t.id === id) ? id : tabs[0]!.id;
}
