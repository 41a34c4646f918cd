/** The label on a control the organization's policy sets (the control itself is read-only). */
export function SetByOrg() {
  return <strong class="fp-org">Set by your organization. </strong>;
}
