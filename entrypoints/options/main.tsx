import { render } from 'preact';
import '@/components/ui/ui.css';
import { askFirstPageEarly, earlyFirstPageSettled } from '@/components/options/history/first-page';
import { OptionsApp } from '@/components/options/OptionsApp';
import { OPTIONS_TABS, preloadTab, tabFromHash } from '@/components/options/tabs';

// The tab the page opens at starts loading its code now. Opened at Post History, its first page is
// asked for at once and the first render waits for it (at most 100 ms), so the first frame has the
// rows (issue 12 §2).
const first = tabFromHash(location.hash);
if (first === 'history') askFirstPageEarly();
void preloadTab(OPTIONS_TABS.find((t) => t.id === first)!).catch(() => undefined);
void earlyFirstPageSettled(100).then(() => render(<OptionsApp />, document.getElementById('app')!));
