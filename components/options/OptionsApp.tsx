/** The options page shell; its tabs (Connection, Member Mapping, FlowPilot, …) come with the options issue. */
export function OptionsApp() {
  return (
    <main>
      <h1>FlowPilot for ConnectWise</h1>
    </main>
  );
}
