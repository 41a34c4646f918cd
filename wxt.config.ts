import { defineConfig } from 'wxt';
import { CLOUD_HOST_PATTERNS, LOOPBACK_PATTERNS } from './lib/cw/hosts';

// The e2e build (`wxt build --mode e2e`, output .output/chrome-mv3-e2e) additionally treats loopback as a
// CW site so tests and the demo can drive the real extension against the CW sandbox. Production never does.
export default defineConfig({
  // Parallel test runs can build into separate folders (FP_OUT_DIR=.output-x); the default is .output.
  outDir: process.env.FP_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/auto-icons'],
  autoIcons: { baseIconPath: 'public/icon.svg' },
  vite: () => ({
    // No dev JSX (file names and line numbers on every element) in any build: the e2e build then ships the
    // same panel code as production, and `npm run bench` measures the content script that users load.
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact', jsxDev: false },
    resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  }),
  manifest: ({ mode }) => {
    const loopback = mode === 'e2e' ? LOOPBACK_PATTERNS : [];
    return {
      name: 'FlowPilot for ConnectWise',
      short_name: 'FlowPilot',
      description:
        'Troubleshoot ConnectWise PSA tickets in a side panel and post the documentation, status and time back in one click.',
      // idle: away time is measured at the machine, not from clicks in the panel (issue 13).
      permissions: ['storage', 'alarms', 'scripting', 'idle'],
      host_permissions: [...CLOUD_HOST_PATTERNS, ...loopback],
      // On-prem CW servers are asked for at run time, inside the admin's Connect click.
      optional_host_permissions: ['https://*/*'],
      commands: {
        'toggle-panel': {
          suggested_key: { default: 'Alt+Shift+F' },
          description: 'Show or hide the FlowPilot panel',
        },
      },
    };
  },
  hooks: {
    // Content-script matches are static in the entrypoint; loopback is added here, for the e2e build only.
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'e2e') return;
      for (const cs of manifest.content_scripts ?? [])
        cs.matches = [...(cs.matches ?? []), ...LOOPBACK_PATTERNS];
    },
  },
});
