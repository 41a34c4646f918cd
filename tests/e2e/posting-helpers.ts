import type { ExtensionBrowser } from './browser';
import { askBg } from './connect';

/** A technician "John Smith" mapped to CW member jsmith (101) and signed in on this browser. */
export async function signInAsJsmith(ext: ExtensionBrowser): Promise<void> {
  const roster = await askBg<{ technicians: { id: string }[] }>(ext, 'optionsToBg', 'technicians/add', {
    name: 'John Smith',
    email: 'john.smith@flowpilotmsp.com',
  });
  const id = roster.technicians[0]!.id;
  await askBg(ext, 'optionsToBg', 'mapping/save', {
    assignments: [{ technicianId: id, member: { id: 101, identifier: 'jsmith', name: 'John Smith' } }],
  });
  await askBg(ext, 'optionsToBg', 'mapping/signedIn', { technicianId: id });
}
