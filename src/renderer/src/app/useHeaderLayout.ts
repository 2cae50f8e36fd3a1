// How the trace header lays out its facts, tried in order until one fits:
//   1. one line, the start time to the millisecond;
//   2. one line, the start time to the second (the full time on hover);
//   3. the facts on a line of their own, to the millisecond;
//   4. the facts on a line of their own, to the second, from the header's left edge;
//   5. the same, terse: the values without their labels (kept for screen readers), counts with
//      their unit ("19,993 spans", "18.7M tokens"), as a 1024 px window with the list and the
//      inspector open needs for a big run.
// A line "fits" the name, the status, the buttons and the smallest the tags get (their "+N"
// chip). The key facts outlive room for tags, and none is dropped. Decided from natural widths
// (the name's text, each fact, both forms of the start time, each button), which do not change
// with the layout chosen, so the choice never flips back and forth. Measured again when the
// header resizes or fonts arrive.
import { type RefObject, useLayoutEffect, useRef, useState } from 'react';
import { observeSize } from '../components/canvas/observeSize.ts';

/** The name's share of a one-line header (its CSS max-width). */
const TITLE_SHARE = 0.4;

export interface HeaderLayout {
  /** The facts on a line of their own. */
  stacked: boolean;
  /** The start time to the second, not the millisecond. */
  shortTime: boolean;
  /** The values without their labels. */
  terse: boolean;
}

/** The facts' width in each form, px. */
export interface FactWidths {
  /** Labelled, the start time to the millisecond. */
  long: number;
  /** Labelled, the start time to the second. */
  short: number;
  /** Unlabelled, counts with their unit, the start time to the second. */
  terse: number;
}

let textMeasurer: CanvasRenderingContext2D | null | undefined;
/** A text's natural width in a font, laid out or not (labels are hidden in the terse form). */
function textWidth(text: string, font: string): number {
  textMeasurer ??= document.createElement('canvas').getContext('2d');
  if (!textMeasurer) return 0;
  textMeasurer.font = font;
  return textMeasurer.measureText(text).width;
}

/**
 * The facts' width in each form, from the form shown: both forms of the start time are in the
 * DOM (one unseen, measured as it is), and the labels and units are fixed words, measured as
 * text, so the answer does not depend on the form on screen.
 */
function factWidths(facts: HTMLElement): FactWidths {
  const each = [...facts.children] as HTMLElement[];
  const gap = Number.parseFloat(getComputedStyle(facts).columnGap) || 0;
  let shownWidth = gap * Math.max(0, each.length - 1);
  let labels = 0;
  let units = 0;
  for (const fact of each) {
    shownWidth += fact.getBoundingClientRect().width;
    const label = fact.querySelector('dt');
    if (label)
      labels +=
        textWidth(label.textContent ?? '', getComputedStyle(label).font) +
        (Number.parseFloat(getComputedStyle(fact).columnGap) || 0);
    for (const unit of fact.querySelectorAll('.fact-unit'))
      units += textWidth(unit.textContent ?? '', getComputedStyle(unit.parentElement ?? unit).font);
  }
  const long = facts.querySelector<HTMLElement>('.fact-time-long')?.getBoundingClientRect().width ?? 0;
  const short = facts.querySelector<HTMLElement>('.fact-time-short')?.getBoundingClientRect().width ?? 0;
  const terseNow = facts.classList.contains('facts-terse');
  const shownTime = facts.classList.contains('facts-short-time') ? short : long;
  // Labelled, with neither form of the time.
  const labelled = shownWidth - shownTime + (terseNow ? labels - units : 0);
  return { long: labelled + long, short: labelled + short, terse: labelled - labels + units + short };
}

/** Pure: the first layout of the four that fits. */
export function chooseHeaderLayout(room: {
  /** The header's inner width, px. */
  width: number;
  /** Name, status, tags ("+N") and buttons with their gaps: what shares a line with the facts. */
  firstLine: number;
  facts: FactWidths;
  /** The facts' own line: the header's inner width less its indent. */
  factsLine: number;
}): HeaderLayout {
  const fits = (used: number, width: number) => used <= width + 0.5;
  const layout = (stacked: boolean, shortTime: boolean, terse = false) => ({ stacked, shortTime, terse });
  if (fits(room.firstLine + room.facts.long, room.width)) return layout(false, false);
  if (fits(room.firstLine + room.facts.short, room.width)) return layout(false, true);
  if (fits(room.facts.long, room.factsLine)) return layout(true, false);
  // To the second, the facts' line also gives its indent up.
  if (fits(room.facts.short, room.width)) return layout(true, true);
  // The last resort; in a window narrower than even that, the facts wrap onto a third line
  // rather than cut one.
  return layout(true, true, true);
}

/** Indent of the facts' own line (under the name, past the list toggle): see layout.css. */
const STACKED_FACTS_INDENT = 26;

export function useHeaderLayout(header: RefObject<HTMLElement | null>): HeaderLayout {
  const [layout, setLayout] = useState<HeaderLayout>({ stacked: false, shortTime: false, terse: false });
  const measure = useRef(() => {});
  measure.current = () => {
    const element = header.current;
    if (!element) return;
    const style = getComputedStyle(element);
    const width =
      element.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
    const gap = Number.parseFloat(style.columnGap) || 0;
    const items = [...element.children] as HTMLElement[];
    let title = 0;
    let facts: FactWidths = { long: 0, short: 0, terse: 0 };
    let tags = 0;
    let rest = 0;
    for (const item of items) {
      if (item.classList.contains('trace-title')) {
        const text = document.createRange();
        text.selectNodeContents(item);
        title = Math.ceil(text.getBoundingClientRect().width) + 1;
      } else if (item.classList.contains('trace-facts')) facts = factWidths(item);
      else if (item.classList.contains('overflow-tags')) {
        tags = item.querySelector<HTMLElement>('.tag-more')?.offsetWidth ?? 0;
      } else rest += item.getBoundingClientRect().width;
    }
    const gaps = gap * (items.length - 1);
    const next = chooseHeaderLayout({
      width,
      firstLine: rest + Math.min(title, width * TITLE_SHARE) + tags + gaps,
      facts,
      factsLine: width - STACKED_FACTS_INDENT,
    });
    setLayout((prev) =>
      prev.stacked === next.stacked && prev.shortTime === next.shortTime && prev.terse === next.terse
        ? prev
        : next,
    );
    // Stacked, the first line wraps rather than shrinks its items: so the name and the tags are
    // held to what it leaves them (the name first, the tags at least their "+N" chip).
    const firstLine = width - rest - (gaps - gap) - 1;
    const titleRoom = Math.max(60, Math.min(title, firstLine - tags));
    element.style.setProperty('--header-title-room', `${titleRoom}px`);
    element.style.setProperty('--header-tags-room', `${Math.max(tags, firstLine - titleRoom)}px`);
  };
  // Every render: the facts' text may have changed (a running trace's duration).
  useLayoutEffect(() => measure.current());
  useLayoutEffect(() => {
    const element = header.current;
    if (!element) return;
    const remeasure = () => measure.current();
    document.fonts?.addEventListener('loadingdone', remeasure);
    const stop = observeSize(element, remeasure);
    return () => {
      stop();
      document.fonts?.removeEventListener('loadingdone', remeasure);
    };
  }, [header]);
  return layout;
}
