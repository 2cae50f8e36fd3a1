// Tags on one line: whole tags while they fit, then a "+N" chip for the rest, never a row of
// tags each cut to a few letters. The box first asks for every tag in a row (its flex basis)
// but gives way first when the row is short (a flex-shrink far above its neighbours', down to
// the chip's width), reads the width the layout gives it, keeps the tags that fit whole beside
// the chip and then asks only for that much, so the header's facts keep theirs. Measured again
// whenever the header is resized. The chip names every tag on hover and opens them as a menu
// (picking one filters the list by it). When not even one tag fits whole, the chip alone says
// how many there are.
import { useLayoutEffect, useRef, useState } from 'react';
import { useMenuBelow } from './useMenuBelow.ts';
import { ContextMenu } from './ContextMenu.tsx';
import { observeSize } from './canvas/observeSize.ts';

/** The box's flex-shrink: far above its neighbours' (1), so the tags give their room up first. */
const YIELD_FIRST = 1000;

interface OverflowTagsProps {
  tags: readonly string[];
  className?: string;
  /** What picking a tag from the "+N" menu does. */
  onPick: (tag: string) => void;
  /** Says so above the menu's tags ("Filter the trace list by tag"). */
  menuHeading: string;
}

export function OverflowTags({ tags, className, onPick, menuHeading }: OverflowTagsProps) {
  const box = useRef<HTMLDivElement>(null);
  const more = useRef<HTMLButtonElement>(null);
  const [shown, setShown] = useState(tags.length);
  const menu = useMenuBelow();
  // biome-ignore lint/correctness/useExhaustiveDependencies: new tags are new chips to measure.
  useLayoutEffect(() => {
    const element = box.current;
    const header = element?.parentElement;
    if (!element || !header) return;
    const chips = [...element.querySelectorAll<HTMLElement>('.overflow-tags-chip')];
    const gap = Number.parseFloat(getComputedStyle(element).columnGap) || 0;
    // Measure with every tag asked for and the box shrinkable; then hold what was kept, unshrunk
    // (it is no wider than the room measured, so the header's other items keep theirs).
    const fit = () => {
      // Each chip's whole width (scrollWidth, an ellipsised one's too, plus its 1 px borders and
      // a pixel for scrollWidth's rounding); chips left out are laid out unseen, so measurable.
      const widths = chips.map((chip) => chip.scrollWidth + 3);
      const all = widths.reduce((sum, w) => sum + w, 0) + gap * (widths.length - 1);
      const moreWidth = more.current?.offsetWidth || 28;
      // Shrinks ahead of its neighbours (shrinking is weighted by this factor), never below the chip.
      element.style.flex = `0 ${YIELD_FIRST} ${all}px`;
      element.style.minWidth = `${Math.min(all, moreWidth)}px`;
      const room = element.getBoundingClientRect().width;
      if (all <= room + 0.5) {
        setShown(widths.length);
        return;
      }
      const besideMore = room - moreWidth - gap;
      let used = 0;
      let count = 0;
      while (count < widths.length && used + widths[count]! + (count > 0 ? gap : 0) <= besideMore + 0.5) {
        used += widths[count]! + (count > 0 ? gap : 0);
        count++;
      }
      // Not even the first tag fits whole: the chip alone ("+3"), its menu lists them all.
      setShown(count);
      const kept = count === 0 ? moreWidth : used + gap + moreWidth;
      element.style.flex = `0 0 ${kept}px`;
    };
    fit();
    // Measured again when the header resizes, and when a font arrives and the tags' widths change.
    document.fonts?.addEventListener('loadingdone', fit);
    const stop = observeSize(header, fit);
    return () => {
      stop();
      document.fonts?.removeEventListener('loadingdone', fit);
    };
  }, [tags]);
  if (tags.length === 0) return null;
  const hidden = tags.length - shown;
  return (
    <div ref={box} className={`overflow-tags ${className ?? ''}`}>
      {tags.map((tag, i) => (
        <span key={tag} className="tag-chip overflow-tags-chip" title={tag} hidden={i >= shown}>
          {tag}
        </span>
      ))}
      {/* Left-out chips and the +N chip stay in the layout, unseen, so their widths are known. */}
      <button
        ref={more}
        type="button"
        className="tag-chip tag-more"
        hidden={hidden === 0}
        aria-haspopup="menu"
        aria-label={`${hidden}${shown > 0 ? ' more' : ''} ${hidden === 1 ? 'tag' : 'tags'}: ${tags.slice(shown).join(', ')}`}
        title={`Tags: ${tags.join(', ')}`}
        onClick={menu.openBelow}
      >
        +{Math.max(hidden, 1)}
      </button>
      {menu.at && (
        <ContextMenu
          x={menu.at.x}
          y={menu.at.y}
          onClose={menu.close}
          heading={menuHeading}
          items={tags.map((tag) => ({ label: tag, onSelect: () => onPick(tag) }))}
        />
      )}
    </div>
  );
}
