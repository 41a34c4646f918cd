import { describe, expect, it } from 'vitest';
import {
  clampPanelWidth,
  maxPanelWidth,
  PANEL_WIDTH,
  panelWidthCss,
  widthForButton,
  widthForKey,
} from './width';

describe('panel width', () => {
  it('is at most half the window, never above 720 or below 320', () => {
    expect(maxPanelWidth(1300)).toBe(650);
    expect(maxPanelWidth(1301)).toBe(650);
    expect(maxPanelWidth(2560)).toBe(720);
    expect(maxPanelWidth(500)).toBe(320);
    expect(clampPanelWidth(460, 1300)).toBe(460);
    expect(clampPanelWidth(900, 1300)).toBe(650);
    expect(clampPanelWidth(100, 1300)).toBe(320);
    expect(clampPanelWidth(400.6, 1300)).toBe(401);
  });

  it('falls back to the default for a value that is not a width', () => {
    expect(clampPanelWidth(Number.NaN, 1300)).toBe(PANEL_WIDTH.default);
    expect(clampPanelWidth(Number.POSITIVE_INFINITY, 1300)).toBe(PANEL_WIDTH.default);
  });

  it('states the same limits in CSS, so a resized window re-fits it without a script', () => {
    expect(panelWidthCss(460)).toBe('min(90vw, clamp(320px, 460px, min(720px, 50vw)))');
    expect(panelWidthCss(5000)).toBe('min(90vw, clamp(320px, 720px, min(720px, 50vw)))');
    expect(panelWidthCss(10)).toBe('min(90vw, clamp(320px, 320px, min(720px, 50vw)))');
  });

  it('moves by 16 px per arrow key (Left widens: the edge moves left) and to the limits on Home/End', () => {
    expect(widthForKey('ArrowLeft', 360, 1300)).toBe(376);
    expect(widthForKey('ArrowRight', 360, 1300)).toBe(344);
    expect(widthForKey('ArrowRight', 330, 1300)).toBe(320);
    expect(widthForKey('ArrowLeft', 640, 1300)).toBe(650);
    // A width saved in a wider window starts from what this window shows.
    expect(widthForKey('ArrowRight', 700, 1000)).toBe(484);
    expect(widthForKey('Home', 500, 1300)).toBe(320);
    expect(widthForKey('End', 500, 1300)).toBe(650);
    expect(widthForKey('a', 500, 1300)).toBeUndefined();
  });

  it('Widen/Narrow step 64 px from the width shown, stop at the absolute limits, and say when they cannot', () => {
    expect(widthForButton('wider', 360)).toBe(424);
    expect(widthForButton('narrower', 424)).toBe(360);
    expect(widthForButton('narrower', 360)).toBe(PANEL_WIDTH.min);
    expect(widthForButton('narrower', PANEL_WIDTH.min)).toBeUndefined();
    expect(widthForButton('wider', 700)).toBe(PANEL_WIDTH.max);
    expect(widthForButton('wider', PANEL_WIDTH.max)).toBeUndefined();
    expect(widthForButton('wider', 359.6)).toBe(424);
  });
});
