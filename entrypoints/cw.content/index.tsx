import { render } from 'preact';
import { Panel } from '@/components/panel/Panel';
import { CLOUD_HOST_PATTERNS } from '@/lib/cw/hosts';
import { mountShadowHost } from '@/lib/panel/mount';

// Top frame only (CW nests iframes; the panel must exist once). Loopback matches are added to the
// e2e build in wxt.config.ts; on-prem hosts are registered at run time.
export default defineContentScript({
  matches: CLOUD_HOST_PATTERNS,
  allFrames: false,
  runAt: 'document_idle',
  main(ctx) {
    const { host, root } = mountShadowHost(document);
    render(<Panel />, root);
    ctx.onInvalidated(() => {
      render(null, root);
      host.remove();
    });
  },
});
