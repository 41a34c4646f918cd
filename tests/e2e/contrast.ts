import type { Page } from '@playwright/test';

/**
 * WCAG 2 contrast of every visible text in the panel (its frame's document, panel.html) or the whole
 * page: text colour against the first opaque background behind it, ≥ 4.5:1 (3:1 for large text).
 * axe-core leaves most panel text "incomplete" (it can't find the background of a fixed layer), so this
 * measures it directly. Disabled controls are exempt, as in WCAG. Returns the offenders, described.
 */
export async function lowContrast(page: Page, scope: 'panel' | 'page'): Promise<string[]> {
  const target =
    scope === 'panel' ? page.frames().find((f) => new URL(f.url()).pathname === '/panel.html') : page;
  if (!target) return ['no panel'];
  return target.evaluate(() => {
    type RGBA = [number, number, number, number];
    const parse = (c: string): RGBA => {
      const m = c.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [m[0] ?? 0, m[1] ?? 0, m[2] ?? 0, m[3] ?? 1];
    };
    const over = (top: RGBA, under: RGBA): RGBA => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i]! * a + under[i]! * (1 - a)).concat(1) as RGBA;
    };
    const lum = (c: RGBA) => {
      const ch = c.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * ch[0]! + 0.7152 * ch[1]! + 0.0722 * ch[2]!;
    };
    const ratio = (a: RGBA, b: RGBA) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    const parentOf = (el: Element): Element | null =>
      el.parentElement ?? ((el.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
    const background = (el: Element): RGBA => {
      const layers: RGBA[] = [];
      for (let e: Element | null = el; e; e = parentOf(e)) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      // Nothing opaque found: the page's canvas (white in light, the dark scheme's canvas otherwise).
      let base: RGBA = matchMedia('(prefers-color-scheme: dark)').matches
        ? [18, 18, 18, 1]
        : [255, 255, 255, 1];
      for (const l of layers.reverse()) base = over(l, base);
      return base;
    };
    const root: ParentNode = document;
    const bad: string[] = [];
    const all = [...root.querySelectorAll('*')];
    // Open dialogs' content too (they are in the same tree).
    for (const el of all) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim());
      const isField = el.matches(
        'input:not([type=checkbox]):not([type=radio]):not([type=file]), textarea, select',
      );
      if (!own && !isField) continue;
      if (
        (el as HTMLElement).closest?.('[disabled], :disabled, [aria-disabled="true"], [aria-hidden="true"]')
      )
        continue;
      const cs = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (cs.visibility === 'hidden' || cs.display === 'none' || rect.width === 0 || rect.height === 0)
        continue;
      if (isField && !(el as HTMLInputElement).value && !own) continue;
      const bg = background(el);
      const fg = over(parse(cs.color), bg);
      const size = Number.parseFloat(cs.fontSize);
      const bold = Number(cs.fontWeight) >= 700;
      const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      const r = ratio(fg, bg);
      if (r < need) {
        const text = (own ? el.textContent : (el as HTMLInputElement).value)?.trim().slice(0, 30);
        bad.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} “${text}” ${r.toFixed(2)}:1`);
      }
    }
    return bad;
  });
}
