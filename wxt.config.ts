import { defineConfig } from 'wxt';
import { LOCAL_AI_PATTERNS } from './lib/ai/endpoint';
import { CLOUD_HOST_PATTERNS, LOOPBACK_PATTERNS } from './lib/cw/hosts';
import { AUTOTASK_PAGE_PATHS } from './lib/detect/autotask/url';
import {
  CHROME_MIN_VERSION,
  E2E_POLICY_KEY,
  GECKO_ID,
  GECKO_MIN_VERSION,
  isE2eMode,
} from './lib/platform/build-variants';
import { ON_PREM_FRAME_PATTERN, panelFrameResource } from './lib/platform/panel-frame';

// The e2e builds (`wxt build --mode e2e`, output .output/<browser>-mv3-e2e; and `e2e-policy` for the
// Chromium policy test) additionally treat loopback as a CW site so tests and the demo can drive the real
// extension against the CW sandbox. Production never does.
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
  zip: {
    // AMO's reviewers rebuild from this zip (README "Build from source"): sources and lockfile only.
    excludeSources: [
      'tests/**',
      'docs/**',
      'scripts/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      '*.zip',
    ],
  },
  manifest: ({ mode, browser }) => {
    const loopback = isE2eMode(mode) ? LOOPBACK_PATTERNS : [];
    const firefox = browser === 'firefox';
    return {
      name: 'FlowPilot for ConnectWise',
      short_name: 'FlowPilot',
      description:
        'Troubleshoot ConnectWise PSA tickets in a side panel and post the documentation, status and time back in one click.',
      // idle: away time is measured at the machine, not from clicks in the panel (issue 13).
      // webRequest: observe a ticket page's request to start its context early (lib/background/nav-prefetch.ts);
      // no install warning of its own, and it sees only the hosts granted below.
      permissions: ['storage', 'alarms', 'scripting', 'idle', 'webRequest'],
      host_permissions: [...CLOUD_HOST_PATTERNS, ...loopback],
      // On-prem CW servers and AI endpoints are asked for at run time, inside the admin's Connect or
      // AI Save/Test click. A local AI server (Ollama, LM Studio) is the only loopback access a
      // production build can get, and it never makes loopback a CW site (normalizeSite, matches).
      // Autotask's UI hosts (https://*.autotask.net/*, within https://*/*) are asked for in the Autotask
      // Connect click; its content script is registered at run time once granted
      // (lib/background/autotask-pages.ts).
      optional_host_permissions: ['https://*/*', ...LOCAL_AI_PATTERNS],
      // The panel frame (panel.html) may be framed only by the PSA pages the content scripts run on
      // (ON_PREM_FRAME_PATTERN also covers Autotask's ww{N}.autotask.net, granted at run time too).
      web_accessible_resources: [
        panelFrameResource(browser, [...CLOUD_HOST_PATTERNS, ON_PREM_FRAME_PATTERN, ...loopback]),
      ],
      commands: {
        'toggle-panel': {
          suggested_key: { default: 'Alt+Shift+F' },
          description: 'Show or hide the FlowPilot panel',
        },
      },
      ...(firefox
        ? {
            browser_specific_settings: {
              gecko: {
                id: GECKO_ID,
                strict_min_version: GECKO_MIN_VERSION,
                // FlowPilot sends nothing to its developer: tickets go to the customer's own CW, and the
                // optional assistant to the endpoint their admin configures (README "Firefox").
                data_collection_permissions: { required: ['none'] },
              },
              // Android reads data_collection_permissions from 142 on (web-ext lint asks for it).
              gecko_android: { strict_min_version: '142.0' },
            },
          }
        : {
            minimum_chrome_version: CHROME_MIN_VERSION,
            // Policy for Chrome/Edge (Firefox reads the same keys from policies.json, no schema).
            storage: { managed_schema: 'managed_schema.json' },
            // Picks the technician from a managed roster by the browser profile's email, asked once.
            optional_permissions: ['identity', 'identity.email'],
          }),
      // Pins the policy e2e build's id so its machine-wide policy file reaches that build only.
      ...(mode === 'e2e-policy' ? { key: E2E_POLICY_KEY } : {}),
    };
  },
  hooks: {
    // Content-script matches are static in the entrypoint; loopback is added here, for the e2e builds only.
    // The Autotask sandbox is loopback too (another port, which match patterns cannot tell apart): CW's
    // script leaves Autotask's UI paths to the Autotask script (registered at run time on those paths).
    'build:manifestGenerated': (wxt, manifest) => {
      if (!isE2eMode(wxt.config.mode)) return;
      for (const cs of manifest.content_scripts ?? []) {
        cs.matches = [...(cs.matches ?? []), ...LOOPBACK_PATTERNS];
        cs.exclude_matches = LOOPBACK_PATTERNS.flatMap((p) =>
          AUTOTASK_PAGE_PATHS.map((path) => p.replace(/\/\*$/, path)),
        );
      }
    },
  },
});
