// The text being searched for inside a payload, handed down so folded strings and collapsed
// JSON nodes that contain it open themselves (a match hidden behind a fold is no match).
import { createContext, useContext } from 'react';

export const SearchNeedleContext = createContext('');

export function useSearchNeedle(): string {
  return useContext(SearchNeedleContext);
}

/** Case-insensitive containment, the same rule the highlighter uses. */
export function containsNeedle(text: string, needle: string): boolean {
  return needle !== '' && text.toLowerCase().includes(needle.toLowerCase());
}
