import { useEffect, useState } from 'preact/hooks';
import { Button } from '@/components/ui/Button';
import { missingHostAccess, requestHostAccess } from '@/lib/platform/host-access';

/**
 * Site access is the user's to give and take back (Firefox: every MV3 host permission, revocable in
 * about:addons; Chrome/Edge: "site access"). Without it there is no panel on CW pages and no CW API,
 * so say so here and ask again, inside the click.
 */
export function HostAccessBanner() {
  const [missing, setMissing] = useState<string[]>([]);
  const check = () => void missingHostAccess().then(setMissing, () => setMissing([]));
  useEffect(() => {
    check();
    window.addEventListener('focus', check);
    return () => window.removeEventListener('focus', check);
  }, []);
  if (!missing.length) return null;
  return (
    <p class="fp-banner fp-banner--error" role="alert" aria-label="Site access">
      FlowPilot is not allowed on {missing.map((p) => p.replace(/\/\*$/, '')).join(', ')} in this browser, so
      it cannot show its panel on ConnectWise pages or reach the ConnectWise API.{' '}
      <Button
        onClick={async () => {
          await requestHostAccess(missing);
          check();
        }}
      >
        Allow access to ConnectWise sites
      </Button>
    </p>
  );
}
