// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { firstControl } from './toggle-focus';

function panel(html: string): HTMLElement {
  const el = document.createElement('aside');
  el.innerHTML = html;
  return el;
}

describe('the first control the shortcut focuses', () => {
  const header = '<header><button aria-label="Collapse FlowPilot">⟩</button>';

  it('is the first ticket action, not Collapse', () => {
    const p = panel(
      `${header}<div class="fp-actions"><button disabled>x</button><button>Link Ticket</button></div></header><div class="fp-body"><button>Start Session</button></div>`,
    );
    expect(firstControl(p)?.textContent).toBe('Link Ticket');
  });

  it('is the first control of the body without ticket actions (not connected)', () => {
    const p = panel(
      `${header}</header><div class="fp-body"><p>Not connected</p><button>Open FlowPilot options</button></div>`,
    );
    expect(firstControl(p)?.textContent).toBe('Open FlowPilot options');
  });

  it('is Collapse when there is nothing else yet', () => {
    const p = panel(`${header}</header><div class="fp-body"><p>Starting…</p></div>`);
    expect(firstControl(p)?.getAttribute('aria-label')).toBe('Collapse FlowPilot');
  });
});
